"""Accounts: the administrator's changes to users, passwords, lock-outs and API tokens.

Every change is audited on the user (model "auth.user") with a snapshot that never holds the
password hash. The administrator cannot lock the system out: nobody deactivates or demotes
themselves, and the last active administrator stays one.
"""
from __future__ import annotations

import re

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tdkt.core import audit
from tdkt.core.choices import AuditAction, Role
from tdkt.core.models import ApiToken, Profile
from tdkt.core.scope import role_of
from tdkt.core.services import Errors

from .choices import AccountAction

User = get_user_model()

MSG_ADMIN_ONLY = "Chỉ quản trị hệ thống được quản lý tài khoản."
USERNAME_RE = re.compile(r"^[\w.@+-]+$")
UNIT_ROLES = {Role.CLERK}  # roles whose work is bound to a unit: they must have one
MAX_TOKEN_DAYS = 3650


def is_admin(user) -> bool:
    return role_of(user) == Role.ADMIN


def require_admin(actor) -> None:
    if not is_admin(actor):
        raise PermissionDenied(MSG_ADMIN_ONLY)


def profile(user) -> Profile:
    found = Profile.objects.select_related("unit").filter(user=user).first()
    return found or Profile(user=user, role=Role.VIEWER)


def account_snapshot(user) -> dict:
    """What the history shows of an account: never the password hash."""
    p = profile(user)
    return {"username": user.username, "full_name": user.first_name, "email": user.email,
            "is_active": user.is_active, "role": p.role, "unit_id": p.unit_id, "title": p.title,
            "must_change_password": p.must_change_password}


def _record(actor, action, user, before=None, note=""):
    return audit.record(actor, action, user, before, account_snapshot(user), note)


def active_admins():
    return User.objects.filter(is_active=True).filter(Q(is_superuser=True) | Q(profile__role=Role.ADMIN))


def _check_lockout(actor, user, *, role: str, is_active: bool) -> None:
    """Refuse a change that would lock the administrator (or the whole system) out."""
    was_admin = user.is_active and (user.is_superuser or profile(user).role == Role.ADMIN)
    stays_admin = is_active and (user.is_superuser or role == Role.ADMIN)
    if actor.pk == user.pk and not is_active:
        raise ValidationError({"is_active": "Bạn không thể tự khóa tài khoản của chính mình."})
    if actor.pk == user.pk and was_admin and not stays_admin:
        raise ValidationError({"role": "Bạn không thể tự bỏ vai trò quản trị của mình; "
                                       "hãy nhờ một quản trị viên khác."})
    if was_admin and not stays_admin and not active_admins().exclude(pk=user.pk).exists():
        raise ValidationError({"role": "Đây là quản trị viên cuối cùng còn hoạt động: không thể khóa hay đổi vai trò."})


def _check_fields(errors: Errors, *, role, unit, full_name: str) -> None:
    if role not in Role.values:
        errors.add("role", "Vai trò: không hợp lệ.")
    if role in UNIT_ROLES and unit is None:
        errors.add("unit", "Đơn vị: cán bộ TĐKT đơn vị phải thuộc một đơn vị.")
    if unit is not None and unit.merged_into_id is not None:
        errors.add("unit", f"Đơn vị: {unit.name} đã sáp nhập, hãy chọn đơn vị tiếp nhận.")
    if not (full_name or "").strip():
        errors.add("full_name", "Họ và tên: không được để trống.")


def _check_password(errors: Errors, password: str, user, field: str = "password") -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        for message in exc.messages:
            errors.add(field, f"Mật khẩu: {message}")


@transaction.atomic
def create_account(actor, *, username: str, full_name: str, email: str = "", role: str, unit=None, title: str = "",
                   password: str):
    """A new account with a temporary password the user must change at first login."""
    require_admin(actor)
    username = (username or "").strip()
    errors = Errors()
    if not username:
        errors.add("username", "Tên đăng nhập: không được để trống.")
    elif len(username) > 150 or not USERNAME_RE.match(username):
        errors.add("username", "Tên đăng nhập: chỉ gồm chữ, số và các ký tự . @ + - _ (tối đa 150 ký tự).")
    elif User.objects.filter(username__iexact=username).exists():
        errors.add("username", f"Tên đăng nhập: “{username}” đã có người dùng.")
    _check_fields(errors, role=role, unit=unit, full_name=full_name)
    candidate = User(username=username, first_name=(full_name or "").strip(), email=email or "")
    _check_password(errors, password or "", candidate)
    errors.raise_if_any()
    user = User.objects.create_user(username=username, password=password, first_name=full_name.strip()[:150],
                                    email=email or "")
    Profile.objects.create(user=user, role=role, unit=unit, title=title or "",
                           must_change_password=True)
    _record(actor, AuditAction.CREATE, user, note="tạo tài khoản với mật khẩu tạm thời")
    return user


@transaction.atomic
def update_account(actor, user, *, full_name: str, email: str = "", role: str, unit=None, title: str = "",
                   is_active: bool = True):
    require_admin(actor)
    errors = Errors()
    _check_fields(errors, role=role, unit=unit, full_name=full_name)
    errors.raise_if_any()
    _check_lockout(actor, user, role=role, is_active=is_active)
    before = account_snapshot(user)
    user.first_name, user.email = full_name.strip()[:150], email or ""
    activity_changed = user.is_active != is_active
    user.is_active = is_active
    user.save(update_fields=["first_name", "email", "is_active"])
    p = profile(user)
    p.role, p.unit, p.title = role, unit, title or ""
    p.save()
    action = AuditAction.UPDATE
    if activity_changed:
        action = AccountAction.ACTIVATE if is_active else AccountAction.DEACTIVATE
    if account_snapshot(user) != before:
        _record(actor, action, user, before)
    return user


@transaction.atomic
def set_temporary_password(actor, user, password: str):
    """The administrator's reset: a temporary password the user must change at the next login. The
    user's open sessions end (their session hash no longer matches)."""
    require_admin(actor)
    errors = Errors()
    _check_password(errors, password or "", user)
    errors.raise_if_any()
    before = account_snapshot(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    Profile.objects.update_or_create(user=user, defaults={"must_change_password": True},
                                     create_defaults={"must_change_password": True, "role": Role.VIEWER})
    _record(actor, AccountAction.PASSWORD_RESET, user, before, note="mật khẩu tạm thời do quản trị viên đặt")
    return user


def password_changed(user, note: str = "") -> None:
    """After the user set their own password (change page or e-mailed link): the flag goes, the lock
    on their username goes, the change is audited."""
    Profile.objects.filter(user=user, must_change_password=True).update(must_change_password=False)
    axes_reset(username=user.username)
    audit.record(user, AccountAction.PASSWORD_CHANGE, user, None, account_snapshot(user), note)


def lock_state(user) -> AccessAttempt | None:
    """The axes record that currently locks the username out (from any address), if one does."""
    qs = AccessAttempt.objects.filter(username=user.username, failures_since_start__gte=settings.AXES_FAILURE_LIMIT)
    if settings.AXES_COOLOFF_TIME:
        qs = qs.filter(attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME)
    return qs.order_by("-attempt_time").first()


@transaction.atomic
def unlock(actor, user) -> int:
    require_admin(actor)
    count = axes_reset(username=user.username)
    _record(actor, AccountAction.UNLOCK, user, note=f"xóa {count} bản ghi đăng nhập sai")
    return count


# --- API tokens -----------------------------------------------------------------------------------

def tokens_visible_to(user):
    qs = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    return qs if is_admin(user) else qs.filter(user_id=user.pk)


@transaction.atomic
def issue_token(actor, *, owner, name: str, days: int | None = None):
    """A token for the actor (or, for an administrator, any active account); the secret is returned once."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Cần đăng nhập để cấp khóa API.")
    if owner.pk != actor.pk and not is_admin(actor):
        raise PermissionDenied("Bạn chỉ được cấp khóa API cho chính tài khoản của mình.")
    errors = Errors()
    name = (name or "").strip()
    if not name:
        errors.add("name", "Tên khóa: không được để trống.")
    elif len(name) > ApiToken._meta.get_field("name").max_length:
        errors.add("name", "Tên khóa: dài quá 100 ký tự.")
    days = settings.TDKT_API_TOKEN_DAYS if days is None else days
    if not (1 <= days <= MAX_TOKEN_DAYS):
        errors.add("days", f"Thời hạn: từ 1 đến {MAX_TOKEN_DAYS} ngày.")
    if not owner.is_active:
        errors.add("owner", f"Tài khoản “{owner.username}” đang bị khóa.")
    errors.raise_if_any()
    token, raw = ApiToken.issue(owner, name, days=days)
    audit.record(actor, AccountAction.TOKEN_CREATE, token, None, token_snapshot(token),
                 note=f"cho {owner.username}, hết hạn {timezone.localtime(token.expires_at):%d/%m/%Y}")
    return token, raw


@transaction.atomic
def revoke_token(actor, token) -> None:
    if token.user_id != actor.pk and not is_admin(actor):
        raise PermissionDenied("Bạn chỉ được thu hồi khóa API của chính mình.")
    if token.revoked:
        return
    before = token_snapshot(token)
    token.revoked, token.revoked_at = True, timezone.now()
    token.save(update_fields=["revoked", "revoked_at"])
    audit.record(actor, AccountAction.TOKEN_REVOKE, token, before, token_snapshot(token))


def token_snapshot(token) -> dict:
    """The token's audit snapshot: never its digest."""
    snap = audit.snapshot(token)
    snap.pop("digest", None)
    return snap
