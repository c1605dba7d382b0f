"""Template helpers for the sign-in pages: a wait told in words, and when it ends."""

from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_in_words(delta: timedelta | None) -> str:
    """`timedelta(minutes=90)` -> "1 hour 30 minutes", so a lockout reads as a wait, not a code."""
    if not delta:
        return ""
    total_minutes = int(delta.total_seconds() + 59) // 60
    if total_minutes < 1:
        return _("less than a minute")
    hours, minutes = divmod(total_minutes, 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if minutes:
        parts.append(ngettext("%(count)d minute", "%(count)d minutes", minutes) % {"count": minutes})
    return " ".join(parts)


@register.filter
def from_now(delta: timedelta | None):
    """The moment `delta` from now, to show when a wait ends."""
    if delta is None:
        return None
    return timezone.now() + delta
