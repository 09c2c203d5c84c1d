"""The `tdkt` command: the everyday operations of the system.

    tdkt demo [--people N] [--reset]     create the database and load the demo province (and, once,
                                         var/installation.json: the demo's secret key and address)
    tdkt serve [--port 8000] [--workers N] [--no-worker] [--access-log] [--dev]
                                         serve the web application (gunicorn; one job worker beside it)
    tdkt worker                          run the background jobs (document rendering, batches, exports)
    tdkt import people|awards FILE.xlsx [--commit]
    tdkt decision-numbers FILE.xlsx --user U   numbers and dates the issuing body's register gave
    tdkt eligibility CASE.json|-         the verdict of the rule engine (no database needed)
    tdkt eligibility-batch --year Y      evaluate every person of the province for year Y
    tdkt tokens list [--user U]          API tokens (id, account, name, prefix, expiry, status)
    tdkt tokens create USER NAME [--days N]   issue a token; its secret is printed once
    tdkt tokens revoke ID                revoke a token
    tdkt migrate                         create or upgrade the database
    tdkt remind [--date DD/MM/YYYY]      the daily reminders of deadlines (in the app and by e-mail)
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
    from tdkt import installation

    # A demonstration's own random secret key and its public address (http://127.0.0.1:8000),
    # read by the settings when TDKT_SECRET_KEY / TDKT_PUBLIC_URL are unset (tdkt/installation.py).
    installation.ensure_demo(installation.var_dir())
    _django()
    from tdkt.demo.load import load_demo

    _migrate()
    load_demo(people=args.people, seed=args.seed, reset=args.reset, out=sys.stdout)


def cmd_serve(args):
    if args.dev:
        _django()
        from django.core.management import call_command

        _migrate()
        call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True)
        return
    # Static files are collected (hashed names, compressed) and served from STATIC_ROOT by WhiteNoise.
    os.environ["TDKT_STATIC_COLLECTED"] = "1"
    _django()
    from django.conf import settings
    from django.core.management import call_command

    from tdkt.server import serve, web_workers

    _migrate()
    call_command("collectstatic", interactive=False, verbosity=0)
    # gunicorn forks its workers from this process: a database connection left open here would be
    # shared by all of them, and their PostgreSQL protocol streams would mix.
    from django.db import connections

    connections.close_all()
    workers = web_workers(args.workers or settings.TDKT_WEB_WORKERS)
    print(f"Phục vụ tại http://{args.host}:{args.port}/ ({workers} tiến trình web"
          f"{', không kèm tiến trình chạy nền' if args.no_worker else ', 1 tiến trình chạy nền'}).", file=sys.stderr)
    serve(args.host, args.port, workers=workers, with_worker=not args.no_worker,
          access_log=args.access_log or settings.TDKT_ACCESS_LOG)


def cmd_worker(args):
    _django()
    from tdkt.core.worker import run_worker

    if args.migrate:
        _migrate()
    run_worker(queues=args.queues, interval=args.interval, batch=args.batch, max_tasks=args.max_tasks,
               parent=args.parent)


def cmd_import(args):
    _django()
    from tdkt.imports.cli import run_import

    sys.exit(run_import(args.what, args.file, commit=args.commit, username=args.user, out=sys.stdout))


def cmd_remind(args):
    _django()
    import datetime as dt

    from tdkt.reminders import LABELS, run

    day = None
    if args.date:
        try:
            day = dt.datetime.strptime(args.date, "%d/%m/%Y").date()
        except ValueError:
            print(f"Lỗi: --date phải là ngày dạng DD/MM/YYYY (đang là {args.date!r}).", file=sys.stderr)
            sys.exit(2)
    counts = run(day)
    total = sum(counts.values())
    print(f"Đã gửi {total} nhắc hạn" + (": " + ", ".join(f"{LABELS[k]} {n}" for k, n in counts.items() if n)
                                        if total else " (không có hạn nào trong những ngày tới chưa được nhắc)."))


def cmd_decision_numbers(args):
    """Give signed decisions the numbers of the issuing body's register (columns Mã hồ sơ, Số, ký
    hiệu, Ngày ban hành, Lý do): all or nothing, every refusal printed with its row."""
    _django()
    from django.contrib.auth.models import User
    from django.core.exceptions import PermissionDenied, ValidationError

    from tdkt.dossiers.services import numbering

    user = User.objects.filter(username=args.user, is_active=True).first()
    if user is None:
        print(f"Không có tài khoản “{args.user}”.", file=sys.stderr)
        sys.exit(2)
    try:
        with open(args.file, "rb") as fh:
            rows = numbering.read_number_rows(fh.read())
        done = numbering.import_numbers(user, rows)  # the documents are queued for `tdkt worker`
    except OSError as exc:
        print(f"Không đọc được tệp: {exc}", file=sys.stderr)
        sys.exit(2)
    except PermissionDenied as exc:
        print(str(exc), file=sys.stderr)
        sys.exit(2)
    except ValidationError as exc:
        for messages in exc.message_dict.values():
            for message in messages:
                print(message, file=sys.stderr)
        print("Chưa ghi số nào.", file=sys.stderr)
        sys.exit(1)
    for decision in done:
        print(f"Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}: {decision.summary}")
    print(f"Đã cấp số {len(done)} quyết định.")


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


def cmd_tokens(args):
    _django()
    from tdkt.accounts.cli import run_tokens

    sys.exit(run_tokens(args.action, user=getattr(args, "user", None), name=getattr(args, "name", None),
                        days=getattr(args, "days", None), token_id=getattr(args, "id", None),
                        out=sys.stdout, err=sys.stderr))


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

    p = sub.add_parser("serve", help="chạy ứng dụng web (gunicorn) kèm một tiến trình chạy nền")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", default="8000")
    p.add_argument("--workers", type=int, default=None,
                   help="số tiến trình web (mặc định TDKT_WEB_WORKERS, hoặc 2 × số nhân CPU + 1, tối đa 8)")
    p.add_argument("--no-worker", action="store_true",
                   help="không chạy tiến trình chạy nền kèm theo (khi đã có dịch vụ tdkt worker riêng)")
    p.add_argument("--access-log", action="store_true", help="ghi nhật ký truy cập ra đầu ra chuẩn")
    p.add_argument("--dev", action="store_true", help="máy chủ phát triển của Django (chỉ dùng khi lập trình)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="chạy các việc nền: tạo văn bản, xét hàng loạt, xuất Excel lớn, ghi tệp nhập")
    p.add_argument("--queues", default="default", help="các hàng đợi, cách nhau bởi dấu phẩy (mặc định: default)")
    p.add_argument("--interval", type=float, default=1.0, help="số giây chờ khi hàng đợi trống (mặc định 1)")
    p.add_argument("--batch", action="store_true", help="chạy hết việc đang chờ rồi dừng")
    p.add_argument("--max-tasks", type=int, default=None, help="dừng sau số việc này")
    p.add_argument("--migrate", action="store_true", help="nâng cấp cơ sở dữ liệu trước khi nhận việc")
    p.add_argument("--parent", type=int, default=None, help=argparse.SUPPRESS)
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("import", help="nhập dữ liệu từ tệp Excel")
    p.add_argument("what", choices=["people", "awards"], help="people: cá nhân; awards: lịch sử khen thưởng")
    p.add_argument("file")
    p.add_argument("--commit", action="store_true", help="ghi vào cơ sở dữ liệu nếu không có dòng lỗi")
    p.add_argument("--user", default=None, help="tài khoản thực hiện (mặc định: hệ thống)")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("decision-numbers", help="ghi số, ngày văn thư đã cấp cho các quyết định đã ký (tệp Excel)")
    p.add_argument("file")
    p.add_argument("--user", required=True, help="tài khoản văn thư thực hiện")
    p.set_defaults(func=cmd_decision_numbers)

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

    p = sub.add_parser("tokens", help="khóa API: liệt kê, cấp, thu hồi")
    tokens = p.add_subparsers(dest="action", required=True)
    q = tokens.add_parser("list", help="liệt kê khóa API")
    q.add_argument("--user", default=None, help="chỉ khóa của tài khoản này")
    q.set_defaults(func=cmd_tokens)
    q = tokens.add_parser("create", help="cấp khóa API; khóa chỉ được in ra một lần")
    q.add_argument("user", help="tên đăng nhập của tài khoản dùng khóa")
    q.add_argument("name", help="tên gợi nhớ của khóa, ví dụ tên hệ thống dùng nó")
    q.add_argument("--days", type=int, default=None, help="thời hạn tính bằng ngày (mặc định TDKT_API_TOKEN_DAYS)")
    q.set_defaults(func=cmd_tokens)
    q = tokens.add_parser("revoke", help="thu hồi khóa API")
    q.add_argument("id", type=int, help="số của khóa (cột id của tdkt tokens list)")
    q.set_defaults(func=cmd_tokens)

    p = sub.add_parser("migrate", help="tạo hoặc nâng cấp cơ sở dữ liệu")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("remind", help="nhắc các hạn sắp đến (chạy hằng ngày): trong hệ thống và qua thư điện tử")
    p.add_argument("--date", help="tính như hôm nay là ngày này (DD/MM/YYYY), để chạy bù")
    p.set_defaults(func=cmd_remind)


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
