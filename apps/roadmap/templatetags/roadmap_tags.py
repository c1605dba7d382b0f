"""Small helpers for roadmap templates: a status shown in words, with colour as a second cue."""

from django import template
from django.utils.html import format_html

from apps.roadmap.models import Status

register = template.Library()

STATUS_BADGE_CLASSES = {
    Status.NOT_STARTED: "badge status-not-started",
    Status.ON_TRACK: "badge badge-green status-on-track",
    Status.AT_RISK: "badge badge-amber status-at-risk",
    Status.BLOCKED: "badge badge-red status-blocked",
    Status.DONE: "badge badge-green status-done",
}


@register.simple_tag
def status_badge(status: str) -> str:
    """The status's label in a badge; the label carries the meaning, the colour only helps."""
    try:
        status = Status(status)
    except ValueError:
        return ""
    return format_html('<span class="{}">{}</span>', STATUS_BADGE_CLASSES[status], status.label)


@register.filter
def is_web_address(value) -> bool:
    """Evidence links become links only when they are http(s) addresses (never `javascript:`)."""
    return isinstance(value, str) and value.lower().startswith(("https://", "http://"))


@register.filter
def target_text(indicator) -> str:
    """The indicator's target in words and figures of the reader's language."""
    from apps.roadmap.formatting import indicator_target_text

    return indicator_target_text(indicator)
