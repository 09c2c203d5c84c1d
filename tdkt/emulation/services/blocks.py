"""Blocks and clusters of a year as services: create, change, members with head and deputy (rotation),
documents, and the copy into the next year. Every write checks the actor (the provincial
commendation office sets blocks up), the block's status, writes an AuditEvent, in one transaction.
Scoring lives in `scoring.py`, the ranking in `ranking.py`, the block vote in `vote.py`."""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from tdkt.core import audit
from tdkt.core.services import Errors
from tdkt.core.uploads import store_upload

from ..choices import BlockKind, BlockStatus, DocumentKind, EmulationAction, MemberRole, YearKind
from ..models import (
    Block,
    BlockDocument,
    BlockMember,
    ClassificationBand,
    Criterion,
    CriterionGroup,
    DisqualifyingCondition,
    InspectionTeam,
    InspectionTeamMember,
    ScoringTemplate,
)
from ..workflow import block_decided, decimal_or_error, lock_block, require_office, status_error, user_of, year_or_error
from . import ranking

BLOCK_FIELDS = ("name", "kind", "year", "year_kind", "decision_ref", "supervising_leader", "programme", "regulation",
                "vote_max_rounds", "vote_threshold", "vote_strict", "merit_quota")


def _validate_block(data: dict, errors: Errors, exclude_pk=None) -> None:
    name = (data.get("name") or "").strip()
    if not name:
        errors.add("name", "Tên khối, cụm thi đua không được để trống.")
    if data.get("kind") not in BlockKind.values:
        errors.add("kind", "Loại phải là khối thi đua hoặc cụm thi đua.")
    if data.get("year_kind") not in YearKind.values:
        errors.add("year_kind", "Năm thi đua phải tính theo năm dương lịch hoặc năm học.")
    year = year_or_error(data.get("year"), errors, "year", "Năm thi đua")
    if name and year and Block.objects.filter(name=name, year=year).exclude(pk=exclude_pk).exists():
        errors.add("name", f"Đã có “{name}” năm {year}.")
    rounds = data.get("vote_max_rounds")
    if not isinstance(rounds, int) or not (1 <= rounds <= 5):
        errors.add("vote_max_rounds", "Số vòng bỏ phiếu tối đa phải từ 1 đến 5.")
    threshold = decimal_or_error(data.get("vote_threshold"), errors, "vote_threshold", "Tỷ lệ phiếu cần đạt")
    if threshold is not None and not (Decimal("0.5") <= threshold <= 1):
        errors.add("vote_threshold", "Tỷ lệ phiếu cần đạt phải từ 0,5 đến 1.")
    else:
        data["vote_threshold"] = threshold
    quota = data.get("merit_quota")
    if not isinstance(quota, int) or quota < 0:
        errors.add("merit_quota", "Số đơn vị đề nghị Bằng khen phải là số nguyên không âm.")


def _validate_members(block_year: int, units, head, deputy, errors: Errors, exclude_block=None) -> list:
    units = list(dict.fromkeys(units))
    if len(units) < 2:
        errors.add("units", "Khối, cụm thi đua phải có ít nhất 2 đơn vị thành viên.")
    for unit in units:
        if unit.merged_into_id or unit.dissolved_on:
            errors.add("units", f"{unit.name} đã sáp nhập hoặc giải thể: không thể là thành viên.")
    clash = (BlockMember.objects.filter(block__year=block_year, unit__in=units).exclude(block=exclude_block)
             .select_related("unit", "block"))
    for member in clash:
        errors.add("units", f"{member.unit.name} đã là thành viên {member.block.name} năm {block_year}: mỗi đơn vị "
                            "chỉ thuộc một khối, cụm trong một năm.")
    if head is not None and head not in units:
        errors.add("head", f"Trưởng khối {head.name} không thuộc danh sách thành viên.")
    if deputy is not None and deputy not in units:
        errors.add("deputy", f"Phó khối {deputy.name} không thuộc danh sách thành viên.")
    if head is not None and head == deputy:
        errors.add("deputy", "Trưởng khối và phó khối phải là hai đơn vị khác nhau.")
    return units


def _write_members(block: Block, units, head, deputy, women_led=()) -> None:
    block.members.all().delete()
    BlockMember.objects.bulk_create([
        BlockMember(block=block, unit=unit, rotation_order=i,
                    role=MemberRole.HEAD if unit == head else MemberRole.DEPUTY if unit == deputy else MemberRole.MEMBER,
                    women_led=unit in women_led)
        for i, unit in enumerate(units, start=1)])


def _block_data(data: dict) -> dict:
    defaults = {"kind": BlockKind.BLOCK, "year_kind": YearKind.CALENDAR, "vote_max_rounds": 2,
                "vote_threshold": Decimal("0.5"), "vote_strict": True, "merit_quota": 0}
    out = {k: data.get(k) for k in BLOCK_FIELDS}
    for key, value in defaults.items():
        if out[key] is None:
            out[key] = value
    for key in ("name", "decision_ref", "supervising_leader", "programme", "regulation"):
        out[key] = (out[key] or "").strip()
    return out


@transaction.atomic
def create_block(actor, *, units, head=None, deputy=None, women_led=(), **data) -> Block:
    """A block or cluster of one year with its members; `units` in rotation order."""
    require_office(actor)
    data = _block_data(data)
    errors = Errors()
    _validate_block(data, errors)
    units = _validate_members(data["year"] or 0, units, head, deputy, errors)
    errors.raise_if_any()
    block = Block.objects.create(created_by=user_of(actor), **data)
    _write_members(block, units, head, deputy, set(women_led))
    audit.created(actor, block, note=f"{len(units)} đơn vị thành viên")
    return block


@transaction.atomic
def update_block(actor, block: Block, **data) -> Block:
    require_office(actor)
    block = lock_block(block)
    merged = _block_data({k: getattr(block, k) for k in BLOCK_FIELDS} | {k: v for k, v in data.items() if k in BLOCK_FIELDS})
    errors = Errors()
    _validate_block(merged, errors, exclude_pk=block.pk)
    if merged["year"] != block.year and block.status != BlockStatus.SETUP:
        errors.add("year", "Khối đã bắt đầu chấm điểm: không đổi năm thi đua.")
    errors.raise_if_any()
    before = audit.snapshot(block)
    for key, value in merged.items():
        setattr(block, key, value)
    block.save()
    audit.changed(actor, block, before)
    return block


@transaction.atomic
def set_members(actor, block: Block, *, units, head=None, deputy=None, women_led=()) -> Block:
    require_office(actor)
    block = lock_block(block)
    if block.status != BlockStatus.SETUP:
        raise status_error(block, "đổi thành viên")
    errors = Errors()
    units = _validate_members(block.year, units, head, deputy, errors, exclude_block=block)
    errors.raise_if_any()
    before = {"members": [(m.unit_id, m.role) for m in block.members.all()]}
    _write_members(block, units, head, deputy, set(women_led))
    audit.record(actor, EmulationAction.BLOCK_MEMBERS, block, before, {"members": [(m.unit_id, m.role) for m in block.members.all()]},
                 note="Cập nhật đơn vị thành viên")
    return block


def read_rotation(members, order: dict) -> list:
    """The members' units sorted by the rotation numbers typed for them ({unit id: "3"}): whole numbers
    from 1, no number twice. Errors name the member."""
    errors, numbers = Errors(), {}
    for m in members:
        raw = str(order.get(m.unit_id, "")).strip()
        if not raw.isdigit() or not (1 <= int(raw) <= 999):
            errors.add(f"order_{m.unit_id}", f"{m.unit.name}: thứ tự luân phiên phải là số nguyên từ 1 đến 999"
                                             f"{f' (đã nhập “{raw}”)' if raw else ''}.")
            continue
        numbers.setdefault(int(raw), []).append(m)
    for number, same in numbers.items():
        if len(same) > 1:
            errors.add("order", f"Thứ tự luân phiên {number} bị trùng: " + ", ".join(m.unit.name for m in same) + ".")
    errors.raise_if_any()
    return [m.unit for n in sorted(numbers) for m in numbers[n]]


@transaction.atomic
def set_rotation(actor, block: Block, *, order: dict, women_led=()) -> Block:
    """The rotation order (which proposes next year's head) at any stage, and the women-led flags (a
    tie-break, NĐ 152/2025 Điều 4) until the leading unit is chosen; a published ranking is
    recomputed with the new flags."""

    require_office(actor)
    block = lock_block(block)
    members = list(block.members.select_related("unit"))
    units = read_rotation(members, order)
    women = {getattr(u, "pk", u) for u in women_led}
    foreign = women - {m.unit_id for m in members}
    if foreign:
        raise ValidationError({"women_led": ["Đơn vị đánh dấu do nữ làm thủ trưởng không thuộc khối."]})
    if block_decided(block) and women != {m.unit_id for m in members if m.women_led}:
        raise ValidationError({"women_led": ["Khối đã xác định đơn vị dẫn đầu: không đổi đơn vị do nữ làm thủ trưởng "
                                             "của năm này (chỉ đổi thứ tự luân phiên cho năm sau)."]})
    before = {"members": [(m.unit_id, m.rotation_order, m.women_led) for m in members]}
    position = {u.pk: i for i, u in enumerate(units, start=1)}
    for m in members:
        m.rotation_order, m.women_led = position[m.unit_id], m.unit_id in women
    BlockMember.objects.bulk_update(members, ["rotation_order", "women_led"])
    audit.record(actor, EmulationAction.BLOCK_ROTATION, block, before,
                 {"members": [(m.unit_id, m.rotation_order, m.women_led) for m in members]},
                 note="Thứ tự luân phiên, đơn vị do nữ làm thủ trưởng")
    if block.status == BlockStatus.CLOSED and not block_decided(block):
        ranking.compute(block)
    return block


def proposed_next_head(block: Block):
    """The rotation's proposal for next year: the member after this year's head becomes head, the one
    after that deputy (blocks-and-scoring.md §1.5, model A). Returns (head unit, deputy unit)."""
    members = list(block.members.select_related("unit").order_by("rotation_order", "id"))
    if not members:
        return None, None
    index = next((i for i, m in enumerate(members) if m.role == MemberRole.HEAD), -1)
    head = members[(index + 1) % len(members)].unit
    deputy = members[(index + 2) % len(members)].unit if len(members) > 1 else None
    return head, deputy


@transaction.atomic
def copy_to_next_year(actor, block: Block, *, head=None, deputy=None) -> Block:
    """The same block for the next year: members kept in rotation order, the rotation's proposed head
    and deputy (or those chosen at the year-end review), the scoring table copied for adoption."""
    require_office(actor)
    year = block.year + 1
    if Block.objects.filter(name=block.name, year=year).exists():
        raise ValidationError({"year": [f"Đã có “{block.name}” năm {year}."]})
    proposed_head, proposed_deputy = proposed_next_head(block)
    head, deputy = head or proposed_head, deputy or proposed_deputy
    members = list(block.members.select_related("unit").order_by("rotation_order", "id"))
    units = [m.unit for m in members if not (m.unit.merged_into_id or m.unit.dissolved_on)]
    errors = Errors()
    units = _validate_members(year, units, head, deputy, errors)
    errors.raise_if_any()
    copy = Block.objects.create(
        created_by=user_of(actor), previous=block, year=year,
        **{k: getattr(block, k) for k in BLOCK_FIELDS if k != "year"})
    _write_members(copy, units, head, deputy, {m.unit for m in members if m.women_led})
    template = ScoringTemplate.objects.filter(block=block).first()
    if template is not None:
        copy_template(template, copy)
    audit.created(actor, copy, note=f"Sao chép từ {block}; trưởng khối {head.name if head else '–'}")
    return copy


def copy_template(template: ScoringTemplate, block: Block) -> ScoringTemplate:
    new = ScoringTemplate.objects.create(
        block=block, scale=template.scale, block_scorer=template.block_scorer, bonus_cap=template.bonus_cap,
        deduction_cap=template.deduction_cap, women_share_threshold=template.women_share_threshold,
        tie_break=list(template.tie_break), note=template.note)
    for group in template.groups.prefetch_related("criteria"):
        new_group = CriterionGroup.objects.create(template=new, code=group.code, name=group.name,
                                                  max_points=group.max_points, order=group.order)
        Criterion.objects.bulk_create([
            Criterion(template=new, group=new_group, code=c.code, name=c.name, kind=c.kind, max_points=c.max_points,
                      guidance=c.guidance, required_evidence=c.required_evidence,
                      evidence_required=c.evidence_required, order=c.order)
            for c in group.criteria.all()])
    ClassificationBand.objects.bulk_create([ClassificationBand(template=new, name=b.name, min_score=b.min_score)
                                            for b in template.bands.all()])
    DisqualifyingCondition.objects.bulk_create([DisqualifyingCondition(template=new, code=d.code, text=d.text)
                                                for d in template.disqualifiers.all()])
    return new


@transaction.atomic
def add_block_document(actor, block: Block, *, upload, kind: str, title: str = "") -> BlockDocument:
    """The block's programme, regulation, scoring table (as a signed document), minutes …"""
    require_office(actor)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": ["Chưa chọn loại tài liệu."]})
    if upload is None:
        raise ValidationError({"file": ["Chưa chọn tệp."]})
    document = store_upload(BlockDocument(block=block, kind=kind, title=(title or "").strip()[:300],
                                          uploaded_by=user_of(actor)), upload)
    audit.created(actor, document, note=str(block))
    return document


TEAM_ROLES = InspectionTeamMember.Role


@transaction.atomic
def set_inspection_team(actor, block: Block, *, name: str, decision_ref: str = "", note: str = "",
                        members) -> InspectionTeam:
    """The block's inspection team as decided: its name, the deciding act, and its members in order
    [{"full_name", "position", "workplace", "role", "username"}] with exactly one head of team. A
    member given an account may enter the team's scores; none of them scores its own unit. The
    team is fixed once scoring is closed."""
    from django.contrib.auth import get_user_model

    require_office(actor)
    block = lock_block(block)
    if block.status == BlockStatus.CLOSED:
        raise status_error(block, "thay đổi đoàn kiểm tra")
    errors = Errors()
    name = (name or "").strip()
    if not name:
        errors.add("name", "Tên đoàn kiểm tra không được để trống.")
    rows, users = [], {}
    usernames = [str(m.get("username") or "").strip() for m in members]
    known = {u.username: u for u in get_user_model().objects.filter(username__in=[u for u in usernames if u],
                                                                     is_active=True)}
    for n, (member, username) in enumerate(zip(members, usernames), start=1):
        full_name = str(member.get("full_name") or "").strip()
        role = member.get("role") or TEAM_ROLES.MEMBER
        if not full_name:
            errors.add("members", f"Thành viên thứ {n}: chưa ghi họ và tên.")
        if role not in TEAM_ROLES.values:
            errors.add("members", f"Thành viên thứ {n} ({full_name}): nhiệm vụ “{role}” không hợp lệ (trưởng đoàn, "
                                  "phó trưởng đoàn, thành viên hoặc thư ký).")
        user = None
        if username:
            user = known.get(username)
            if user is None:
                errors.add("members", f"Thành viên thứ {n} ({full_name}): không có tài khoản “{username}” đang hoạt động.")
            elif username in users:
                errors.add("members", f"Thành viên thứ {n} ({full_name}): tài khoản “{username}” đã gán cho "
                                      f"{users[username]}.")
            else:
                users[username] = full_name
        rows.append(InspectionTeamMember(order=n, full_name=full_name[:200], role=role, user=user,
                                         position=str(member.get("position") or "").strip()[:200],
                                         workplace=str(member.get("workplace") or "").strip()[:255]))
    if not rows:
        errors.add("members", "Đoàn kiểm tra phải có ít nhất một thành viên.")
    elif sum(r.role == TEAM_ROLES.LEADER for r in rows) != 1:
        errors.add("members", "Đoàn kiểm tra phải có đúng một trưởng đoàn.")
    errors.raise_if_any()
    team = InspectionTeam.objects.filter(block=block).first()
    before = None
    if team is None:
        team = InspectionTeam(block=block)
    else:
        before = audit.snapshot(team) | {"members": [(m.full_name, m.role, m.user_id) for m in team.members.all()]}
        team.members.all().delete()
    team.name, team.decision_ref, team.note = name[:200], (decision_ref or "").strip()[:200], (note or "").strip()[:500]
    team.save()
    for row in rows:
        row.team = team
    InspectionTeamMember.objects.bulk_create(rows)
    audit.record(actor, EmulationAction.BLOCK_TEAM, team, before,
                 audit.snapshot(team) | {"members": [(r.full_name, r.role, r.user_id) for r in rows]},
                 note=f"Đoàn kiểm tra của {block}")
    return team


def on_inspection_team(user, block: Block) -> bool:
    return bool(getattr(user, "pk", None)) and InspectionTeamMember.objects.filter(
        team__block=block, user_id=user.pk).exists()
