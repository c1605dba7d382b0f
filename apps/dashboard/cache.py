"""The dashboard's figures, cached for a few minutes (Redis when REDIS_URL is set).

The figures are built from the roadmap, whose services say when its data changed
(apps.core.data_versions): the roadmap's data version is part of every key, so the next page
computes afresh. When the cache is down the figures are computed on each request and the page
still renders.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache

from apps.core.data_versions import CACHE_ERRORS, data_changed, version_bump, version_key
from apps.roadmap.services import ROADMAP_DATA

logger = logging.getLogger(__name__)

VERSION_KEY = version_key(ROADMAP_DATA)
TIMEOUT_SECONDS = 300

T = TypeVar("T")


def figures_changed() -> None:
    """For the dashboard's own settings (the public page switch): the figures are stale."""
    data_changed(topic=ROADMAP_DATA)


def bump_version() -> None:
    version_bump(topic=ROADMAP_DATA)


def cached_figures(name: str, compute: Callable[[], T]) -> T:
    """`compute()`'s result, from the cache while the figures have not changed."""
    try:
        version = cache.get_or_set(VERSION_KEY, 1, timeout=None)
        key = f"dashboard:{version}:{name}"
        found = cache.get(key)
    except CACHE_ERRORS:
        logger.warning("Dashboard cache unreachable: computing the figures", exc_info=True)
        return compute()
    if found is not None:
        return found
    figures = compute()
    try:
        cache.set(key, figures, timeout=TIMEOUT_SECONDS)
    except CACHE_ERRORS:
        logger.warning("Dashboard cache unreachable: figures not stored", exc_info=True)
    return figures
