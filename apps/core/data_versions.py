"""A version number per kind of shared data, kept in the cache.

A writer says its data changed (the number goes up after the commit); whoever caches results
built from that data puts the number in its cache keys, so the next read computes afresh. The
writer never needs to know who caches what. When the cache is down, nothing is marked stale and
readers that cannot reach it compute every time.
"""

import logging

from django.core.cache import cache
from django.db import transaction
from redis import RedisError

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, OSError)


def version_key(topic: str) -> str:
    return f"data-version:{topic}"


def data_changed(*, topic: str) -> None:
    """Mark `topic`'s cached results stale once the current transaction commits."""
    transaction.on_commit(lambda: version_bump(topic=topic))


def version_bump(*, topic: str) -> None:
    key = version_key(topic)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 2, timeout=None)
    except CACHE_ERRORS:
        logger.warning("Cache unreachable: %s results not marked stale", topic, exc_info=True)
