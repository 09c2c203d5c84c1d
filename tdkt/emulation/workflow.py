"""What the emulation services share: the office gate, the block's row lock and whether its leader is
decided, status errors, who a member unit is for an actor, the words for scoring stages and
tie-breaks, numbers read from forms, and stored uploads."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models

from tdkt.core.audit import user_of  # noqa: F401 - shared by the emulation services
from tdkt.core.choices import register_actions
from tdkt.core.scope import is_office, profile_of, require_office, scope_unit_ids  # noqa: F401 - one office gate
from tdkt.core.years import WORK_YEARS

from .choices import BlockScorer, ScoreStage
from .models import Block, InspectionTeam


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
    if value not in WORK_YEARS:
        errors.add(field, WORK_YEARS.message(label))
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


class BlockAction(models.TextChoices):
    """Typed audit actions of closing and reopening a block's scoring (issue 12 §1)."""

    CLOSE_WITH_MISSING = "scoring.close_missing", "Khóa điểm khi còn thiếu điểm (có lý do)"
    REOPEN = "block.reopen", "Mở lại chấm điểm, rút bảng xếp hạng"


register_actions(BlockAction)


# --- Blocks: the row lock, the decided leader, the words of scoring --------------------------------

def lock_block(block):
    """Re-read the block under a row lock, so that two members cannot change it at once."""
    return Block.objects.select_for_update().get(pk=block.pk)


def block_decided(block) -> bool:
    """Whether the block's leader for the year has been chosen (the vote or the head's choice)."""
    return hasattr(block, "selection") and block.selection.unit_id is not None


TIE_BREAK_KEYS = {"women": "đơn vị do nữ làm thủ trưởng hoặc có tỷ lệ nữ từ ngưỡng quy định",
                  "fewer_deductions": "ít điểm trừ hơn"}
STAGE_FOR_SCORER = {BlockScorer.HEAD: ScoreStage.HEAD, BlockScorer.PEERS: ScoreStage.PEER,
                    BlockScorer.INSPECTION: ScoreStage.INSPECTION}


def tie_break_label(key: str) -> str:
    if key.startswith("group:"):
        return f"điểm nhóm {key[6:]} cao hơn"
    return TIE_BREAK_KEYS.get(key, key)


def stage_label(block: Block, stage: str) -> str:
    """Who gave a block's score at this stage, in words; the inspection team by its name."""
    if stage == ScoreStage.INSPECTION:
        team = InspectionTeam.objects.filter(block=block).first()
        if team is not None:
            return f"{team.name}{f' ({team.decision_ref})' if team.decision_ref else ''} chấm"[:300]
    return ScoreStage(stage).label


def _decided(block: Block) -> bool:
    return hasattr(block, "selection") and block.selection.unit_id is not None
