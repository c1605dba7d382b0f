"""Settings for the alliance portal, read from the environment (see .env.example and the README).

Defaults run on a fresh machine with nothing else installed: SQLite, Celery tasks run eagerly,
e-mail printed to the console. Setting DATABASE_URL and REDIS_URL switches to PostgreSQL and
Redis (Celery broker and cache).
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=true for local development).")
    SECRET_KEY = "insecure-development-key-only-for-debug-mode"  # noqa: S105 used only with DEBUG=true

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, so translated fields get their per-language inputs there.
    "modeltranslation",
    "apps.core",
    "apps.accounts",
    "apps.organizations",
    "apps.working_groups",
    "apps.roadmap",
    "apps.patents",
    "apps.notifications",
    "apps.dashboard",
    "apps.demo",
    "apps.core.admin_site.AllianceAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "import_export",
    "django_htmx",
    "simple_history",
    "django_celery_beat",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Hardening: the Content-Security-Policy header, no caching of signed-in pages, the idle
    # timeout (after the messages middleware: it tells the person why they were signed out).
    "csp.middleware.CSPMiddleware",
    "apps.core.middleware.NoStoreForSignedInMiddleware",
    "apps.core.middleware.IdleSessionTimeoutMiddleware",
    # Text PostgreSQL cannot store (NUL) is refused here, once, for every page, form and the API.
    "apps.core.input_screening.RefuseUnstorableInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "alliance.urls"
WSGI_APPLICATION = "alliance.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "apps.core.context_processors.portal",
                "apps.accounts.membership.membership_context",
            ],
        },
    },
]

# Database: SQLite by default, PostgreSQL with DATABASE_URL. Persistent connections, because a
# new connection per request costs more than most pages.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: Celery broker and cache when REDIS_URL is set; otherwise eager tasks and a local cache.
# The `limits` cache holds the rate-limit counters (apps/core/rate_limits.py): in Redis every web
# process on every machine counts together; without Redis each process counts alone (development
# only: `check --deploy` warns).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "TIMEOUT": 300,
        },
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "limits",
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "limits": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"},
    }

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
# The task a recorded event wakes (apps.core.events): the notifications app delivers the outbox.
OUTBOX_WAKE_UP_TASK = "apps.notifications.tasks.deliver_events"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# A task is acknowledged once it has run, handed back if its worker dies, and a worker holds one
# message at a time; the visibility timeout (below) is longer than any task may run.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Publishing to a dead broker must not hang a request: fail fast, the caller decides.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 1,
}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "America/Toronto"

# The API (/api/v1/): session sign-in for the browser (CSRF enforced), tokens for scripts.
REST_FRAMEWORK = {
    # Tokens first: DRF answers an anonymous call with the first authenticator's challenge (401).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "apps.accounts.api_auth.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # The browsable API with its own, page-scoped Content-Security-Policy exception.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "apps.api.renderers.BrowsableAPIRenderer",
    ],
    "EXCEPTION_HANDLER": "apps.core.api.exception_handler",
    # Per client address (apps/core/client.py) for anonymous calls, per person once signed in;
    # the rates are API_THROTTLE_ANONYMOUS and API_THROTTLE_PERSON below.
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.throttles.AnonymousClientThrottle",
        "apps.core.throttles.SignedInPersonThrottle",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "National Battery Alliance portal API",
    "DESCRIPTION": "The roadmap's areas, actions, status updates and indicators.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Sign-in: e-mail and password, sessions in the database (so signing in works without Redis).
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "apps.accounts.auth.ClientAddressLimitBackend",
    "django.contrib.auth.backends.ModelBackend",
]
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60 * 24 * 14)
# Seconds without a request after which a signed-in person is signed out (SESSION_COOKIE_AGE is
# the absolute limit, counted from signing in).
SESSION_IDLE_TIMEOUT = env.int("SESSION_IDLE_TIMEOUT", default=60 * 60 * 2)
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
INVITATION_VALID_DAYS = env.int("INVITATION_VALID_DAYS", default=14)
# API tokens stop working this many days after they are made; their owner is told a week before.
API_TOKEN_LIFETIME_DAYS = env.int("API_TOKEN_LIFETIME_DAYS", default=90)
# Sensitive steps (creating an API token) need the password typed again within these minutes.
RECENT_AUTHENTICATION_MINUTES = env.int("RECENT_AUTHENTICATION_MINUTES", default=15)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Which address a request comes from (apps/core/client.py), for the lockout, the rate limits and
# the API throttles alike: REMOTE_ADDR, unless proxies of ours sit in front of the portal and add
# X-Forwarded-For; then set how many. A client's own X-Forwarded-For is never believed.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)

# Repeated failed sign-ins lock the account for a cool-off period, never permanently, and never
# longer: attempts while it is locked are refused without starting the wait again.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "apps.accounts.auth.axes_username"
AXES_CLIENT_IP_CALLABLE = "apps.core.client.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "apps.accounts.auth.lockout_response"
AXES_VERBOSE = False
# Lockout is per account, as the portal promises. Adding the IP address would lock out a whole
# office behind one NAT or proxy after a few typos, so axes' advice (W006) is declined on purpose;
# password spraying (a few guesses at many accounts from one address) is limited separately, per
# client address, with a higher limit over the same cool-off (apps/accounts/auth.py).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
SIGN_IN_FAILURES_PER_CLIENT = env.int("SIGN_IN_FAILURES_PER_CLIENT", default=30)

# Rate limits (django-ratelimit, counted in the `limits` cache), in its notation: "5/h" is five an
# hour, "20/15m" twenty per fifteen minutes. Over a limit the person sees a page saying when to
# try again (429) and nothing is written or sent.
RATELIMIT_USE_CACHE = "limits"
RATELIMIT_IP_META_KEY = "apps.core.client.client_address"
RATELIMIT_FAIL_OPEN = True
APPLICATION_RATE_PER_CLIENT = env("APPLICATION_RATE_PER_CLIENT", default="5/h")
APPLICATION_RATE_PER_EMAIL = env("APPLICATION_RATE_PER_EMAIL", default="3/d")
APPLICATION_RATE_OVERALL = env("APPLICATION_RATE_OVERALL", default="20/h")
PASSWORD_RESET_RATE_PER_CLIENT = env("PASSWORD_RESET_RATE_PER_CLIENT", default="5/h")
PASSWORD_RESET_RATE_PER_EMAIL = env("PASSWORD_RESET_RATE_PER_EMAIL", default="3/h")
INVITATION_RESEND_RATE_PER_CLIENT = env("INVITATION_RESEND_RATE_PER_CLIENT", default="20/h")
INVITATION_RESEND_RATE_PER_EMAIL = env("INVITATION_RESEND_RATE_PER_EMAIL", default="3/h")
# API calls, in DRF's notation ("60/minute"): per client address before signing in, per person after.
API_THROTTLE_ANONYMOUS = env("API_THROTTLE_ANONYMOUS", default="60/minute")
API_THROTTLE_PERSON = env("API_THROTTLE_PERSON", default="600/minute")

# Language and time.
LANGUAGE_CODE = "en"
# Each language named in itself, as the switcher shows it. French is written for Canada (fr-CA).
LANGUAGES = [("en", "English"), ("fr", "Français")]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# Content missing in one language is shown in the other (templates mark it as such).
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en", "fr"), "fr": ("en",), "en": ("fr",)}
LANGUAGE_COOKIE_NAME = "alliance_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

# Static files, served by whitenoise; everything is vendored under static/.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# No uploaded file larger than this is kept, in memory or on disk (the patent PDFs' limit).
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "apps.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail: printed to the console unless EMAIL_URL names a server (smtp://user:pass@host:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="National Battery Alliance <portal@alliance.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SECRETARIAT_EMAIL = env("SECRETARIAT_EMAIL", default="secretariat@alliance.local")

# Security. Outside debug mode the secure defaults apply; each can be relaxed by its variable.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Exported CSV and spreadsheets: no cell starts a formula. apps/core/exports.py guards every cell
# of the portal's CSV and of the admin's export formats; django-import-export's own escaping
# (which only strips a leading "=") stays on for any export that would bypass them.
IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT = True

# Content-Security-Policy (django-csp): scripts, styles and everything else only from the portal
# itself, no inline script or style anywhere (our templates keep styles in static/css and scripts
# in static/js). The only exception is scoped to the pages that need it: the API's browsable
# HTML (apps/api/renderers.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
