from django import template

from apps.roadmap.formatting import quantity

register = template.Library()


@register.filter
def measured(indicator_value) -> str:
    """An indicator value with its unit, in the current language (12 000 t, 45 %)."""
    return quantity(indicator_value.value, indicator_value.indicator.unit)
