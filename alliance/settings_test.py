"""Test settings: only what tests need differs from alliance.settings."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-0123456789abcdef")

from alliance.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests that need a real worker start one; the rest run tasks in-process.
CELERY_TASK_ALWAYS_EAGER = True
# Serve static files from the app folders, as in development (tests never run collectstatic).
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Threads of the live server and concurrency tests must not keep connections that would block
# dropping the test database at the end.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
# Rate-limit counters in memory even when REDIS_URL is set, so each test starts from zero
# (tests/conftest.py empties this cache) without flushing what the broker keeps in Redis.
CACHES = {
    **CACHES,  # noqa: F405
    "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
}
