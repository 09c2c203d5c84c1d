"""Django settings. SQLite file database by default; PostgreSQL when DATABASE_URL is set."""
import os
from pathlib import Path

import dj_database_url

from tdkt.env import envbool, envdecimal, envint, envjson, envlist

BASE_DIR = Path(__file__).resolve().parent
# Data that must not be served by the web server (database file, uploads, import staging).
VAR_DIR = Path(os.environ.get("TDKT_VAR_DIR", BASE_DIR.parent / "var"))

SECRET_KEY = os.environ.get("TDKT_SECRET_KEY", "dev-only-secret-key-change-me-in-production-0123456789")
DEBUG = envbool("TDKT_DEBUG", False)
ALLOWED_HOSTS = envlist("TDKT_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "ninja",  # serves Swagger UI for /api/docs from its own static files, not a CDN
    "bootstrap",
    "tdkt.core",
    "tdkt.org",
    "tdkt.awards",
    "tdkt.imports",
    "tdkt.eligibility",
    "tdkt.dossiers",
    "tdkt.emulation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "tdkt.urls"
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
                "tdkt.context.navigation",
            ],
        },
    },
]
WSGI_APPLICATION = "tdkt.wsgi.application"

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("TDKT_SQLITE_PATH", str(VAR_DIR / "tdkt.sqlite3")),
            "OPTIONS": {
                # WAL lets readers go on while an import commits; IMMEDIATE avoids lock upgrades.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
USE_THOUSAND_SEPARATOR = False  # years must read 2024; counts use |intcomma
FORMAT_MODULE_PATH = ["tdkt.formats"]

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise serves from the finders; the folder must exist
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Uploaded files live outside the web root and are served only by views that check scope.
MEDIA_ROOT = VAR_DIR / "files"
MEDIA_URL = "/tep-khong-cong-khai/"  # never routed: files are served by views that check scope
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
TDKT_MAX_UPLOAD_BYTES = envint("TDKT_MAX_UPLOAD_BYTES", 20 * 1024 * 1024, minimum=1024)
TDKT_IMPORT_CHUNK_ROWS = 500

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5.html"
DJANGO_TABLES2_PAGE_RANGE = 8

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The parameters of the rule engine this province details (tdkt.rules.rulesets: only those marked
# province_may_detail), as JSON in the environment, and the document they come from, e.g.
# TDKT_RULE_OVERRIDES='{"ttldtt_ldtt_share": 0.7, "ttldtt_ldtt_share_strict": false}'
# TDKT_RULE_OVERRIDES_SOURCE='QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh'
TDKT_RULE_OVERRIDES = envjson("TDKT_RULE_OVERRIDES", {})
TDKT_RULE_OVERRIDES_SOURCE = os.environ.get("TDKT_RULE_OVERRIDES_SOURCE", "")

# Dossier workflow (tdkt.dossiers): time limits of each step in working days (legal-rules.md §4.3;
# the province may set its own), the public disclosure period, and the council's quorum.
TDKT_STEP_LIMITS = envjson("TDKT_STEP_LIMITS", {})
TDKT_DISCLOSURE_DAYS = envint("TDKT_DISCLOSURE_DAYS", 5, minimum=1, maximum=60)
TDKT_DISCLOSURE_DAYS_STATE = envint("TDKT_DISCLOSURE_DAYS_STATE", 10, minimum=1, maximum=60)
TDKT_COUNCIL_QUORUM = str(envdecimal("TDKT_COUNCIL_QUORUM", "0.667", minimum="0.5", maximum="1"))
# The place name before dates in documents; the province unit's name when empty.
TDKT_PLACE = os.environ.get("TDKT_PLACE", "")
# The decision's bases: the province's own regulation on emulation and commendation, and the head
# of the commendation office who proposes the decision.
TDKT_PROVINCE_REGULATION = os.environ.get(
    "TDKT_PROVINCE_REGULATION", "Quyết định số 12/2025/QĐ-UBND ngày 20 tháng 8 năm 2025 của Ủy ban nhân dân tỉnh "
    "ban hành Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh")
TDKT_OFFICE_HEAD_TITLE = os.environ.get("TDKT_OFFICE_HEAD_TITLE", "Giám đốc Sở Nội vụ")
# Certificates: the public address printed in their QR codes (the address the leader used when
# empty), the key and certificate that sign
# them (a demonstration pair is created here when absent), the processes that render them, and
# whether a web request renders them in a background thread.
TDKT_PUBLIC_URL = os.environ.get("TDKT_PUBLIC_URL", "")
TDKT_SIGNER_DIR = Path(os.environ.get("TDKT_SIGNER_DIR", VAR_DIR / "signer"))
TDKT_CERTIFICATE_WORKERS = envint("TDKT_CERTIFICATE_WORKERS", 2, minimum=1, maximum=32)
TDKT_DOCUMENTS_IN_BACKGROUND = envbool("TDKT_DOCUMENTS_IN_BACKGROUND", True)

# ---------------------------------------------------------------------------------------------------
# Going live (issue 11). Each part below keeps its settings in its own block; docs/deploy.md lists
# every environment variable.
# --- Accounts: password validators, lock-out (django-axes), session timeout, API token lifetime.
# --- Hardening: SECRET_KEY check, HTTPS, cookies, CSP (django-csp), upload limits, rate limits.
# --- Server and background jobs (django-tasks with its database backend; `tdkt worker`).
# --- E-mail and reminders (Django's SMTP settings).
# --- Backups (`tdkt backup`, `tdkt restore`; tdkt.core.backup): where the archives go, how many
# of them `tdkt backup` keeps there (0: all), and where pg_dump/pg_restore are when not on the PATH.
TDKT_BACKUP_DIR = Path(os.environ.get("TDKT_BACKUP_DIR", VAR_DIR / "backups"))
TDKT_BACKUP_KEEP = envint("TDKT_BACKUP_KEEP", 14, minimum=0)
TDKT_PG_BIN_DIR = os.environ.get("TDKT_PG_BIN_DIR", "")
