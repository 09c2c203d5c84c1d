"""`tdkt import people|awards FILE.xlsx [--commit] [--user U]`: the same checks and writes as the pages.

Exit status: 0 when the file is valid (and, with --commit, written); 1 when it has bad rows (nothing
is saved); 2 when the file cannot be read or the command cannot run (unknown user, no right to write).
"""
from __future__ import annotations

import os
import sys

from django.core.exceptions import PermissionDenied
from django.http import Http404


def _progress(out):
    last = {"stage": None, "percent": -1}

    def report(stage: str, done: int, total: int) -> None:
        percent = 100 if not total else done * 100 // total
        if stage != last["stage"] or percent // 10 != last["percent"] // 10 or done == total:
            out.write(f"{stage}: {done:,}/{total:,} dòng ({percent}%)\n".replace(",", "."))
            out.flush()
            last.update(stage=stage, percent=percent)

    return report


def _print_errors(out, errors: list[dict]) -> None:
    for error in errors:
        where = []
        if error.get("row"):
            where.append(f"Dòng {error['row']}")
        if error.get("column"):
            where.append(f"cột {error['column']}")
        prefix = ", ".join(where)
        out.write(f"{prefix}: {error['message']}\n" if prefix else f"{error['message']}\n")


def _actor(username: str | None):
    from django.contrib.auth.models import User

    from tdkt.core.services import system_actor

    if not username:
        return system_actor()
    return User.objects.select_related("profile").get(username=username)


def run_import(what: str, file: str, *, commit: bool = False, username: str | None = None, out=None) -> int:
    from django.contrib.auth.models import User

    from tdkt.core.scope import can_write

    from . import services
    from .parsing import ImportFileError

    out = out or sys.stdout
    if what not in ("people", "awards"):
        out.write("Lỗi: loại dữ liệu phải là people (cá nhân) hoặc awards (lịch sử khen thưởng).\n")
        return 2
    try:
        actor = _actor(username)
    except User.DoesNotExist:
        out.write(f"Lỗi: không có tài khoản “{username}”.\n")
        return 2
    if not can_write(actor):
        out.write(f"Lỗi: tài khoản “{username}” không có quyền nhập dữ liệu.\n")
        return 2
    try:
        with open(file, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        out.write(f"Lỗi: không mở được tệp “{file}” ({exc.strerror or exc}).\n")
        return 2
    name = os.path.basename(file)
    try:
        sheet = services.read_file(what, data, name)
    except ImportFileError as exc:
        out.write(f"Lỗi: {exc}\n")
        return 2
    out.write(f"Tệp “{name}”, trang “{sheet.name}”, dòng tiêu đề {sheet.header_row}, {sheet.total_rows} dòng dưới tiêu đề.\n")
    progress = _progress(out)
    try:
        if not commit:
            validator = services.validate_all(actor, what, sheet, progress=lambda n, t: progress("Kiểm tra", n, t))
            if validator.errors:
                _print_errors(out, validator.errors)
                rows = len({e["row"] for e in validator.errors if e.get("row")})
                out.write(f"Có {len(validator.errors)} lỗi ở {rows} dòng; chưa ghi gì vào hệ thống.\n")
                return 1
            out.write(f"Tệp hợp lệ: {validator.data_rows} dòng dữ liệu. Chạy lại với --commit để ghi vào hệ thống.\n")
            return 0
        result = services.commit_sheet(actor, what, sheet, name, progress=progress)
    except services.ImportRowsError as exc:
        _print_errors(out, exc.errors)
        out.write(f"Có {len(exc.errors)} lỗi ở {exc.bad_rows} dòng; chưa ghi gì vào hệ thống.\n")
        return 1
    except (PermissionDenied, Http404):
        out.write("Lỗi: tài khoản không có quyền ghi vào các đơn vị trong tệp.\n")
        return 2
    what_label = "cá nhân" if what == "people" else "khen thưởng"
    extra = f", {result.decisions_created} quyết định mới" if result.decisions_created else ""
    out.write(f"Đã ghi {result.created} {what_label}{extra}.\n")
    return 0
