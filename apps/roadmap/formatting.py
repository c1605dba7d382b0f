"""Indicator figures written for the reader's language: "$3,000,000,000 by 2035",
"3 000 000 000 $ d'ici 2035", "10,000 people by 2035"."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.templatetags.portal import money

from .models import Indicator

# The units roadmap.yaml uses, as a reader says them.
UNIT_LABELS = {
    "people": gettext_lazy("people"),
    "people/year": gettext_lazy("people a year"),
    "firms": gettext_lazy("firms"),
    "patents": gettext_lazy("patents"),
}


def quantity(value: Decimal, unit: str) -> str:
    """A value with its unit: money for CAD, a percentage for percent, a count otherwise."""
    if unit == "CAD":
        return money(value)
    number = number_format(Decimal(value).normalize(), force_grouping=True)
    if unit == "percent":
        return f"{number}\xa0%"
    return f"{number} {UNIT_LABELS.get(unit, unit)}"


def indicator_target_text(indicator: Indicator) -> str:
    if indicator.kind == Indicator.Kind.MULTIPLE:
        return _("%(times)s times the baseline by %(year)s") % {
            "times": number_format(Decimal(indicator.target).normalize()),
            "year": indicator.target_year,
        }
    return _("%(quantity)s by %(year)s") % {
        "quantity": quantity(indicator.target, indicator.unit),
        "year": indicator.target_year,
    }
