"""Template helpers shared by every page: money in the reader's language, translated content
with a visible note when it falls back to the other language."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

register = template.Library()

FALLBACK_NOTES = {"en": gettext_lazy("in English"), "fr": gettext_lazy("in French")}


@register.filter
def money(amount, decimals=0):
    """`12000000|money` -> "$12,000,000" in English, "12 000 000 $" in French."""
    if amount in (None, ""):
        return ""
    formatted = number_format(Decimal(amount), decimal_pos=int(decimals), force_grouping=True)
    if translation.get_language().startswith("fr"):
        return f"{formatted}\xa0$"
    return f"${formatted}"


@register.simple_tag
def translated(instance, field_name):
    """The field in the current language; when only the other language has it, that text marked
    with its language and a note, so nobody mistakes it for a translation."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    current = current.split("-")[0]
    own_value = getattr(instance, f"{field_name}_{current}", None)
    if own_value:
        return own_value
    for code, _name in settings.LANGUAGES:
        value = getattr(instance, f"{field_name}_{code}", None)
        if code != current and value:
            return format_html(
                '<span lang="{}">{}</span> <span class="badge" title="{}">{}</span>',
                code,
                value,
                _("Not yet translated"),
                FALLBACK_NOTES[code],
            )
    return getattr(instance, field_name, "") or ""
