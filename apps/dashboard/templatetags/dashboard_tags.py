from django import template

from ..models import PublicProgressPage

register = template.Library()


@register.simple_tag
def public_progress_is_on() -> bool:
    """For the header's link to the public progress page (shown to visitors not signed in)."""
    return PublicProgressPage.is_public()
