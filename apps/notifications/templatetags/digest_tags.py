from django import template
from django.conf import settings
from django.utils.translation import get_language

from apps.roadmap.formatting import quantity

register = template.Library()

# Thousands of digests link the same few hundred pages: each address is worked out once per
# language (keyed by what the address is made of, so a renamed code or slug is not stale).
_addresses: dict[tuple, str] = {}
_MAX_ADDRESSES = 20_000


@register.filter
def measured(indicator_value) -> str:
    """An indicator value with its unit, in the current language (12 000 t, 45 %)."""
    return quantity(indicator_value.value, indicator_value.indicator.unit)


@register.filter
def portal_url(item) -> str:
    """The item's page on the portal, absolute, in the current language."""
    key = (
        settings.SITE_URL,
        get_language(),
        item.__class__,
        item.pk,
        getattr(item, "code", None) or getattr(item, "slug", None),
    )
    address = _addresses.get(key)
    if address is None:
        if len(_addresses) >= _MAX_ADDRESSES:
            _addresses.clear()
        address = _addresses[key] = f"{settings.SITE_URL}{item.get_absolute_url()}"
    return address
