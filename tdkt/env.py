"""Settings read from the environment, refused with a message naming the variable when malformed
(after Healthchecks' `envbool`/`envint`): a typo in an operator's unit file stops the start with
"TDKT_DISCLOSURE_DAYS phải là số nguyên", not with a traceback from `int()` or a silent default."""
from __future__ import annotations

import json
import os
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ImproperlyConfigured

TRUE, FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def _refuse(name: str, value: str, expected: str) -> ImproperlyConfigured:
    return ImproperlyConfigured(f"Biến môi trường {name}={value!r} không hợp lệ: {expected}.")


def envstr(name: str, default: str = "") -> str:
    value = _raw(name)
    return default if value is None else value


def envbool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise _refuse(name, value, "phải là 1/0, true/false, yes/no hoặc on/off")


def envint(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise _refuse(name, value, "phải là số nguyên") from None
    if minimum is not None and number < minimum:
        raise _refuse(name, value, f"phải từ {minimum} trở lên")
    if maximum is not None and number > maximum:
        raise _refuse(name, value, f"phải không quá {maximum}")
    return number


def envdecimal(name: str, default: str, *, minimum: str | None = None, maximum: str | None = None) -> Decimal:
    value = _raw(name)
    if value is None or value == "":
        value = default
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise _refuse(name, value, "phải là số thập phân, ví dụ 0.667") from None
    if not number.is_finite() or (minimum is not None and number < Decimal(minimum)) \
            or (maximum is not None and number > Decimal(maximum)):
        raise _refuse(name, value, f"phải trong khoảng {minimum} đến {maximum}")
    return number


def envjson(name: str, default: dict | list, *, kind: type = dict):
    value = _raw(name)
    if not value:
        return default
    try:
        parsed = json.loads(value)
    except json.JSONDecodeError as exc:
        raise _refuse(name, value, f"không phải JSON ({exc.msg}, vị trí {exc.pos})") from None
    if not isinstance(parsed, kind):
        raise _refuse(name, value, "phải là một đối tượng JSON {…}" if kind is dict else "phải là một mảng JSON […]")
    return parsed


def envlist(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]
