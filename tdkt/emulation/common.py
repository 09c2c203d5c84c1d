"""Helpers the emulation services share: the office gate, numbers read from forms, stored uploads,
status errors, and who a member unit is for an actor."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.core.scope import profile_of, role_of, scope_unit_ids
from tdkt.dossiers import services as _dossier_services
from tdkt.eligibility.services import FIRST_YEAR, LAST_YEAR

# The commendation office's gate is the dossier workflow's: one definition of who the office is.
from tdkt.core.choices import OFFICE_ROLES  # noqa: E402  (the one definition of the office)
require_office = _dossier_services.require_office



def is_office(actor) -> bool:
    return role_of(actor) in OFFICE_ROLES


def user_of(actor):
    from tdkt.core.audit import user_of as _of

    return _of(actor)


def fmt(value: Decimal | None) -> str:
    """A number the Vietnamese way: comma for decimals, no trailing zeros ("12,5", "10")."""
    if value is None:
        return "–"
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:.2f}".rstrip("0")
    return text.replace(".", ",")


# The widest numbers the columns hold: points (8 digits, 2 decimals), covenant values (14, 2).
POINTS_LIMIT = Decimal("999999.99")
AMOUNT_LIMIT = Decimal("999999999999.99")


def decimal_or_error(value, errors, field: str, label: str, *, minimum: Decimal | None = Decimal(0),
                     maximum: Decimal = POINTS_LIMIT) -> Decimal | None:
    """Read a number typed by a user ("12,5" or 12.5); record a Vietnamese error naming `label`."""
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.add(field, f"{label}: chưa nhập số.")
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".")) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError):
        errors.add(field, f"{label}: “{value}” không phải là số.")
        return None
    if not number.is_finite():
        errors.add(field, f"{label}: “{value}” không phải là số.")
        return None
    if minimum is not None and number < minimum:
        errors.add(field, f"{label}: không được nhỏ hơn {fmt(minimum)}.")
        return None
    if abs(number) > maximum:
        errors.add(field, f"{label}: không được lớn hơn {fmt(maximum)}.")
        return None
    if number != number.quantize(Decimal("0.01")):
        errors.add(field, f"{label}: chỉ nhập tối đa 2 chữ số thập phân.")
        return None
    return number


def year_or_error(value, errors, field: str, label: str = "Năm") -> int | None:
    if not isinstance(value, int) or isinstance(value, bool) or not (FIRST_YEAR <= value <= LAST_YEAR):
        errors.add(field, f"{label} phải từ {FIRST_YEAR} đến {LAST_YEAR}.")
        return None
    return value


def status_error(obj, action: str) -> ValidationError:
    return ValidationError({"status": [f"Không thể {action}: {obj._meta.verbose_name} đang ở trạng thái "
                                       f"“{obj.get_status_display()}”."]})


def forget_files_on_rollback(instances) -> None:
    """Delete stored files of rows whose transaction rolled back (called from an except block)."""
    for instance in instances:
        if instance.file.name:
            instance.file.storage.delete(instance.file.name)


def own_unit_id(actor) -> int | None:
    """The unit a unit-bound actor works for (a clerk acts for its own unit in a block)."""
    profile = profile_of(actor)
    return profile.unit_id if profile else None


def require_unit(actor, unit_id: int) -> None:
    """The actor may write for this unit (the office may write for any)."""
    from tdkt.core.services import require_writer

    require_writer(actor, unit_id)


def deny(message: str):
    raise PermissionDenied(message)


def in_scope(actor, unit_id: int) -> bool:
    ids = scope_unit_ids(actor)
    return ids is None or unit_id in ids
