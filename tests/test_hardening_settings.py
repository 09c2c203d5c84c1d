"""Production settings (issue 11, hardening): no start with a default or empty secret key or without a
public address when DEBUG is off; the demonstration's own key file; `check --deploy` clean with the
settings the deployment guide gives; the Content Security Policy header on every page."""
import json
import os
import secrets
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt import installation

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "tdkt.settings",
    "TDKT_SECRET_KEY": secrets.token_urlsafe(64),
    "TDKT_PUBLIC_URL": "https://thiduakhenthuong.hanam.gov.vn",
    "TDKT_HTTPS": "true",
    "TDKT_ALLOWED_HOSTS": "thiduakhenthuong.hanam.gov.vn",
}


def run(code_or_args, tmp_path, **env):
    """Start a fresh interpreter on the real settings with a clean var directory and `env`."""
    base = {k: v for k, v in os.environ.items()
            if k not in ("TDKT_SECRET_KEY", "TDKT_PUBLIC_URL", "TDKT_DEBUG", "TDKT_HTTPS",
                         "DJANGO_ALLOW_ASYNC_UNSAFE")}  # the browser tests' conftest sets the last one
    base.update({"DJANGO_SETTINGS_MODULE": "tdkt.settings", "TDKT_VAR_DIR": str(tmp_path)}, **env)
    args = [sys.executable, "-c", code_or_args] if isinstance(code_or_args, str) else [sys.executable, *code_or_args]
    return subprocess.run(args, env=base, capture_output=True, text=True, cwd=ROOT, timeout=120)


@pytest.mark.parametrize("key", ["", "   ", "dev-only-secret-key-change-me-in-production-0123456789",
                                 "django-insecure-" + "a1b2c3d4e5" * 5, "ngan-qua"])
def test_refuses_to_start_with_default_or_empty_secret_key_when_debug_off(tmp_path, key):
    result = run("import tdkt.settings", tmp_path, TDKT_SECRET_KEY=key, TDKT_PUBLIC_URL="https://tdkt.example.vn")
    assert result.returncode != 0
    assert "TDKT_SECRET_KEY" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_debug_mode_starts_without_a_key(tmp_path):
    result = run("import tdkt.settings as s; print(len(s.SECRET_KEY), s.TDKT_PUBLIC_URL)", tmp_path, TDKT_DEBUG="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1] == "http://127.0.0.1:8000"


def test_demo_writes_a_random_key_per_installation_that_the_settings_read(tmp_path):
    path = installation.ensure_demo(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    data = json.loads(path.read_text())
    other = installation.ensure_demo(tmp_path / "other")
    assert json.loads(other.read_text())["secret_key"] != data["secret_key"]  # random per installation
    assert installation.ensure_demo(tmp_path) == path and json.loads(path.read_text()) == data  # kept
    result = run("import tdkt.settings as s; print(s.SECRET_KEY); print(s.TDKT_PUBLIC_URL)", tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [data["secret_key"], "http://127.0.0.1:8000"]
    # The environment wins over the file.
    result = run("import tdkt.settings as s; print(s.TDKT_PUBLIC_URL)", tmp_path, TDKT_PUBLIC_URL="https://a.gov.vn/")
    assert result.stdout.strip() == "https://a.gov.vn"


@pytest.mark.parametrize("url, words", [("", "Chưa đặt TDKT_PUBLIC_URL"),
                                        ("tdkt.hanam.gov.vn", "TDKT_PUBLIC_URL='tdkt.hanam.gov.vn' không hợp lệ"),
                                        ("https://x.vn/?a=1", "không hợp lệ")])
def test_public_url_is_required_in_production(tmp_path, url, words):
    result = run("import tdkt.settings", tmp_path, TDKT_SECRET_KEY=PRODUCTION["TDKT_SECRET_KEY"], TDKT_PUBLIC_URL=url)
    assert result.returncode != 0
    assert words in result.stderr


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    shown = run("import django; django.setup(); from django.conf import settings as s; "
                "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
                "s.SECURE_PROXY_SSL_HEADER[0], s.CSRF_TRUSTED_ORIGINS[0])", tmp_path, **PRODUCTION)
    assert shown.stdout.split() == ["True", "True", "True", "31536000", "HTTP_X_FORWARDED_PROTO",
                                    "https://thiduakhenthuong.hanam.gov.vn"]


@pytest.mark.django_db
def test_pages_carry_a_content_security_policy_without_inline_code(world, client):
    from tdkt.testing import login

    response = login(world.officer).get("/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "object-src 'none'" in policy and "unsafe-eval" not in policy
    script_part = policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "unsafe-inline" not in script_part
    nonce = script_part.split("'nonce-", 1)[1].split("'", 1)[0]
    html = response.content.decode()
    assert f'nonce="{nonce}"' in html  # htmx's script and its inline style nonce


def test_no_template_has_inline_script_or_event_handler():
    import re

    offenders = []
    for path in (ROOT / "tdkt").rglob("*.html"):
        if "documents/templates" in str(path):  # rendered to PDF by WeasyPrint, never served as a page
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text) \
                or re.search(r"\son[a-z]+=\"", text) or "hx-on" in text or "javascript:" in text:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
