"""Settings shared by every environment, read from environment variables.

DATABASE_URL defaults to an embedded SQLite file; REDIS_URL is optional and, when set, backs
the cache, the sessions' cache layer and background tasks.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

KHOI_APPS = [
    "khoi.core",
    "khoi.units",
    "khoi.accounts",
    "khoi.reporting",
    "khoi.reports",
    "khoi.marketplace",
    "khoi.emulation",
    "khoi.contests",
    "khoi.party",
    "khoi.bloc",
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_tasks_db",
    "axes",
    "knox",
    *KHOI_APPS,
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "khoi.core.middleware.VietnameseFirstLocaleMiddleware",
    "khoi.core.middleware.RefuseNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A first-login password leads to the change page from every page (khoi.accounts.middleware).
    "khoi.accounts.middleware.ForcePasswordChangeMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last: turns a login refused for too many failures into the lock page (khoi.accounts.lockout).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "khoi.core.context_processors.navigation",
            ],
            "builtins": ["khoi.core.templatetags.vn"],
        },
    }
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'khoi.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL and a busy timeout let several requests write without "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # psycopg prepares a server-bound statement once it has run this many times on a connection.
    # Only the contests' hot statements bind on the server (khoi.contests.entry_store); Django's own
    # cursors bind on the client and never prepare. Behind a pooler in transaction mode without
    # prepared-statement support, set PG_PREPARE_THRESHOLD=0 (off).
    prepare_threshold = env.int("PG_PREPARE_THRESHOLD", default=5)
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = prepare_threshold or None

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login attempts (django-axes): after LOGIN_FAILURE_LIMIT failures an account, and separately an
# address, is refused for LOGIN_LOCK_MINUTES, or until the Office unlocks it (/accounts/locks/).
# Axes' backend comes first: a locked account or address is refused before any password is hashed.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCK_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# A successful sign-in does not wipe the failures: it would also wipe its address's count, and one
# valid account would then let an address guess other accounts' passwords without end.
AXES_RESET_ON_SUCCESS = False
# Failures while locked do not prolong the lock: nobody can keep another person's account locked
# for ever by retrying.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "khoi.accounts.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "khoi.accounts.lockout.client_ip"
# Locks are seen and lifted on /accounts/locks/ (in Vietnamese), not in axes' English admin pages.
AXES_ENABLE_ADMIN = False
# Behind a reverse proxy, the number of proxies that append to X-Forwarded-For (0: none, the
# client is REMOTE_ADDR; a forged header then changes nothing).
KHOI_PROXY_COUNT = env.int("KHOI_PROXY_COUNT", default=0)

# API tokens (django-rest-knox): named, hashed, expiring; created and revoked on the profile page.
KNOX_TOKEN_MODEL = "accounts.ApiToken"  # noqa: S105 (a model name, not a secret)
# knox's own token model is swapped out for ours; its migrations would still create its table, whose
# foreign key to users makes PostgreSQL refuse to empty the users table (TRUNCATE in test flushes).
MIGRATION_MODULES = {"knox": None}
REST_KNOX = {"TOKEN_TTL": timedelta(days=90), "AUTH_HEADER_PREFIX": "Token", "TOKEN_PREFIX": "khoi_"}

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis, or this process's memory while Redis cannot be reached (khoi.core.cache).
            "BACKEND": "khoi.core.cache.FaultTolerantRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="khoi"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "khoi",
        }
    }
# Page fragments that are the same for every visitor (the contest's landing page), rendered once
# per app process and kept in its memory; their keys change when what they show changes.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "khoi-fragments",
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}
# Sessions in the database only: logging in and staying logged in never depend on Redis.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background tasks: stored in the database by default; run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.backend.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["khoi.core.formats"]

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    # The bloc's exports (khoi.core.export_jobs): outside MEDIA_ROOT, never served by nginx or
    # Django; downloaded only through the export page, by the person who asked. Shared between
    # hosts when several run workers (as MEDIA_ROOT is).
    "exports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": Path(env.str("KHOI_PRIVATE_ROOT", default=str(BASE_DIR / "var" / "private"))) / "exports",
            "base_url": None,
        },
    },
}
# How long an export's zip is kept for its download (then `manage.py exports_expire` deletes it).
KHOI_EXPORT_HOURS = env.int("KHOI_EXPORT_HOURS", default=24)
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
MEDIA_URL = "media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded workbooks (khoi.core.workbook_read): the largest file, what it may unpack to, and the
# most data rows one file may hold (a form, the register, a question bank).
KHOI_UPLOAD_MAX_BYTES = env.int("KHOI_UPLOAD_MAX_BYTES", default=5 * 1024 * 1024)
KHOI_UPLOAD_MAX_UNPACKED_BYTES = env.int("KHOI_UPLOAD_MAX_UNPACKED_BYTES", default=40 * 1024 * 1024)
KHOI_UPLOAD_MAX_ROWS = env.int("KHOI_UPLOAD_MAX_ROWS", default=5_000)


def mailer_from_url(url: str) -> dict[str, object]:
    """One MAILERS entry from an EMAIL_URL (smtp://, smtp+tls://, smtps://, consolemail://…)."""
    config = environ.Env.email_url_config(url)
    backend = str(config["EMAIL_BACKEND"])
    if not backend.endswith("smtp.EmailBackend"):
        return {"BACKEND": backend}
    options = {
        "host": config["EMAIL_HOST"] or "localhost",
        "port": config["EMAIL_PORT"] or None,
        "username": config["EMAIL_HOST_USER"] or None,
        "password": config["EMAIL_HOST_PASSWORD"] or None,
        "use_tls": bool(config.get("EMAIL_USE_TLS")),
        "use_ssl": bool(config.get("EMAIL_USE_SSL")),
        "timeout": 20,
    }
    return {"BACKEND": backend, "OPTIONS": {key: value for key, value in options.items() if value is not None}}


# Mail: EMAIL_URL, e.g. smtp+tls://user:password@mail.example.vn:587 (console in development).
EMAIL_URL = env("EMAIL_URL", default="consolemail://")
MAILERS = {"default": mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="khoi@localhost")
# How long an email invitation's one-time link works (khoi.accounts.invitations).
KHOI_INVITATION_DAYS = env.int("KHOI_INVITATION_DAYS", default=14)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # htmx sends the token from the page (hx-headers in base.html), no script reads the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
CSRF_FAILURE_VIEW = "khoi.core.errors.csrf_failure"

# Content-Security-Policy: scripts and <style> blocks only from our own files or carrying the
# request's nonce (`{{ csp_nonce }}`); no inline style attribute or event handler (templates use
# classes and static/js/khoi.js; htmx's indicator style is in khoi.css). The API's documentation
# pages relax it for themselves (config/urls.py).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

REST_FRAMEWORK = {
    # A token first: its WWW-Authenticate header makes an anonymous call a 401. No password is
    # accepted by the API (no Basic): scripts use a token made on the profile page.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "khoi.core.api_auth.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["khoi.accounts.permissions.IsActiveMember"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "khoi.core.api.Pagination",
    "PAGE_SIZE": 100,
    "EXCEPTION_HANDLER": "khoi.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Khối API",
    "DESCRIPTION": (
        "API của nền tảng Khối: đơn vị, báo cáo định kỳ, kết nối cung – cầu, thi đua, cuộc thi.\n\n"
        "Xác thực: tạo mã truy cập (token) ở trang Tài khoản của tôi (/accounts/profile/) rồi gửi tiêu đề "
        "`Authorization: Token <mã>`. Mã có thời hạn và thu hồi được; API không nhận mật khẩu. "
        "Trong trình duyệt đã đăng nhập, phiên (cookie) cũng được chấp nhận, kèm tiêu đề X-CSRFToken khi ghi."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# The bloc this installation serves; the demo command and documents read it. Nothing about a
# particular city is hard-coded elsewhere.
KHOI_DEMO_PASSWORD = env("KHOI_DEMO_PASSWORD", default="khoi-demo-2021")
