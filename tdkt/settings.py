"""Django settings. SQLite file database by default; PostgreSQL when DATABASE_URL is set."""
import datetime
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

from tdkt import installation
from tdkt.env import envbool, envdecimal, envint, envjson, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent
# Data that must not be served by the web server (database file, uploads, import staging).
VAR_DIR = Path(os.environ.get("TDKT_VAR_DIR", BASE_DIR.parent / "var"))

DEBUG = envbool("TDKT_DEBUG", False)
# The secret key: TDKT_SECRET_KEY, else the installation file `tdkt demo` writes; checked in "Hardening".
SECRET_KEY = installation.secret_key(envstr("TDKT_SECRET_KEY") or installation.read(VAR_DIR).get("secret_key", ""),
                                     debug=DEBUG)
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
    "django_tasks",  # background jobs (the API of Django 6's django.tasks)
    "django_tasks_db",  # their queue in the database: no extra server
    "tdkt.core",
    "tdkt.org",
    "tdkt.awards",
    "tdkt.imports",
    "tdkt.eligibility",
    "tdkt.dossiers",
    "tdkt.emulation",
    "tdkt.accounts",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "tdkt.core.limits.UploadLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "tdkt.core.once.OnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tdkt.core.middleware.BoundedIds",
    "tdkt.accounts.middleware.AccountMiddleware",
    "axes.middleware.AxesMiddleware",
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
# `tdkt serve` collects the static files (hashed names, compressed) into STATIC_ROOT and sets
# TDKT_STATIC_COLLECTED: WhiteNoise then serves them from there, cached for a year. Otherwise (tests,
# `tdkt serve --dev`, manage.py) they are found in the apps' folders as they are.
STATIC_COLLECTED = envbool("TDKT_STATIC_COLLECTED", False)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage" if STATIC_COLLECTED
                    else "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
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

DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"  # scrolls inside its box on a phone
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
# Certificates: the public address printed in their QR codes (required with DEBUG off: see
# "Hardening" below), the key and certificate that sign
# them (a demonstration pair is created here when absent), the processes that render them, and
# whether a web request renders them in a background thread.
TDKT_PUBLIC_URL = os.environ.get("TDKT_PUBLIC_URL", "")
TDKT_SIGNER_DIR = Path(os.environ.get("TDKT_SIGNER_DIR", VAR_DIR / "signer"))
TDKT_CERTIFICATE_WORKERS = envint("TDKT_CERTIFICATE_WORKERS", 2, minimum=1, maximum=32)
TDKT_DOCUMENTS_IN_BACKGROUND = envbool("TDKT_DOCUMENTS_IN_BACKGROUND", True)
# The decision register (issue 18): the users (user names) the office names to enter the number and
# date the issuing body's register gives a signed decision (its văn thư); when empty, the
# commendation office (officers and the administrator).
TDKT_DECISION_REGISTRY_USERS = envlist("TDKT_DECISION_REGISTRY_USERS", [])

# ---------------------------------------------------------------------------------------------------
# Going live (issue 11). Each part below keeps its settings in its own block; docs/deploy.md lists
# every environment variable.
# --- Accounts: password validators, lock-out (django-axes), session timeout, API token lifetime.
# Django's four validators; the minimum length's message in Vietnamese (Django's own is untranslated).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "tdkt.accounts.validators.MinimumLengthValidator",
     "OPTIONS": {"min_length": envint("TDKT_PASSWORD_MIN_LENGTH", 10, minimum=8, maximum=64)}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: the login page locks a username from one IP address after N failures for a cool-off
# period; an administrator unlocks it from the user's page (tdkt.accounts). The backend lets a call
# without a request (tests' client.login, the shell) through to ModelBackend: the web login always
# passes its request.
AUTHENTICATION_BACKENDS = [
    "tdkt.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = envint("TDKT_LOGIN_FAILURE_LIMIT", 5, minimum=1, maximum=100)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("TDKT_LOGIN_COOLOFF_MINUTES", 15, minimum=1, maximum=24 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_COOLOFF_MESSAGE = "Tài khoản tạm thời bị khóa do đăng nhập sai quá nhiều lần. Vui lòng thử lại sau."
AXES_PERMALOCK_MESSAGE = "Tài khoản bị khóa do đăng nhập sai quá nhiều lần. Liên hệ quản trị hệ thống để mở khóa."
AXES_VERBOSE = False
# Behind nginx every request comes from 127.0.0.1: the lock-out counts the client's own address, read
# as the rate limits read it (TDKT_CLIENT_IP_HEADER, set below).
AXES_CLIENT_IP_CALLABLE = "tdkt.core.limits.client_ip"
# A session ends after this many minutes without a request (tdkt.accounts.middleware).
TDKT_SESSION_IDLE_MINUTES = envint("TDKT_SESSION_IDLE_MINUTES", 30, minimum=1, maximum=24 * 60)
# API tokens expire after this many days unless issued with another lifetime.
TDKT_API_TOKEN_DAYS = envint("TDKT_API_TOKEN_DAYS", 90, minimum=1, maximum=3650)
# The password-reset e-mail's sender (EMAIL_* settings choose the transport).
TDKT_PASSWORD_RESET_FROM = os.environ.get("TDKT_PASSWORD_RESET_FROM", "") or None
# --- Hardening: SECRET_KEY check, HTTPS, cookies, CSP (django-csp), upload limits, rate limits.
# The public address printed in certificate QR codes: TDKT_PUBLIC_URL, else the demonstration's
# (installation file); with DEBUG off an unset address stops the start (tdkt/installation.py).
TDKT_PUBLIC_URL = installation.public_url(TDKT_PUBLIC_URL or installation.read(VAR_DIR).get("public_url", ""),
                                          debug=DEBUG)
# Production behind a reverse proxy that terminates TLS (docs/deploy.md): TDKT_HTTPS=true turns on
# the redirect to https, secure cookies and HSTS; the proxy must set X-Forwarded-Proto (and strip a
# client's own), which is how Django knows a request came over https.
TDKT_HTTPS = envbool("TDKT_HTTPS", False)
if TDKT_HTTPS:
    SECURE_PROXY_SSL_HEADER = (envstr("TDKT_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO"), "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = envint("TDKT_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("TDKT_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("TDKT_HSTS_PRELOAD", True)
CSRF_TRUSTED_ORIGINS = [installation.origin(TDKT_PUBLIC_URL)] + envlist("TDKT_CSRF_TRUSTED_ORIGINS", [])
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Content Security Policy (django-csp 4.0): scripts and styles from this site only; the few inline
# <script>/<style> elements carry the request's nonce (templates use {{ request.csp_nonce }}).
# style="" attributes (widths of progress bars and cards) are allowed: they cannot run code.
INSTALLED_APPS.append("csp")
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware")
# Anonymous writes (disclosure comments, certificate checks by upload): at most this many per hour
# per client address and action, counted in the database across server processes (tdkt.core.limits).
# Behind the reverse proxy, the header carrying the client's address (one the proxy overwrites,
# e.g. HTTP_X_REAL_IP); empty: REMOTE_ADDR.
TDKT_ANON_WRITES_PER_HOUR = envint("TDKT_ANON_WRITES_PER_HOUR", 20, minimum=1)
TDKT_CLIENT_IP_HEADER = envstr("TDKT_CLIENT_IP_HEADER", "")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# --- Server and background jobs (django-tasks with its database backend; `tdkt worker`).
# Jobs wait in the database (table django_tasks_db_dbtaskresult) until `tdkt worker` runs them;
# `tdkt serve` starts one worker beside the web server unless told --no-worker.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A worker writes a heartbeat every few seconds; a job whose worker has been silent longer than the
# lease (or whose process is gone from this machine) is put back in the queue and run again.
TDKT_WORKER_LEASE_SECONDS = envint("TDKT_WORKER_LEASE_SECONDS", 60, minimum=10, maximum=3600)
# gunicorn: worker processes (default 2 × cores + 1, at most 8) and the access log on stdout.
TDKT_WEB_WORKERS = envint("TDKT_WEB_WORKERS", 0, minimum=0, maximum=64)
TDKT_ACCESS_LOG = envbool("TDKT_ACCESS_LOG", False)
# An Excel export of more rows than this becomes a job whose file the user downloads when ready.
TDKT_EXPORT_INLINE_ROWS = envint("TDKT_EXPORT_INLINE_ROWS", 5_000, minimum=0)
# A checked import file of more data rows than this is written by a background job.
TDKT_IMPORT_INLINE_ROWS = envint("TDKT_IMPORT_INLINE_ROWS", 2_000, minimum=0)
# Certificates rendered (and saved) per step of a decision's batch: an interrupted batch loses at most one step.
TDKT_CERTIFICATE_CHUNK = envint("TDKT_CERTIFICATE_CHUNK", 100, minimum=1, maximum=1000)
# Finished jobs and their exported files are kept this many days (then removed by the worker).
TDKT_JOB_FILES_DAYS = envint("TDKT_JOB_FILES_DAYS", 7, minimum=1, maximum=365)
# --- E-mail and reminders (Django's SMTP settings).
# With TDKT_EMAIL_HOST set, mail goes through that SMTP server; without it (the demo, a laptop)
# each message is written as a file under var/mail/ so that nothing leaves the machine and the
# messages can still be read. TDKT_EMAIL_BACKEND overrides the choice (e.g. the console backend).
EMAIL_HOST = envstr("TDKT_EMAIL_HOST", "")
EMAIL_PORT = envint("TDKT_EMAIL_PORT", 587, minimum=1, maximum=65535)
EMAIL_HOST_USER = envstr("TDKT_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = envstr("TDKT_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = envbool("TDKT_EMAIL_USE_TLS", not envbool("TDKT_EMAIL_USE_SSL", False))
EMAIL_USE_SSL = envbool("TDKT_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("Biến môi trường TDKT_EMAIL_USE_TLS và TDKT_EMAIL_USE_SSL không thể cùng bật: dùng "
                               "TDKT_EMAIL_USE_SSL=1 cho cổng 465, TDKT_EMAIL_USE_TLS=1 (STARTTLS) cho cổng 587.")
EMAIL_TIMEOUT = envint("TDKT_EMAIL_TIMEOUT", 30, minimum=1)
DEFAULT_FROM_EMAIL = envstr("TDKT_DEFAULT_FROM_EMAIL", "Thi đua – Khen thưởng <khong-tra-loi@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[TĐKT] "
EMAIL_BACKEND = envstr("TDKT_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST
                       else "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
# Reminders (`tdkt remind`, daily): how many days before a deadline units and the office are told.
TDKT_REMIND_DAYS = envint("TDKT_REMIND_DAYS", 3, minimum=1, maximum=30)
# When a covenant's parties must have recorded their actual values, as month-day of the covenant's
# year (a province parameter: blocks-and-scoring.md, "deadlines are province parameters").
TDKT_COVENANT_RESULT_DEADLINES = envjson("TDKT_COVENANT_RESULT_DEADLINES", {"mid_year": "07-15", "year_end": "12-10"})
# --- Backups (`tdkt backup`, `tdkt restore`; tdkt.core.backup): where the archives go, how many
# of them `tdkt backup` keeps there (0: all), and where pg_dump/pg_restore are when not on the PATH.
TDKT_BACKUP_DIR = Path(os.environ.get("TDKT_BACKUP_DIR", VAR_DIR / "backups"))
TDKT_BACKUP_KEEP = envint("TDKT_BACKUP_KEEP", 14, minimum=0)
TDKT_PG_BIN_DIR = os.environ.get("TDKT_PG_BIN_DIR", "")
