"""One way to send e-mail: subject, plain text and HTML from templates, always multipart."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

from .i18n import current_language, language_tag


def send_templated_email(*, template: str, to: list[str], context: dict, headers=None) -> None:
    """Render templates/emails/<template>_subject.txt, .txt and .html, and send them."""
    context = {"SITE_URL": settings.SITE_URL, **_links_in_current_language(context)}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    subject = " ".join(subject.split())
    text_body = render_to_string(f"emails/{template}.txt", context)
    html_body = render_to_string(f"emails/{template}.html", context)
    # Callers render inside translation.override(the recipient's language); say which it is.
    headers = {"Content-Language": language_tag(current_language()), **(headers or {})}
    message = EmailMultiAlternatives(subject=subject, body=text_body, to=to, headers=headers)
    message.attach_alternative(html_body, "text/html")
    message.send()


def _links_in_current_language(context: dict) -> dict:
    """Links to the portal open in the language the e-mail is written in, wherever the caller
    built them."""
    language = current_language()
    site = f"{settings.SITE_URL}/"
    return {
        key: _translated_link(value, language) if isinstance(value, str) and value.startswith(site) else value
        for key, value in context.items()
    }


def _translated_link(url: str, language: str) -> str:
    # translate_url resolves the path in the active language: activate the link's own first.
    path = url[len(settings.SITE_URL) :]
    with translation.override(get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(url, language)


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
