"""One settings module, driven by the environment (every variable is listed in .env.example).

With nothing set it runs the embedded default: SQLite in ./var, local files, the database
task backend, SMS to the outbox, and keys generated once in a file outside the repository.
"""

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("GONGHUI_DATA_DIR", BASE_DIR / "var"))
KEY_FILE = Path(
    os.environ.get("GONGHUI_KEY_FILE", Path.home() / ".config" / "gonghui" / "keys.json")
)

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")
# A refused form (expired token, cookies off) gets a Chinese page, not Django's English one.
CSRF_FAILURE_VIEW = "gonghui.core.errors.csrf_failure"

# The Django secret and the encryption key come from the environment; the embedded default
# keeps generated ones in KEY_FILE (created on first use, mode 0600), never in the repository.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ENCRYPTION_KEY = os.environ.get("GONGHUI_ENCRYPTION_KEY", "")
if not SECRET_KEY or not ENCRYPTION_KEY:
    from gonghui.core.keyfile import load_or_create_keys

    _keys = load_or_create_keys(KEY_FILE)
    SECRET_KEY = SECRET_KEY or _keys["django_secret_key"]
    ENCRYPTION_KEY = ENCRYPTION_KEY or _keys["encryption_key"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    # Before django_tasks_db: its db_worker command is replaced by core's (waits out locks).
    "gonghui.core",
    "django_tasks",
    "django_tasks_db",
    "gonghui.accounts",
    "gonghui.orgs",
    "gonghui.notify",
    "gonghui.mutual_aid",
    "gonghui.claims",
    "gonghui.medinsure",
    "gonghui.portal",
    "gonghui.dashboards",
    "gonghui.hardship",
    "gonghui.appeals",
    "gonghui.consent",
    "gonghui.guide",
    "gonghui.deadlines",
    "gonghui.documents",
    "gonghui.draw",
    "gonghui.activities",
    "gonghui.contracts",
    "gonghui.points",
    "gonghui.patrol",
    # Last: its catalogue must not change the words of the apps before it.
    "gonghui.craftsman",
    "gonghui.grid",
    "gonghui.ratings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gonghui.accounts.middleware.PasswordChangeRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "gonghui.core.middleware.NoStoreWhenSignedInMiddleware",
    "gonghui.core.switches.ServiceCacheMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gonghui.urls"
WSGI_APPLICATION = "gonghui.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gonghui.accounts.context_processors.role",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL's JIT compiles any query its planner costs high before running it:
        # 0.1-0.3 s for each dashboard aggregate at county scale, more than it saves on
        # queries that run well under a second. `?options=...` in the URL overrides this.
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "db.sqlite3",
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_BUSY_TIMEOUT", 20),
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "gonghui.accounts.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "gonghui.accounts.passwords.ChineseCommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "gonghui.accounts.passwords.NoDateOrMobileValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"

# Staff are throttled after failed sign-ins (django-axes): 5 failures lock that username for
# 15 minutes, from whatever address the guesses come (an attacker has many).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = ["username"]
# axes.W006 asks for an address criterion too. We lock no address: a factory's or an office's
# staff share one, and with AXES_RESET_ON_SUCCESS one's own successful sign-in would wipe the
# failures recorded from that address against another user name, undoing the lock above.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

# County roles must pass a TOTP second factor (django-otp).
OTP_TOTP_ISSUER = "数智工会"
OTP_REQUIRED_FOR_COUNTY = env_bool("GONGHUI_OTP_REQUIRED", True)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]
# No "---------" in a select (gonghui.core.forms.FormRenderer).
FORM_RENDERER = "gonghui.core.forms.FormRenderer"

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Public files: readable by a web server in front, whatever FILE_UPLOAD_PERMISSIONS says.
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o644, "directory_permissions_mode": 0o755},
    },
}
if os.environ.get("GONGHUI_STORAGE") == "s3":
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
WHITENOISE_USE_FINDERS = True
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Stored files (imports, claim photos, error reports) are readable by the server's user only.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024

# What an imported Excel/CSV file may hold (gonghui.core.tabular refuses beyond, before any
# work). Rosters (members, enrollment, hardship files, organisations) are a county's people at
# most; the bureau's settlement feed is bigger (a million rows as CSV is about 200 MB).
IMPORT_MAX_FILE_MB = env_int("IMPORT_MAX_FILE_MB", 50)
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 300_000)
SETTLEMENT_IMPORT_MAX_FILE_MB = env_int("SETTLEMENT_IMPORT_MAX_FILE_MB", 400)
SETTLEMENT_IMPORT_MAX_ROWS = env_int("SETTLEMENT_IMPORT_MAX_ROWS", 1_000_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 100)
# A staff list exported to Excel is written row by row (flat memory); beyond this many rows
# it is refused and the clerk narrows it with the page's filters (a county's members fit).
EXPORT_MAX_ROWS = env_int("EXPORT_MAX_ROWS", 300_000)
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)  # Excel's own limit
# An .xlsx is a zip: what it may unpack to in all; what any part but its sheets and shared
# texts may unpack to (openpyxl holds styles and the like as objects, about 30 times their
# size); what its shared texts may unpack to and how many there may be (all held in memory,
# up to 4 bytes a character and about 150 bytes each).
IMPORT_MAX_XLSX_UNPACKED_MB = env_int("IMPORT_MAX_XLSX_UNPACKED_MB", 2048)
IMPORT_MAX_XLSX_PART_MB = env_int("IMPORT_MAX_XLSX_PART_MB", 4)
IMPORT_MAX_XLSX_SHARED_MB = env_int("IMPORT_MAX_XLSX_SHARED_MB", 32)
IMPORT_MAX_XLSX_SHARED_STRINGS = env_int("IMPORT_MAX_XLSX_SHARED_STRINGS", 1_000_000)

CACHE_URL = os.environ.get("CACHE_URL", "")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL.startswith("redis")
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": DATA_DIR / "cache",
        }
    )
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

# Background imports: a running job shows a sign of life every IMPORT_HEARTBEAT_SECONDS; one
# silent for IMPORT_STALE_SECONDS is taken to have lost its worker and is resumed by another.
# Rows are written in chunks of at most IMPORT_CHUNK_ROWS rows or IMPORT_CHUNK_SECONDS, each
# in its own transaction, so that pages can write in between (SQLite has one writer at a time).
IMPORT_HEARTBEAT_SECONDS = env_int("IMPORT_HEARTBEAT_SECONDS", 3)
IMPORT_STALE_SECONDS = env_int("IMPORT_STALE_SECONDS", 60)
IMPORT_CHUNK_ROWS = env_int("IMPORT_CHUNK_ROWS", 500)
IMPORT_CHUNK_SECONDS = env_int("IMPORT_CHUNK_MILLISECONDS", 750) / 1000
# How long background work (imports, the task worker, the scheduler) waits for SQLite's write
# lock before giving up; pages give up after SQLITE_BUSY_TIMEOUT.
DB_LOCK_PATIENCE_SECONDS = env_int("DB_LOCK_PATIENCE_SECONDS", 3600)
# A long write pauses this long after each chunk on SQLite, so that a waiting page gets in.
SQLITE_WRITER_PAUSE_MILLISECONDS = env_int("SQLITE_WRITER_PAUSE_MILLISECONDS", 120)
# The scheduler (run_schedule) looks for due jobs every SCHEDULE_TICK_SECONDS.
SCHEDULE_TICK_SECONDS = env_int("SCHEDULE_TICK_SECONDS", 10)

# Claim approvals above this many yuan need a second, different reviewer.
try:
    CLAIMS_SECOND_APPROVAL_ABOVE = Decimal(os.environ.get("CLAIMS_SECOND_APPROVAL_ABOVE", "10000"))
except InvalidOperation as exc:
    raise ImproperlyConfigured("CLAIMS_SECOND_APPROVAL_ABOVE must be an amount in yuan") from exc

# The shortest public notice (公示) of a hardship file, in working days (Monday to Friday).
HARDSHIP_NOTICE_MIN_WORKING_DAYS = env_int("HARDSHIP_NOTICE_MIN_WORKING_DAYS", 5)
if HARDSHIP_NOTICE_MIN_WORKING_DAYS < 1:
    raise ImproperlyConfigured("HARDSHIP_NOTICE_MIN_WORKING_DAYS must be at least 1")
# Issued PDFs: the Chinese TrueType font embedded (scripts/ensure-pdf-font.sh installs it), and
# the address printed in their verification QR (empty: the address the page was asked on).
DOCUMENTS_FONT_PATH = os.environ.get(
    "DOCUMENTS_FONT_PATH", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"
)
DOCUMENTS_VERIFY_BASE_URL = os.environ.get("DOCUMENTS_VERIFY_BASE_URL", "")
# A submitted claim should be decided (approved, returned or rejected) within this many
# working days (the deadlines app's calendar); late ones are escalated to the county.
CLAIM_REVIEW_WORKING_DAYS = env_int("CLAIM_REVIEW_WORKING_DAYS", 10)
if CLAIM_REVIEW_WORKING_DAYS < 1:
    raise ImproperlyConfigured("CLAIM_REVIEW_WORKING_DAYS must be at least 1")
SMS_BACKEND = os.environ.get("SMS_BACKEND", "gonghui.notify.backends.ConsoleBackend")
# The signature carriers require at the head of every SMS (registered with the gateway),
# written between 【】 by notify.services.sms_send.
SMS_SIGNATURE = (os.environ.get("SMS_SIGNATURE") or "数智工会").strip().strip("【】")
if not SMS_SIGNATURE or "【" in SMS_SIGNATURE or "】" in SMS_SIGNATURE:
    raise ImproperlyConfigured("SMS_SIGNATURE must be a signature such as 数智工会")
SMS_CODE_TTL_SECONDS = env_int("SMS_CODE_TTL_SECONDS", 300)
SMS_CODE_RESEND_SECONDS = env_int("SMS_CODE_RESEND_SECONDS", 60)
SMS_CODE_MAX_ATTEMPTS = env_int("SMS_CODE_MAX_ATTEMPTS", 5)
# Caps on sign-in codes, counted in the database (they hold across web processes): per number
# as the carriers cap them (one per SMS_CODE_RESEND_SECONDS, then per hour and per day), and
# per address (a factory's workers share one, hence a cap rather than one code each).
SMS_CODE_MAX_PER_HOUR = env_int("SMS_CODE_MAX_PER_HOUR", 5)
SMS_CODE_MAX_PER_DAY = env_int("SMS_CODE_MAX_PER_DAY", 10)
SMS_CODE_MAX_PER_IP = env_int("SMS_CODE_MAX_PER_IP", 20)
SMS_CODE_IP_WINDOW_SECONDS = env_int("SMS_CODE_IP_WINDOW_SECONDS", 600)
# The console backend keeps the last sign-in code per number here (files 0600) for
# `demo_sms_code`; the web server never serves this folder.
SMS_CONSOLE_SECRETS_DIR = DATA_DIR / "sms-console"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        # People sign in on the pages (password, then TOTP for the roles that need it) and the API
        # uses that session; no Basic auth, which would skip the second factor. Machine
        # clients (the bureau's push) declare their own key authentication.
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["gonghui.accounts.permissions.IsSignedIn"],
    "DEFAULT_PAGINATION_CLASS": "gonghui.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "gonghui.core.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "数智工会 API",
    "DESCRIPTION": "Every action a page offers, with the same permission checks.",
    "VERSION": "0.1.0",
    "REDOC_DIST": "/static/vendor/redoc",
    "SERVE_PERMISSIONS": ["gonghui.accounts.permissions.IsSignedIn"],
    # One name for each choice set used by several fields or apps (else drf-spectacular
    # invents hashed names such as "StatusF45Enum" that change when a choice changes).
    "ENUM_NAME_OVERRIDES": {
        "CalendarDayKindEnum": "gonghui.deadlines.models.DayKind",
        "CalendarDaySourceEnum": "gonghui.deadlines.models.DaySource",
        "DeadlineUnitEnum": "gonghui.deadlines.models.Unit",
        "ClaimStatusEnum": "gonghui.claims.models.ClaimStatus",
        "ClaimChannelEnum": "gonghui.claims.models.Channel",
        "ClaimPlaceEnum": "gonghui.claims.models.Place",
        "MaterialKindEnum": "gonghui.claims.models.MaterialKind",
        "SeverityEnum": "gonghui.claims.models.Severity",
        "QuoteSeverityEnum": "gonghui.mutual_aid.api.SEVERITY",
        "PlanEnum": "gonghui.mutual_aid.models.Plan",
        "HardshipStatusEnum": "gonghui.hardship.models.Status",
        "HardshipChannelEnum": "gonghui.hardship.models.Channel",
        "TierEnum": "gonghui.hardship.models.Tier",
        "CauseEnum": "gonghui.hardship.models.Cause",
        "CloseReasonEnum": "gonghui.hardship.models.CloseReason",
        "CampaignKindEnum": "gonghui.hardship.models.CampaignKind",
        "AttachmentKindEnum": "gonghui.hardship.models.AttachmentKind",
        "RecordPlaceEnum": "gonghui.medinsure.models.Place",
        "MemberStatusEnum": "gonghui.orgs.models.MemberStatus",
        "AppealStatusEnum": "gonghui.appeals.models.AppealStatus",
        "RegistrationStatusEnum": "gonghui.activities.models.RegStatus",
        "EntryStatusEnum": "gonghui.activities.models.EntryStatus",
        "VoucherStatusEnum": "gonghui.activities.models.VoucherStatus",
        "ActivityKindEnum": "gonghui.activities.models.Kind",
        "ContractStatusEnum": "gonghui.contracts.models.Status",
        "ContractKindEnum": "gonghui.contracts.models.Kind",
        "ContractLevelEnum": "gonghui.contracts.models.Level",
        "GridKindEnum": "gonghui.grid.models.Kind",
        "GridLevelEnum": "gonghui.grid.models.Level",
        "GridSeverityEnum": "gonghui.grid.models.Severity",
        "LegalEventKindEnum": "gonghui.grid.models.LegalEventKind",
        "QuestionCategoryEnum": "gonghui.grid.models.QuestionCategory",
        "PatrolStatusEnum": "gonghui.patrol.models.Status",
        "PointsEntryKindEnum": "gonghui.points.models.EntryKind",
        "PointsOrderStatusEnum": "gonghui.points.models.OrderStatus",
        "PointsProductKindEnum": "gonghui.points.models.ProductKind",
        "PointsAdjustStatusEnum": "gonghui.points.models.AdjustStatus",
    },
    # Every operation documents the errors it can answer (400/401/403/404), so that clients
    # and the API fuzzing suite know them; see gonghui/core/openapi.py.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "gonghui.core.openapi.document_errors",
    ],
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page of ours is framed by another page (the reviewer's PDF viewer frames a claim file,
# which says SAMEORIGIN itself).
X_FRAME_OPTIONS = "DENY"

# HTTPS deployments (DJANGO_HTTPS=true): HTTP is redirected, browsers are told to use HTTPS
# only (HSTS), and cookies travel over HTTPS only. `manage.py check --deploy` is clean with
# it (CI checks). Behind a proxy that ends TLS, set DJANGO_PROXY_SSL_HEADER=true so Django
# believes the proxy's X-Forwarded-Proto (only then: a client could send it too).
HTTPS = env_bool("DJANGO_HTTPS", False)
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SESSION_COOKIE_SECURE = HTTPS or env_bool("DJANGO_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("DJANGO_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content-Security-Policy (django-csp) on every answer: scripts only from our own static files
# (the vendored libraries and ours), no inline script, no eval. Inline styles stay allowed:
# templates use style attributes, and htmx and Redoc insert <style> elements; a style
# cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "worker-src": ["'self'", "blob:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
