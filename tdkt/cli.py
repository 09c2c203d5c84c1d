"""The `tdkt` command: the everyday operations of the system.

    tdkt demo [--people N] [--reset]     create the database and load the demo province
    tdkt serve [--port 8000]             serve the web application
    tdkt import people|awards FILE.xlsx [--commit]
    tdkt eligibility CASE.json|-         the verdict of the rule engine (no database needed)
    tdkt eligibility-batch --year Y      evaluate every person of the province for year Y
    tdkt migrate                         create or upgrade the database
    tdkt backup [--to DIR] [--keep N]    one archive of the database, stored files and signing key
    tdkt restore BACKUP [--force]        check an archive's checksums, then restore it
    tdkt manage ARGS…                    any Django management command
"""
from __future__ import annotations

import argparse
import os
import sys


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
    import django

    django.setup()


def _migrate(verbosity: int = 0):
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        os.makedirs(os.path.dirname(settings.DATABASES["default"]["NAME"]), exist_ok=True)
    call_command("migrate", interactive=False, verbosity=verbosity)


def cmd_migrate(args):
    _django()
    _migrate(verbosity=1)


def cmd_demo(args):
    _django()
    from tdkt.demo.load import load_demo

    _migrate()
    load_demo(people=args.people, seed=args.seed, reset=args.reset, out=sys.stdout)


def cmd_serve(args):
    _django()
    from django.core.management import call_command

    _migrate()
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True)


def cmd_import(args):
    _django()
    from tdkt.imports.cli import run_import

    sys.exit(run_import(args.what, args.file, commit=args.commit, username=args.user, out=sys.stdout))


def cmd_eligibility(args):
    # The rule engine is pure Python: no Django start-up, so a case is answered in milliseconds.
    from tdkt.rules.case import CaseError
    from tdkt.rules.cli import parse_overrides, run

    try:
        sys.exit(run(args.case, overrides=parse_overrides(args.set)))
    except CaseError as exc:
        print(f"Lỗi: tham số không hợp lệ ({exc.field}): {exc.message}", file=sys.stderr)
        sys.exit(2)


def cmd_eligibility_batch(args):
    _django()
    from tdkt.core.services import system_actor
    from tdkt.eligibility.batch import run_batch, start_run
    from tdkt.eligibility.models import EligibilityRun

    _migrate()
    if args.run:
        run = EligibilityRun.objects.get(pk=args.run)
    else:
        if not args.year:
            print("Lỗi: cần --year NĂM (hoặc --run MÃ_LƯỢT)", file=sys.stderr)
            sys.exit(2)
        run = start_run(system_actor(), args.year)
    print(f"Xét điều kiện khen thưởng năm {run.year} cho toàn tỉnh…", file=sys.stderr)
    run = run_batch(run, workers=args.workers, progress_out=sys.stderr)
    def n(x):
        return f"{x:,}".replace(",", ".")
    print(f"Xong: {n(run.total)} cá nhân, {n(run.eligible)} kết quả đủ điều kiện, {run.seconds} giây ({run.rule_set}).")


def cmd_backup(args):
    _django()
    from tdkt.core.backup import BackupError, create_backup, describe

    try:
        result = create_backup(args.to, keep=args.keep)
    except BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        sys.exit(1)
    print("\n".join(describe(result)))


def cmd_restore(args):
    _django()  # no migrate first: the restore brings the schema, and refuses a non-empty database
    from tdkt.core.backup import BackupError
    from tdkt.core.restore import restore

    try:
        lines = restore(args.backup, force=args.force)
    except BackupError as exc:
        print(f"Lỗi: {exc}", file=sys.stderr)
        sys.exit(1)
    print("\n".join(lines))


def cmd_manage(args):
    _django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["tdkt manage", *args.rest])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tdkt", description="Hệ thống quản lý thi đua, khen thưởng")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("demo", help="tạo cơ sở dữ liệu và nạp dữ liệu mẫu của một tỉnh")
    p.add_argument("--people", type=int, default=5000, help="số cá nhân (mặc định 5000)")
    p.add_argument("--seed", type=int, default=2026)
    p.add_argument("--reset", action="store_true", help="xóa dữ liệu cũ trước khi nạp")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("serve", help="chạy ứng dụng web")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("import", help="nhập dữ liệu từ tệp Excel")
    p.add_argument("what", choices=["people", "awards"], help="people: cá nhân; awards: lịch sử khen thưởng")
    p.add_argument("file")
    p.add_argument("--commit", action="store_true", help="ghi vào cơ sở dữ liệu nếu không có dòng lỗi")
    p.add_argument("--user", default=None, help="tài khoản thực hiện (mặc định: hệ thống)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("eligibility", help="xét điều kiện khen thưởng cho một hồ sơ JSON")
    p.add_argument("case", help="tệp JSON của hồ sơ xét, hoặc - để đọc từ đầu vào chuẩn")
    p.add_argument("--set", action="append", metavar="THAM_SO=GIA_TRI",
                   help="tham số tỉnh quy định chi tiết, ví dụ ttldtt_ldtt_share=0.7")
    p.set_defaults(func=cmd_eligibility)

    p = sub.add_parser("eligibility-batch", help="xét điều kiện hàng loạt cho mọi cá nhân trong tỉnh")
    p.add_argument("--year", type=int, help="năm thành tích cần xét")
    p.add_argument("--run", type=int, help="chạy một lượt đã tạo từ trang web")
    p.add_argument("--workers", type=int, default=None, help="số tiến trình (mặc định: số nhân CPU, tối đa 4)")
    p.set_defaults(func=cmd_eligibility_batch)

    p = sub.add_parser("migrate", help="tạo hoặc nâng cấp cơ sở dữ liệu")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("backup", help="sao lưu cơ sở dữ liệu, tệp lưu trữ và khóa ký số vào một tệp")
    p.add_argument("--to", metavar="THU_MUC", default=None, help="thư mục nhận bản sao lưu (mặc định TDKT_BACKUP_DIR)")
    p.add_argument("--keep", type=int, default=None, metavar="N",
                   help="giữ N bản mới nhất trong thư mục, xóa các bản cũ hơn (mặc định TDKT_BACKUP_KEEP; 0: giữ tất cả)")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="khôi phục từ một bản sao lưu (kiểm tra mã SHA-256 trước)")
    p.add_argument("backup", help="tệp tdkt-….tar.gz do tdkt backup tạo")
    p.add_argument("--force", action="store_true",
                   help="thay thế cơ sở dữ liệu, tệp lưu trữ và khóa ký số đang có dữ liệu")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("manage", help="lệnh quản trị Django")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
