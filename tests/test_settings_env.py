"""Settings from the environment: a malformed value stops the start with a message naming the
variable (tdkt/env.py), and well-formed values are read as their types."""
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from tdkt.env import envbool, envdecimal, envint, envjson, envlist


@pytest.mark.parametrize("reader, name, value, words", [
    (lambda: envint("TDKT_DISCLOSURE_DAYS", 5, minimum=1), "TDKT_DISCLOSURE_DAYS", "năm", "phải là số nguyên"),
    (lambda: envint("TDKT_DISCLOSURE_DAYS", 5, minimum=1), "TDKT_DISCLOSURE_DAYS", "0", "phải từ 1 trở lên"),
    (lambda: envbool("TDKT_DEBUG", False), "TDKT_DEBUG", "có", "phải là 1/0"),
    (lambda: envdecimal("TDKT_COUNCIL_QUORUM", "0.667", minimum="0.5", maximum="1"), "TDKT_COUNCIL_QUORUM", "2/3",
     "phải là số thập phân"),
    (lambda: envdecimal("TDKT_COUNCIL_QUORUM", "0.667", minimum="0.5", maximum="1"), "TDKT_COUNCIL_QUORUM", "1.5",
     "trong khoảng 0.5 đến 1"),
    (lambda: envjson("TDKT_STEP_LIMITS", {}), "TDKT_STEP_LIMITS", "{submitted: 5}", "không phải JSON"),
    (lambda: envjson("TDKT_STEP_LIMITS", {}), "TDKT_STEP_LIMITS", "[5]", "phải là một đối tượng JSON"),
])
def test_a_malformed_value_is_refused_naming_the_variable(monkeypatch, reader, name, value, words):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        reader()
    assert name in str(refused.value) and words in str(refused.value)


def test_well_formed_values_and_defaults(monkeypatch):
    monkeypatch.setenv("TDKT_DISCLOSURE_DAYS", " 7 ")
    monkeypatch.setenv("TDKT_DEBUG", "yes")
    monkeypatch.setenv("TDKT_ALLOWED_HOSTS", "tdkt.hason.gov.vn, 10.0.0.5,")
    monkeypatch.delenv("TDKT_COUNCIL_QUORUM", raising=False)
    assert envint("TDKT_DISCLOSURE_DAYS", 5) == 7
    assert envbool("TDKT_DEBUG", False) is True
    assert envlist("TDKT_ALLOWED_HOSTS", []) == ["tdkt.hason.gov.vn", "10.0.0.5"]
    assert envdecimal("TDKT_COUNCIL_QUORUM", "0.667") == Decimal("0.667")


def test_the_settings_module_refuses_a_malformed_environment():
    """Importing the settings in a fresh interpreter with a bad value fails with the variable's name."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "TDKT_CERTIFICATE_WORKERS": "hai"}
    result = subprocess.run([sys.executable, "-c", "import tdkt.settings"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert "TDKT_CERTIFICATE_WORKERS" in result.stderr and "phải là số nguyên" in result.stderr
