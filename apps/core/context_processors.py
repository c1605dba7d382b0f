from django.conf import settings


def portal(request):
    from apps.organizations.permissions import is_portal_member

    user = getattr(request, "user", None)
    return {
        "SITE_URL": settings.SITE_URL,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
        "is_portal_member": bool(user) and is_portal_member(user),
    }
