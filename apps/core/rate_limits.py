"""Limits on how often a client may do what costs others something (send e-mail, guess a password).

Counted by django-ratelimit in the `limits` cache (Redis when REDIS_URL is set), so every web
process on every machine counts together. Each limit is a rate in django-ratelimit's notation
("5/h", "20/15m") taken from a setting; the count restarts when its window ends, so a refusal
never lasts longer than the window.

When the cache is unreachable, the limits are not applied and a warning is logged: a Redis
outage must not stop people from signing in, applying or resetting a password.
"""

import logging
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage
from redis import RedisError

from .client import client_address

logger = logging.getLogger(__name__)

CACHE_ERRORS = (RedisError, OSError)


@dataclass(frozen=True)
class Limit:
    """`rate` uses of `group` per `key` (a client address, an e-mail address, "all")."""

    group: str
    key: str
    rate: str


@dataclass(frozen=True)
class LimitReached:
    group: str
    retry_after_seconds: int

    @property
    def retry_after_minutes(self) -> int:
        return max(1, math.ceil(self.retry_after_seconds / 60))


def per_client(request: HttpRequest, group: str, rate: str) -> Limit:
    return Limit(group=group, key=f"client:{client_address(request)}", rate=rate)


def limit_reached(request: HttpRequest, limit: Limit) -> LimitReached | None:
    """Whether `limit` is used up, without counting this request."""
    return _check(request, limit, increment=False, is_over=lambda count, allowed: count >= allowed)


def first_limit_hit(request: HttpRequest, limits: Iterable[Limit]) -> LimitReached | None:
    """Count this request against each limit in turn; stop at the first one it goes over.

    Put the client's own limits first: a client already refused does not use up the limits it
    shares with others (an applicant's address, the overall limit).
    """
    for limit in limits:
        reached = _check(request, limit, increment=True, is_over=lambda count, allowed: count > allowed)
        if reached is not None:
            return reached
    return None


def count_use(request: HttpRequest, limit: Limit) -> None:
    """Count one use (e.g. a failed sign-in) without deciding anything now."""
    _check(request, limit, increment=True, is_over=lambda count, allowed: False)


def too_many_requests(request: HttpRequest, reached: LimitReached, message: str) -> HttpResponse:
    """The page a refused person sees: what happened, in words, and when to try again (429)."""
    context = {"message": message, "retry_after_minutes": reached.retry_after_minutes}
    response = render(request, "too_many_requests.html", context, status=429)
    response["Retry-After"] = str(max(1, reached.retry_after_seconds))
    return response


def _check(request, limit: Limit, *, increment: bool, is_over) -> LimitReached | None:
    try:
        usage = get_usage(
            request,
            group=limit.group,
            key=lambda group, request: limit.key,
            rate=limit.rate,
            increment=increment,
        )
    except CACHE_ERRORS:
        logger.warning("Rate-limit cache unreachable: %s not limited", limit.group, exc_info=True)
        return None
    if usage is None or not is_over(usage["count"], usage["limit"]):
        return None
    return LimitReached(group=limit.group, retry_after_seconds=usage["time_left"])
