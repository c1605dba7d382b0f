"""A person's language: chosen with the switcher, kept on their profile once signed in."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation


def is_supported_language(language: str) -> bool:
    return language in dict(settings.LANGUAGES)


def answer_in_language(response, language: str):
    """Send a redirect to the same page in `language`, and remember it in the cookie, so
    unprefixed addresses open in that language next time."""
    if not is_supported_language(language):
        return response
    if response.status_code in (301, 302) and response.get("Location"):
        response["Location"] = translate_url(response["Location"], language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def current_language() -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if is_supported_language(language) else settings.LANGUAGE_CODE


def language_tag(language: str) -> str:
    """The BCP 47 tag for pages and e-mails: the portal writes Canadian English and French."""
    return f"{language.split('-')[0]}-CA"
