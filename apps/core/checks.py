"""System checks for what `check --deploy` should catch in the portal's own settings."""

from django.conf import settings
from django.core import checks

SHARED_CACHE_BACKENDS = ("django.core.cache.backends.redis.RedisCache",)


@checks.register(checks.Tags.security, deploy=True)
def rate_limits_need_a_shared_cache(app_configs, **kwargs):
    """Each web process would count on its own, multiplying every limit by the number of processes."""
    backend = settings.CACHES[settings.RATELIMIT_USE_CACHE]["BACKEND"]
    if backend in SHARED_CACHE_BACKENDS:
        return []
    return [
        checks.Warning(
            "Rate limits are counted in a cache each process keeps to itself.",
            hint="Set REDIS_URL so every web process counts sign-in failures and rate limits together.",
            id="alliance.W001",
        )
    ]
