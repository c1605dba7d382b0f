"""One way to send e-mail: subject, plain text and HTML from templates, always multipart."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from .i18n import current_language, language_tag


def send_templated_email(*, template: str, to: list[str], context: dict, headers=None) -> None:
    """Render templates/emails/<template>_subject.txt, .txt and .html, and send them."""
    context = {"SITE_URL": settings.SITE_URL, **context}
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    subject = " ".join(subject.split())
    text_body = render_to_string(f"emails/{template}.txt", context)
    html_body = render_to_string(f"emails/{template}.html", context)
    # Callers render inside translation.override(the recipient's language); say which it is.
    headers = {"Content-Language": language_tag(current_language()), **(headers or {})}
    message = EmailMultiAlternatives(subject=subject, body=text_body, to=to, headers=headers)
    message.attach_alternative(html_body, "text/html")
    message.send()


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"
