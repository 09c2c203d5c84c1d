"""E-mail settings from the environment (settings.py, "E-mail and reminders"): SMTP when
TDKT_EMAIL_HOST is set, messages kept as files under var/mail when it is not (the demo)."""
import json
import os
import subprocess
import sys

import pytest

SHOW = ("import json, tdkt.settings as s; print(json.dumps({k: str(getattr(s, k)) for k in ('EMAIL_BACKEND', "
        "'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_USE_TLS', 'EMAIL_USE_SSL', 'DEFAULT_FROM_EMAIL', "
        "'EMAIL_FILE_PATH', 'TDKT_REMIND_DAYS')}))")


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_EMAIL") and k != "TDKT_DEFAULT_FROM_EMAIL"}
    result = subprocess.run([sys.executable, "-c", SHOW], env={**clean, **env}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_smtp_from_the_environment():
    s = settings_with(TDKT_EMAIL_HOST="mail.hanam.gov.vn", TDKT_EMAIL_PORT="465", TDKT_EMAIL_USE_SSL="1",
                      TDKT_EMAIL_USER="tdkt", TDKT_EMAIL_PASSWORD="bi-mat",
                      TDKT_DEFAULT_FROM_EMAIL="Ban Thi đua – Khen thưởng <tdkt@hanam.gov.vn>")
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (s["EMAIL_HOST"], s["EMAIL_PORT"], s["EMAIL_HOST_USER"]) == ("mail.hanam.gov.vn", "465", "tdkt")
    assert (s["EMAIL_USE_SSL"], s["EMAIL_USE_TLS"]) == ("True", "False")
    assert s["DEFAULT_FROM_EMAIL"] == "Ban Thi đua – Khen thưởng <tdkt@hanam.gov.vn>"


def test_without_a_host_messages_are_kept_as_files():
    s = settings_with()
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert s["EMAIL_FILE_PATH"].endswith("mail") and s["TDKT_REMIND_DAYS"] == "3"
    assert settings_with(TDKT_EMAIL_HOST="mail.hanam.gov.vn")["EMAIL_USE_TLS"] == "True"


@pytest.mark.parametrize("env, words", [
    ({"TDKT_EMAIL_PORT": "smtp"}, "TDKT_EMAIL_PORT"),
    ({"TDKT_EMAIL_USE_TLS": "1", "TDKT_EMAIL_USE_SSL": "1"}, "không thể cùng bật"),
])
def test_a_malformed_mail_setting_is_refused_naming_the_variable(env, words):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TDKT_EMAIL")}
    result = subprocess.run([sys.executable, "-c", "import tdkt.settings"], env={**clean, **env},
                            capture_output=True, text=True)
    assert result.returncode != 0 and words in result.stderr
