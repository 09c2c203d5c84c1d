"""`tdkt tokens list|create|revoke`: API tokens from the command line, through the same services
(and the same audit) as the page. The secret of a new token is printed once, on standard output."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from tdkt.core.forms import error_text
from tdkt.core.models import ApiToken
from tdkt.core.services import system_actor

from . import services


def _date(value) -> str:
    return f"{timezone.localtime(value):%d/%m/%Y}" if value else "không thời hạn"


def run_tokens(action: str, *, user: str | None = None, name: str | None = None, days: int | None = None,
               token_id: int | None = None, out, err) -> int:
    actor = system_actor()
    if action == "list":
        qs = services.tokens_visible_to(actor)
        if user:
            qs = qs.filter(user__username=user)
        out.write("id\ttài khoản\ttên\ttiền tố\thết hạn\ttrạng thái\n")
        for t in qs:
            out.write(f"{t.pk}\t{t.user.username}\t{t.name}\t{t.prefix}\t{_date(t.expires_at)}\t{t.status}\n")
        return 0
    if action == "create":
        owner = get_user_model().objects.filter(username=user or "").first()
        if owner is None:
            err.write(f"Không có tài khoản “{user}”.\n")
            return 2
        try:
            token, raw = services.issue_token(actor, owner=owner, name=name or "", days=days)
        except ValidationError as exc:
            err.write(error_text(exc) + "\n")
            return 2
        err.write(f"Đã cấp khóa “{token.name}” (số {token.pk}, tiền tố {token.prefix}) cho {owner.username}, "
                  f"hết hạn {_date(token.expires_at)}. Hãy lưu lại ngay: khóa sẽ không được hiển thị lần nữa.\n")
        out.write(raw + "\n")
        return 0
    if action == "revoke":
        token = ApiToken.objects.filter(pk=token_id).first() if token_id else None
        if token is None:
            err.write(f"Không có khóa API số {token_id}.\n")
            return 2
        services.revoke_token(actor, token)
        err.write(f"Đã thu hồi khóa “{token.name}” của {token.user.username}.\n")
        return 0
    err.write(f"Thao tác không hợp lệ: {action}.\n")
    return 2
