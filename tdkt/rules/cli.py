"""`tdkt eligibility CASE.json` (or `-` for standard input): print the verdict JSON.

Exit status 0 for any verdict; 2 with a Vietnamese message on standard error when the case cannot
be read or is not valid. Django is never started, so a case is answered in milliseconds.
"""
from __future__ import annotations

import json
import sys

from .engine import evaluate
from .errors import CaseError


def _read(path: str, stdin) -> str:
    if path == "-":
        return stdin.read()
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def run(path: str, overrides: dict | None = None, stdin=None, stdout=None, stderr=None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        text = _read(path, stdin)
    except FileNotFoundError:
        print(f"Lỗi: không tìm thấy tệp {path}", file=stderr)
        return 2
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Lỗi: không đọc được tệp {path} ({exc.__class__.__name__})", file=stderr)
        return 2
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        print(f"Lỗi: nội dung không phải JSON hợp lệ (dòng {exc.lineno}, cột {exc.colno})", file=stderr)
        return 2
    try:
        verdict = evaluate(raw, overrides=overrides)
    except CaseError as exc:
        where = f" (trường {exc.field})" if exc.field else ""
        print(f"Lỗi: hồ sơ xét không hợp lệ{where}: {exc.message}", file=stderr)
        return 2
    json.dump(verdict, stdout, ensure_ascii=False, indent=2)
    stdout.write("\n")
    return 0


def parse_overrides(items: list[str]) -> dict:
    """`name=value` pairs (value in JSON: 0.7, false, "good")."""
    out = {}
    for item in items or []:
        name, _, value = item.partition("=")
        try:
            out[name.strip()] = json.loads(value)
        except json.JSONDecodeError:
            out[name.strip()] = value
    return out
