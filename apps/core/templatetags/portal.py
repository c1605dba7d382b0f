"""Template helpers shared by every page: money in the reader's language, translated content
with a visible note when it falls back to the other language."""

from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.html import conditional_escape, format_html
from django.utils.html import linebreaks as _linebreaks
from django.utils.safestring import mark_safe
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
def translated(instance, field_name, paragraphs=False):
    """The field in the current language; when only the other language has it, that text marked
    with its language and a note, so nobody mistakes it for a translation. With paragraphs=True,
    line breaks become paragraphs (as the linebreaks filter does)."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    current = current.split("-")[0]
    shown = _render(getattr(instance, f"{field_name}_{current}", None) or "", paragraphs)
    if shown:
        return shown
    for code, _name in settings.LANGUAGES:
        value = getattr(instance, f"{field_name}_{code}", None)
        if code != current and value:
            tag = "div" if paragraphs else "span"
            return format_html(
                '<{} lang="{}">{}</{}> <span class="badge" title="{}">{}</span>',
                tag,
                code,
                _render(value, paragraphs),
                tag,
                _("Not yet translated"),
                FALLBACK_NOTES[code],
            )
    return _render(getattr(instance, field_name, "") or "", paragraphs)


def _render(text: str, paragraphs: bool):
    if paragraphs and text:
        # linebreaks escapes the text itself
        return mark_safe(_linebreaks(text, autoescape=True))  # noqa: S308 escaped above
    return conditional_escape(text)
