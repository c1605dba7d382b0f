from django.conf import settings

from .i18n import current_language, language_tag


def portal(request):
    from apps.organizations.permissions import is_portal_member

    user = getattr(request, "user", None)
    return {
        "LANGUAGE_TAG": language_tag(current_language()),
        "SITE_URL": settings.SITE_URL,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
        "is_portal_member": bool(user) and is_portal_member(user),
    }
