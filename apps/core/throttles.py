"""API throttles: per client address for anonymous calls, per person once signed in.

Both count in the `limits` cache, where the other rate limits are (Redis in deployment), and
read the client address the one way the whole portal does (apps/core/client.py), so a forged
X-Forwarded-For header neither escapes the throttle nor throttles someone else. When the cache
is unreachable, calls are let through (logged), as the other limits do.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .client import client_address
from .rate_limits import CACHE_ERRORS

logger = logging.getLogger(__name__)


class _PortalThrottle:
    rate_setting = ""

    @property
    def cache(self):
        return caches[settings.RATELIMIT_USE_CACHE]

    def get_rate(self):
        return getattr(settings, self.rate_setting)

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_ERRORS:
            logger.warning("Rate-limit cache unreachable: API call not throttled", exc_info=True)
            return True


class AnonymousClientThrottle(_PortalThrottle, AnonRateThrottle):
    scope = "anonymous"
    rate_setting = "API_THROTTLE_ANONYMOUS"


class SignedInPersonThrottle(_PortalThrottle, UserRateThrottle):
    """Signed-in people only; anonymous calls are the other throttle's."""

    scope = "person"
    rate_setting = "API_THROTTLE_PERSON"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
