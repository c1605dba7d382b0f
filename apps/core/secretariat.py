"""The "Secretariat" group: staff in it hold every model permission of the portal's apps.

That includes `accounts.change_user`, which staff need to look after ordinary people. What it
must not reach (a superuser's account, anyone's staff status, groups and single permissions) is
refused object by object in apps/accounts/admin.py, by the rules in apps/accounts/permissions.py.
"""

from django.apps import apps as global_apps

SECRETARIAT_GROUP = "Secretariat"
PORTAL_APP_LABELS = (
    "core",
    "accounts",
    "organizations",
    "working_groups",
    "roadmap",
    "patents",
    "notifications",
    "dashboard",
    "django_celery_beat",
    "axes",
)


def ensure_secretariat_group(sender=None, apps=global_apps, **kwargs):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=PORTAL_APP_LABELS)
    group.permissions.add(*permissions)
    return group
