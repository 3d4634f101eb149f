"""Settings: every deployment knob is an environment variable, read in gfmd/config only.

Development defaults (no environment at all): DEBUG on, a SQLite file, eager Celery,
console email. Production: DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL,
CELERY_BROKER_URL; `manage.py check --deploy --fail-level WARNING` then passes.
"""

from pathlib import Path

import dj_database_url

from gfmd.config.env import DEBUG, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent  # the repository: gfmd/config/settings.py

SECRET_KEY = env_str("SECRET_KEY") or (
    "django-insecure-development-only-key-change-me-in-production-0123456789" if DEBUG else ""
)
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY must be set when DEBUG is false")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The service's own apps, governance core first: each has api/urls.py (mounted under
# /api/v1/ in this order) and may have demo.py (loaded in this order).
PROJECT_APPS = (
    "gfmd",
    "roundtables",
    "civil_society",
    "contributions",
    "registration",
    "outcomes",
    "partnerships",
)
INSTALLED_APPS = [
    "gfmd.platform.admin.site.ForumAdminConfig",  # django.contrib.admin, app list once a request
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    "django_celery_beat",
    "oauth2_provider",
    "gfmd.platform.thirdparty_apps.AxesConfig",  # axes, under a translatable name
    "csp",
    "django_otp",
    "gfmd.platform.thirdparty_apps.OtpTotpConfig",  # django_otp.plugins.otp_totp
    "gfmd.platform.thirdparty_apps.OtpStaticConfig",  # django_otp.plugins.otp_static
    *PROJECT_APPS,
]

MIDDLEWARE = [
    "gfmd.config.middleware.RequestGuardMiddleware",  # first: NUL and oversized bodies never go on
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the verified user read from Redis (gfmd/platform/security/auth_cache.py)
    "gfmd.platform.security.auth_cache.CachedAuthenticationMiddleware",
    # after authentication: the user's saved language, then Accept-Language, then English
    "gfmd.config.middleware.UserLocaleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gfmd.platform.security.two_factor.TwoFactorMiddleware",
    "gfmd.config.middleware.LazyMessageMiddleware",  # Django's, storage made on first use
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gfmd.config.middleware.DatabaseUnavailableMiddleware",
    "gfmd.config.middleware.StaticCSPMiddleware",  # django-csp's, headers built once
    # last: turns a lockout flagged during authentication into its 429 page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gfmd.config.urls"
WSGI_APPLICATION = "gfmd.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # first: gfmd/templates/admin/ overrides the admin's base_site.html (language switcher)
        "DIRS": [BASE_DIR / "gfmd" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# No DATABASE_URL: a local SQLite file, so `make run` needs no server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'gfmd.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Parameters bound server-side, and psycopg prepares a statement once it has run it
    # DB_PREPARE_THRESHOLD times on a connection: PostgreSQL then plans each query shape
    # once per connection, not once per request (planning cost more than executing on the
    # hot lists; docs/performance.md). DB_PREPARE_THRESHOLD=-1 turns preparing off (needed
    # behind a PgBouncer in transaction mode).
    _prepare = env_int("DB_PREPARE_THRESHOLD", 5)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=None if _prepare < 0 else _prepare
    )
    # The planner's price of a random page read, per connection: PostgreSQL's 4.0 is for
    # spinning disks; with the data in memory or on SSD it makes the planner scan a whole
    # table (246 countries for each practice of a page) rather than probe an index.
    # DB_RANDOM_PAGE_COST= (empty) keeps the server's own setting.
    _page_cost = env_str("DB_RANDOM_PAGE_COST", "1.1")
    if _page_cost:
        DATABASES["default"]["OPTIONS"]["options"] = f"-c random_page_cost={float(_page_cost)}"
    # Django's backend with its per-request health check run at most once a second per
    # connection (gfmd/config/postgresql/base.py); DB_HEALTH_CHECK_INTERVAL=0 checks every
    # request.
    DATABASES["default"]["ENGINE"] = "gfmd.config.postgresql"
    DATABASE_HEALTH_CHECK_INTERVAL = float(env_str("DB_HEALTH_CHECK_INTERVAL", "1"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# With Redis as the cache, sessions are read through it and written to the database, so
# an authenticated request does not query the session table. Not with the per-process
# memory cache: a logout in one worker would not reach the others' copies.
if env_str("CACHE_URL"):
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTHENTICATION_BACKENDS = [
    # first: refuses any login while the account or IP is locked (gfmd/security/login_limits)
    "gfmd.platform.security.login_limits.LoginLimitBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # validates nothing: Django's password_changed hook drops the cached user
    {"NAME": "gfmd.platform.security.auth_cache.PasswordChangeHook"},
]

LANGUAGE_CODE = "en-gb"
# The Forum's three working languages (docs/i18n.md). Each app keeps its catalogue in
# <app>/locale/{fr,es}/LC_MESSAGES/django.po; English is the source language.
LANGUAGES = [("en-gb", "English"), ("fr", "Français"), ("es", "Español")]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
# Each app's catalogue is found through the app (<app>/locale); LOCALE_PATHS stays empty.
LANGUAGE_COOKIE_NAME = "gfmd_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Email: console by default; any Django backend through EMAIL_BACKEND.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
GFMD_SUPPORT_EMAIL = env_str("GFMD_SUPPORT_EMAIL", "support@gfmd.invalid")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "GFMD Support Unit <support@gfmd.invalid>")

# Celery: no broker configured means tasks run eagerly, in-process, after commit.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "gfmd")
# Acknowledge after the task ran, so a killed worker's task is redelivered; tasks are
# idempotent (sent-markers). Countdowns stay far below the visibility timeout.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = TIME_ZONE

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # first: its authenticate_header makes bad bearer tokens a 401 (see the class)
        "gfmd.platform.api.authentication.PartnerClientAuthentication",
        "rest_framework.authentication.SessionAuthentication",
        "gfmd.platform.security.login_limits.LimitedBasicAuthentication",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        # DRF's anon/user limits, counted in one Redis round trip (gfmd/platform/api/throttling.py)
        "gfmd.platform.api.throttling.AnonThrottle",
        "gfmd.platform.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env_str("THROTTLE_ANON", "60/min"),
        # per user account; a partner client is its own service account
        "user": env_str("THROTTLE_USER", "1200/min"),
    },
    "DEFAULT_PERMISSION_CLASSES": ["gfmd.platform.api.permissions.RulesPermission"],
    "DEFAULT_PARSER_CLASSES": [
        "gfmd.platform.api.parsers.JSONParser",
        "gfmd.platform.api.parsers.FormParser",
        "gfmd.platform.api.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "gfmd.platform.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "gfmd.platform.api.filters.FilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "gfmd.platform.api.schema.GfmdAutoSchema",
    "EXCEPTION_HANDLER": "gfmd.platform.api.exceptions.exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "GFMD roundtable coordination service API",
    "DESCRIPTION": "Governance records, roundtables and Civil Society Days of the Global "
    "Forum on Migration and Development.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DevelopmentStatusEnum": "gfmd.enums.DevelopmentStatus",
        "MigrationPerspectiveEnum": "gfmd.enums.MigrationPerspective",
        "BodyEnum": "gfmd.enums.MeetingBody",  # the name it had before MechanismBody
        "MechanismBodyEnum": "gfmd.enums.MechanismBody",
        "TranslationStateEnum": "gfmd.platform.translations.TranslationState",
        "TranslationKindEnum": "gfmd.platform.translations.TranslationKind",
        "DecisionOutcomeEnum": "gfmd.enums.DecisionOutcome",
        "OutcomeEnum": "civil_society.enums.Outcome",
        "ContributionKindEnum": "contributions.enums.ContributionKind",
        "ScanOutcomeEnum": "registration.models.checkin.ScanOutcome",
        "OrganisationKindEnum": "gfmd.enums.OrganisationKind",
        "CategoryKindEnum": "registration.enums.CategoryKind",
        "CredentialKindEnum": "registration.enums.CredentialKind",
        "WorkingPaperKindEnum": "roundtables.enums.PAPER_KIND_CHOICES",
        "FollowUpStatusEnum": "outcomes.enums.FollowUpStatus",
        "ReportStateEnum": "outcomes.enums.ReportState",
    },
}

# OAuth2 client credentials for partner systems (django-oauth-toolkit). Scopes a token
# may carry are limited per client (gfmd.platform.api.scopes.PartnerScopes).
OAUTH2_PROVIDER = {
    "SCOPES": {
        "read": "Read records the client's government or organisation may see",
        "write": "Create and change records where the client's body may",
        "inputs:submit": "Submit inputs to working papers in consultation",
        "applications:submit": "Submit Civil Society Days applications",
        "webhooks:manage": "Manage the client's webhook subscriptions",
        "contributions:read": "Read the contributions ledger the client's body may see",
        "contributions:write": "Record pledges, receipts, budgets and carry-overs",
        "registrations:read": "Read the meeting registrations of the client's delegation",
        "registrations:write": "Nominate and change participants, upload credentials",
        "practices:read": "Read the Platform for Partnerships' practices, the client's own too",
        "practices:write": "Submit and update practices for the Platform for Partnerships",
    },
    "SCOPES_BACKEND_CLASS": "gfmd.platform.api.scopes.PartnerScopes",
    # DOT's validator; its revocation also drops the token's cached entry
    "OAUTH2_VALIDATOR_CLASS": "gfmd.platform.oauth.RevokingValidator",
    "ACCESS_TOKEN_EXPIRE_SECONDS": env_int("OAUTH2_TOKEN_SECONDS", 3600),
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"],
    # Follow the OAuth 2.0 Security BCP (RFC 9700) now rather than at 4.0.
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
}

# django-oauth-toolkit's swappable models, named so our migrations can depend on them.
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"
OAUTH2_PROVIDER_ACCESS_TOKEN_MODEL = "oauth2_provider.AccessToken"
OAUTH2_PROVIDER_REFRESH_TOKEN_MODEL = "oauth2_provider.RefreshToken"
OAUTH2_PROVIDER_ID_TOKEN_MODEL = "oauth2_provider.IDToken"
OAUTH2_PROVIDER_GRANT_MODEL = "oauth2_provider.Grant"

# Caches (throttling counters, ...): Redis when CACHE_URL is set, else process memory.
CACHE_URL = env_str("CACHE_URL")
CACHES = {
    "default": (
        {"BACKEND": "gfmd.config.cache.ReusingRedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Login limits, two-factor authentication, HTTPS hardening, CSP (gfmd/config/security.py).
from gfmd.config.security import *  # noqa: E402, F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # PDF rendering logs every step and font subset at INFO: keep its warnings only.
    "loggers": {
        **{name: {"level": "WARNING"} for name in ("weasyprint", "fontTools")},
        # Without a broker tasks run in-process (make run, the demo): one INFO line per task
        # (hundreds at load_demo) and kombu's "no hostname" warning would bury the banner.
        **(
            {"celery.app.trace": {"level": "WARNING"}, "kombu.connection": {"level": "ERROR"}}
            if CELERY_TASK_ALWAYS_EAGER
            else {}
        ),
    },
}

# Webhooks: targets must be https and public unless these allow otherwise (tests, dev).
WEBHOOKS_ALLOW_HTTP = env_bool("WEBHOOKS_ALLOW_HTTP", DEBUG)
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)
WEBHOOKS_TIMEOUT_SECONDS = env_int("WEBHOOKS_TIMEOUT_SECONDS", 20)
# Retry waits after each failed attempt (~3 days in all), then the delivery gives up.
WEBHOOKS_RETRY_SCHEDULE = [5, 300, 1800, 7200, 18000, 36000, 86400, 86400]
WEBHOOKS_DISABLE_AFTER_FAILING_SECONDS = env_int(
    "WEBHOOKS_DISABLE_AFTER_FAILING_SECONDS", 3 * 86400
)
# A broker that is down must not hold up a request: publish fails fast and the periodic
# sweep sends what was left behind.
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}

# Calendar feed URLs carry a signed token that expires after this many days (a fresh URL
# comes from GET /api/v1/calendar-feeds/; POST .../revoke/ kills all earlier ones).
GFMD_FEED_TOKEN_DAYS = env_int("GFMD_FEED_TOKEN_DAYS", 365)

# Domain policy defaults that are not data yet (kept small on purpose).
GFMD_NOTIFICATION_MAX_ATTEMPTS = env_int("GFMD_NOTIFICATION_MAX_ATTEMPTS", 5)

# Webhook event types partners can subscribe to (docs/api.md); each app emits its own.
GFMD_WEBHOOK_EVENT_TYPES = (
    "edition.changed",
    "cochair.confirmed",
    "paper.state_changed",
    "paper.version_created",
    "translation.requested",
    "translation.state_changed",
    "input.decided",
    "csd.selection_confirmed",
    "candidature.offered",
    "candidature.state_changed",
    "registration.participant_state_changed",
    "registration.credential_checked",
    "practice.submitted",
    "practice.state_changed",
    "webhook.test",
)
