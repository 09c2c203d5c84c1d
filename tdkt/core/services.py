"""What every service shares: the permission gate and field-level Vietnamese errors."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError

from .scope import can_write, require_in_scope


def require_writer(actor, unit_id: int | None = None) -> None:
    """The actor may write, and (for a unit-bound actor) the unit is in their scope."""
    if not can_write(actor):
        raise PermissionDenied("Tài khoản của bạn không có quyền thay đổi dữ liệu.")
    if unit_id is not None:
        require_in_scope(actor, unit_id)


class Errors:
    """Collects {field: [message]} and raises them together, so a form shows every problem at once."""

    def __init__(self):
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(message)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)


def system_actor():
    """The actor of set-up commands (demo loading, migrations): all rights, audited without a user."""
    from django.contrib.auth.models import User

    user = User(username="__he_thong__", is_superuser=True, is_active=True)
    return user
