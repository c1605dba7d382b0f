"""The dashboard's figures, cached for a few minutes (Redis when REDIS_URL is set).

Writes that change the figures call `figures_changed()`: after the commit it bumps a version
number that is part of every key, so the next page computes afresh. When the cache is down the
figures are computed on each request and the page still renders.
"""

import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from redis import RedisError

logger = logging.getLogger(__name__)

VERSION_KEY = "dashboard:version"
TIMEOUT_SECONDS = 300
CACHE_ERRORS = (RedisError, OSError)

T = TypeVar("T")


def figures_changed() -> None:
    transaction.on_commit(bump_version)


def bump_version() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, timeout=None)
    except CACHE_ERRORS:
        logger.warning("Dashboard cache unreachable: figures not marked stale", exc_info=True)


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
