"""`create_api_token USERNAME NAME`: issue an API token for another system and print it once (with the
standard lifetime, TDKT_API_TOKEN_DAYS; `tdkt tokens create` does the same and takes --days)."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from tdkt.core import audit
from tdkt.core.models import ApiToken


class Command(BaseCommand):
    help = "Cấp khóa API cho một tài khoản; khóa chỉ được in ra một lần, hệ thống chỉ lưu mã băm SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("username", help="Tên đăng nhập của tài khoản dùng khóa.")
        parser.add_argument("name", help="Tên gợi nhớ của khóa, ví dụ tên hệ thống dùng nó.")

    def handle(self, *args, username, name, **options):
        name = (name or "").strip()
        if not name:
            raise CommandError("Tên khóa không được để trống.")
        if len(name) > ApiToken._meta.get_field("name").max_length:
            raise CommandError("Tên khóa dài quá 100 ký tự.")
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản “{username}”.")
        if not user.is_active:
            raise CommandError(f"Tài khoản “{username}” đang bị khóa.")
        token, raw = ApiToken.issue(user, name)
        snap = {k: v for k, v in audit.snapshot(token).items() if k != "digest"}
        audit.record(None, "token.create", token, None, snap, note=f"cho {username}, lệnh create_api_token")
        self.stderr.write(f"Đã cấp khóa “{name}” (tiền tố {token.prefix}) cho {username}. "
                          "Hãy lưu lại ngay: khóa sẽ không được hiển thị lần nữa.")
        self.stdout.write(raw)
