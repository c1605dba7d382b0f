from django.conf import settings

from .i18n import current_language, language_tag


def portal(request):
    return {
        "LANGUAGE_TAG": language_tag(current_language()),
        "SITE_URL": settings.SITE_URL,
        "SECRETARIAT_EMAIL": settings.SECRETARIAT_EMAIL,
    }
