"""Scoring as services: the scoring table of a block's year, opening and closing scoring, the
self-score with evidence, the block's score (head, peers or inspection team), the office's
adjustment with a reason, and disqualification.

Permissions (issue 5 §8): a unit gives its own self-score only while scoring is open and before the
self-score deadline; the head scores the other members and the deputy scores the head; a member
scores its peers when the block scores by peers; only the office adjusts, always with a reason.
Scores are never overwritten: a new number supersedes the old one (`is_current`), so the history of
every number stays. Peer and head scores of a unit are hidden from that unit until the block closes
scoring (`scores_visible_to`)."""
from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from tdkt.core import audit, clock
from tdkt.core.scope import scope_unit_ids
from tdkt.core.services import Errors
from tdkt.core.uploads import store_upload
from tdkt.dossiers import notices

from ..choices import BlockScorer, BlockStatus, CriterionKind, EmulationAction, MemberRole, ScoreStage
from ..models import (
    Block,
    ClassificationBand,
    Criterion,
    CriterionGroup,
    Disqualification,
    DisqualifyingCondition,
    Evidence,
    InspectionTeam,
    Score,
    ScoringTemplate,
)
from ..workflow import (
    STAGE_FOR_SCORER,
    TIE_BREAK_KEYS,
    BlockAction,
    block_decided,
    decimal_or_error,
    fmt,
    forget_files_on_rollback,
    is_office,
    lock_block,
    own_unit_id,
    require_office,
    require_unit,
    stage_label,
    status_error,
    user_of,
)
from . import ranking
from .blocks import on_inspection_team

# --- The scoring table -------------------------------------------------------------------------

def _check_row(row: dict, seen: set, errors: Errors, field: str, label: str, unnamed: str, what: str,
               name_what: str) -> None:
    """A group or criterion row has a code unique in the table and a name."""
    code = (row.get("code") or "").strip()
    if not code:
        errors.add(field, f"{unnamed}: chưa có số hiệu.")
    elif code in seen:
        errors.add(field, f"{label}: trùng số hiệu {what}.")
    seen.add(code)
    if not (row.get("name") or "").strip():
        errors.add(field, f"{label}: chưa có {name_what}.")


def _validate_template(spec: dict, errors: Errors) -> dict:
    """Check a whole table ({scale, groups: [{code, name, max_points, criteria: [...]}], bands,
    disqualifiers, caps, tie_break}) and return it with numbers parsed. Messages name the row."""
    out = dict(spec)
    out["scale"] = decimal_or_error(spec.get("scale", 100), errors, "scale", "Thang điểm", minimum=Decimal("1"))
    for cap in ("bonus_cap", "deduction_cap"):
        label = "Tổng điểm thưởng tối đa" if cap == "bonus_cap" else "Tổng điểm trừ tối đa"
        out[cap] = None if spec.get(cap) in (None, "") else decimal_or_error(spec.get(cap), errors, cap, label)
    share = decimal_or_error(spec.get("women_share_threshold", Decimal("0.7")), errors, "women_share_threshold",
                             "Tỷ lệ nữ được ưu tiên")
    if share is not None and share > 1:
        errors.add("women_share_threshold", "Tỷ lệ nữ được ưu tiên phải từ 0 đến 1.")
    out["women_share_threshold"] = share
    if spec.get("block_scorer", BlockScorer.HEAD) not in BlockScorer.values:
        errors.add("block_scorer", "Cách khối chấm điểm không hợp lệ.")
    groups = spec.get("groups") or []
    if not groups:
        errors.add("groups", "Bảng điểm phải có ít nhất một nhóm tiêu chí.")
    group_codes, criterion_codes, regular_total = set(), set(), Decimal(0)
    for gi, group in enumerate(groups, start=1):
        label = f"Nhóm {(group.get('code') or '').strip() or gi}"
        _check_row(group, group_codes, errors, "groups", label, f"Nhóm thứ {gi}", "nhóm", "tên nhóm")
        group["max_points"] = decimal_or_error(group.get("max_points"), errors, "groups", f"{label}: điểm tối đa",
                                               minimum=Decimal("0"))
        group_regular = Decimal(0)
        for ci, criterion in enumerate(group.get("criteria") or [], start=1):
            clabel = f"Tiêu chí {(criterion.get('code') or '').strip() or f'{gi}.{ci}'}"
            _check_row(criterion, criterion_codes, errors, "criteria", clabel, f"{label}, tiêu chí thứ {ci}", "tiêu chí",
                       "nội dung tiêu chí")
            kind = criterion.get("kind") or CriterionKind.REGULAR
            if kind not in CriterionKind.values:
                errors.add("criteria", f"{clabel}: loại tiêu chí không hợp lệ.")
            criterion["kind"] = kind
            points = decimal_or_error(criterion.get("max_points"), errors, "criteria", f"{clabel}: điểm tối đa")
            if points is not None and points <= 0:
                errors.add("criteria", f"{clabel}: điểm tối đa (mức trần) phải lớn hơn 0.")
            criterion["max_points"] = points
            if kind == CriterionKind.REGULAR and points is not None:
                group_regular += points
        if group["max_points"] is not None and group_regular != group["max_points"] and group.get("criteria"):
            errors.add("groups", f"{label}: tổng điểm các tiêu chí ({fmt(group_regular)}) khác điểm tối đa của nhóm "
                                 f"({fmt(group['max_points'])}).")
        regular_total += group["max_points"] or 0
    if out["scale"] is not None and groups and regular_total != out["scale"]:
        errors.add("scale", f"Tổng điểm tối đa các nhóm ({fmt(regular_total)}) khác thang điểm ({fmt(out['scale'])}).")
    seen_bands = set()
    for band in spec.get("bands") or []:
        name = (band.get("name") or "").strip()
        if not name:
            errors.add("bands", "Mức xếp loại chưa có tên.")
        band["min_score"] = decimal_or_error(band.get("min_score"), errors, "bands", f"Mức xếp loại “{name}”: từ điểm")
        if band["min_score"] in seen_bands:
            errors.add("bands", f"Mức xếp loại “{name}”: trùng điểm sàn với mức khác.")
        seen_bands.add(band["min_score"])
    for d in spec.get("disqualifiers") or []:
        if not (d.get("code") or "").strip() or not (d.get("text") or "").strip():
            errors.add("disqualifiers", "Điều kiện không xét thi đua phải có số hiệu và nội dung.")
    tie_break = spec.get("tie_break", ["women", "fewer_deductions"])
    for key in tie_break:
        if not (key in TIE_BREAK_KEYS or (isinstance(key, str) and key.startswith("group:")
                                           and key[6:] in group_codes)):
            errors.add("tie_break", f"Tiêu chí ưu tiên khi bằng điểm “{key}” không hợp lệ.")
    out["tie_break"] = list(tie_break)
    return out


@transaction.atomic
def set_template(actor, block: Block, **spec) -> ScoringTemplate:
    """Replace the block's scoring table while it is being set up."""
    require_office(actor)
    block = lock_block(block)
    if block.status != BlockStatus.SETUP:
        raise status_error(block, "sửa bảng điểm")
    errors = Errors()
    spec = _validate_template(spec, errors)
    errors.raise_if_any()
    ScoringTemplate.objects.filter(block=block).delete()
    template = ScoringTemplate.objects.create(
        block=block, scale=spec["scale"], block_scorer=spec.get("block_scorer") or BlockScorer.HEAD,
        bonus_cap=spec["bonus_cap"], deduction_cap=spec["deduction_cap"],
        women_share_threshold=spec["women_share_threshold"], tie_break=spec["tie_break"],
        note=(spec.get("note") or "").strip())
    criteria = []
    for gi, g in enumerate(spec["groups"], start=1):
        group = CriterionGroup.objects.create(template=template, code=g["code"].strip(), name=g["name"].strip(),
                                              max_points=g["max_points"], order=gi)
        for ci, c in enumerate(g.get("criteria") or [], start=1):
            criteria.append(Criterion(
                template=template, group=group, code=c["code"].strip(), name=c["name"].strip(), kind=c["kind"],
                max_points=c["max_points"], guidance=(c.get("guidance") or "").strip(),
                required_evidence=(c.get("required_evidence") or "").strip()[:500],
                evidence_required=bool(c.get("evidence_required")), order=gi * 1000 + ci))
    Criterion.objects.bulk_create(criteria)
    ClassificationBand.objects.bulk_create([ClassificationBand(template=template, name=b["name"].strip(),
                                                               min_score=b["min_score"]) for b in spec.get("bands") or []])
    DisqualifyingCondition.objects.bulk_create([
        DisqualifyingCondition(template=template, code=d["code"].strip(), text=d["text"].strip())
        for d in spec.get("disqualifiers") or []])
    audit.created(actor, template, note=f"{len(criteria)} tiêu chí")
    return template


# --- Opening and closing -----------------------------------------------------------------------

@transaction.atomic
def open_scoring(actor, block: Block, *, self_score_deadline, block_score_deadline=None) -> Block:
    require_office(actor)
    block = lock_block(block)
    if block.status != BlockStatus.SETUP:
        raise status_error(block, "mở chấm điểm")
    errors = Errors()
    template = ScoringTemplate.objects.filter(block=block).first()
    if template is None or not template.criteria.exists():
        errors.add("template", "Khối chưa có bảng điểm với tiêu chí nào.")
    members = {m.role for m in block.members.all()}
    if template is not None and template.block_scorer == BlockScorer.INSPECTION and not InspectionTeam.objects.filter(
            block=block, members__isnull=False).exists():
        errors.add("inspection_team", "Khối chấm điểm bằng đoàn kiểm tra: phải lập đoàn kiểm tra (thành viên, trưởng "
                                      "đoàn) trước khi mở chấm điểm.")
    if template is not None and template.block_scorer == BlockScorer.HEAD and not {MemberRole.HEAD,
                                                                                   MemberRole.DEPUTY} <= members:
        errors.add("head", "Khối chấm điểm do trưởng khối chấm: phải có trưởng khối và phó khối (phó khối chấm đơn vị "
                           "trưởng khối).")
    today = clock.today()
    if self_score_deadline is None or self_score_deadline < today:
        errors.add("self_score_deadline", "Hạn tự chấm điểm phải từ hôm nay trở đi.")
    if block_score_deadline is not None and self_score_deadline is not None \
            and block_score_deadline < self_score_deadline:
        errors.add("block_score_deadline", "Hạn khối chấm điểm phải sau hạn tự chấm điểm.")
    errors.raise_if_any()
    before = audit.snapshot(block)
    block.status = BlockStatus.SCORING
    block.self_score_deadline, block.block_score_deadline = self_score_deadline, block_score_deadline
    block.save()
    audit.changed(actor, block, before, action=EmulationAction.SCORING_OPEN, note="Mở chấm điểm")
    until = f" Hạn tự chấm điểm: hết ngày {self_score_deadline:%d/%m/%Y}." if self_score_deadline else ""
    notices.notify(subject=f"Mở chấm điểm thi đua: {block}",
                   message=f"{block} đã mở chấm điểm thi đua. Đề nghị đơn vị tự chấm điểm theo bảng điểm của "
                           f"khối trên hệ thống.{until}",
                   units=block.members.values_list("unit_id", flat=True), link=block.get_absolute_url())
    return block


def missing_scores(block: Block) -> list[dict]:
    """Which members still lack which scores, stage by stage: [{"unit", "stage", "label", "codes",
    "blocking"}]. Only regular criteria count (a bonus or a deduction not given is 0). The block's
    own score (or the office's adjustment) is the number the ranking uses, so a criterion without
    it blocks closing; a missing self-score is said but does not block (the block scored instead).
    Disqualified members are not ranked and are left out. Two queries."""
    template = ScoringTemplate.objects.filter(block=block).first()
    if template is None:
        return []
    regular = [c for c in template.criteria.order_by("order", "id") if c.kind == CriterionKind.REGULAR]
    barred = set(Disqualification.objects.filter(block=block).values_list("unit_id", flat=True))
    given = set(Score.objects.filter(block=block, is_current=True).values_list("unit_id", "criterion_id", "stage"))
    block_stage = STAGE_FOR_SCORER[template.block_scorer]
    block_label = stage_label(block, block_stage)
    rows = []
    for member in block.members.select_related("unit").order_by("rotation_order", "id"):
        if member.unit_id in barred:
            continue
        uid = member.unit_id
        by_block = [c.code for c in regular
                    if (uid, c.pk, block_stage) not in given and (uid, c.pk, ScoreStage.OFFICE) not in given]
        by_self = [c.code for c in regular if (uid, c.pk, ScoreStage.SELF) not in given]
        if by_block:
            rows.append({"unit": member.unit, "stage": block_stage, "label": block_label, "codes": by_block,
                         "blocking": True})
        if by_self:
            rows.append({"unit": member.unit, "stage": ScoreStage.SELF, "label": ScoreStage.SELF.label,
                         "codes": by_self, "blocking": False})
    return rows


def missing_summary(rows: list[dict]) -> str:
    """The blocking gaps in one sentence: "Sở A (tiêu chí 1.1, 1.2); Sở B (tất cả 3 tiêu chí)"."""
    return "; ".join(f"{r['unit'].name} (tiêu chí {', '.join(r['codes'])})" for r in rows if r["blocking"])


@transaction.atomic
def close_scoring(actor, block: Block, *, override_reason: str = "") -> Block:
    """Lock the scores, compute and publish the ranking; peer and head scores become visible.
    A member without the block's score on a criterion would be ranked on its self-score or on 0:
    that is refused unless the office gives the reason it closes anyway (kept in the audit row)."""

    require_office(actor)
    block = lock_block(block)
    if block.status != BlockStatus.SCORING:
        raise status_error(block, "khóa điểm")
    missing = [r for r in missing_scores(block) if r["blocking"]]
    reason = (override_reason or "").strip()
    if missing and not reason:
        raise ValidationError({"override_reason": [
            f"Chưa khóa điểm: còn {len(missing)} đơn vị thiếu điểm của khối – {missing_summary(missing)}. Hãy chấm đủ, "
            "hoặc ghi lý do khóa điểm khi còn thiếu (tiêu chí thiếu sẽ tính theo điểm tự chấm, không có thì 0 điểm)."]})
    before = audit.snapshot(block)
    block.status = BlockStatus.CLOSED
    block.save()
    ranking.compute(block)
    if missing:
        audit.record(actor, BlockAction.CLOSE_WITH_MISSING, block, before,
                     {"status": block.status, "lý do": reason[:300],
                      "thiếu": {r["unit"].name: r["codes"] for r in missing}},
                     note=f"Khóa điểm khi còn thiếu điểm. Lý do: {reason}")
    else:
        audit.changed(actor, block, before, action=EmulationAction.SCORING_CLOSE, note="Khóa điểm, công bố xếp hạng")
    return block


@transaction.atomic
def reopen_scoring(actor, block: Block, *, reason: str, block_score_deadline=None) -> Block:
    """The office reopens a closed block with a recorded reason: the published ranking is withdrawn
    (results deleted, the unit's standing no longer counts) until scoring is closed again. Not once
    the block vote has started or the leader is chosen: those rest on the published ranking."""
    require_office(actor)
    block = lock_block(block)
    if block.status != BlockStatus.CLOSED:
        raise status_error(block, "mở lại chấm điểm")
    if block_decided(block):
        raise ValidationError({"status": ["Khối đã xác định đơn vị dẫn đầu: không mở lại chấm điểm."]})
    if block.vote_rounds.exists():
        raise ValidationError({"status": ["Khối đã bỏ phiếu suy tôn trên bảng xếp hạng đã công bố: không mở lại chấm "
                                          "điểm (Ban TĐKT vẫn điều chỉnh được điểm, có lý do)."]})
    reason = (reason or "").strip()
    errors = Errors()
    if not reason:
        errors.add("reason", "Lý do mở lại chấm điểm: không được để trống.")
    if block_score_deadline is not None and block_score_deadline < clock.today():
        errors.add("block_score_deadline", "Hạn khối chấm điểm mới phải từ hôm nay trở đi.")
    errors.raise_if_any()
    before = audit.snapshot(block)
    withdrawn = block.results.count()
    block.results.all().delete()
    block.status = BlockStatus.SCORING
    if block_score_deadline is not None:
        block.block_score_deadline = block_score_deadline
    block.save()
    audit.record(actor, BlockAction.REOPEN, block, before, audit.snapshot(block) | {"lý do": reason[:300]},
                 note=f"Mở lại chấm điểm, rút bảng xếp hạng ({withdrawn} đơn vị). Lý do: {reason}")
    notices.notify(subject=f"Mở lại chấm điểm thi đua: {block}",
                   message=f"{block} mở lại chấm điểm; bảng xếp hạng đã công bố được rút lại cho đến khi khóa điểm "
                           f"lại. Lý do: {reason}",
                   units=block.members.values_list("unit_id", flat=True), link=block.get_absolute_url())
    return block


def last_reopening(block: Block):
    """The latest reopening of the block's scoring (its audit row), or None."""
    from tdkt.core.models import AuditEvent

    return (AuditEvent.objects.filter(model=block._meta.label_lower, object_id=str(block.pk), action=BlockAction.REOPEN)
            .select_related("actor").order_by("-at", "-id").first())


# --- Giving scores -----------------------------------------------------------------------------

def _member(block: Block, unit):
    member = block.members.filter(unit=unit).first()
    if member is None:
        raise Http404("Đơn vị không thuộc khối này.")
    return member


def _read_entries(template: ScoringTemplate, entries: dict, errors: Errors) -> dict:
    """{criterion id: (points, comment)} checked against each criterion's max or cap."""
    criteria = {c.pk: c for c in template.criteria.all()}
    parsed = {}
    for key, value in entries.items():
        points, comment = value if isinstance(value, (tuple, list)) else (value, "")
        criterion = criteria.get(int(key)) if str(key).isdigit() else None
        if criterion is None:
            errors.add("scores", f"Tiêu chí “{key}” không thuộc bảng điểm của khối.")
            continue
        field = f"score_{criterion.pk}"
        label = f"Tiêu chí {criterion.code} “{criterion.name}”"
        number = decimal_or_error(points, errors, field, label)
        if number is None:
            continue
        if number > criterion.max_points:
            if criterion.kind == CriterionKind.DEDUCTION:
                errors.add(field, f"{label}: trừ {fmt(number)} điểm vượt mức trừ tối đa {fmt(criterion.max_points)} điểm.")
            elif criterion.kind == CriterionKind.BONUS:
                errors.add(field, f"{label}: thưởng {fmt(number)} điểm vượt mức thưởng tối đa "
                                  f"{fmt(criterion.max_points)} điểm.")
            else:
                errors.add(field, f"{label}: {fmt(number)} điểm vượt điểm tối đa {fmt(criterion.max_points)} điểm.")
            continue
        parsed[criterion] = (number, (comment or "").strip()[:1000])
    if not entries:
        errors.add("scores", "Chưa nhập điểm tiêu chí nào.")
    return parsed


def _write(actor, block, unit, stage, scorer_unit_id, parsed: dict, note: str) -> list[Score]:
    """Supersede the scorer's current numbers of these criteria and write the new ones."""
    criteria = [c.pk for c in parsed]
    old = Score.objects.filter(block=block, unit=unit, stage=stage, scorer_unit_id=scorer_unit_id,
                               criterion_id__in=criteria, is_current=True)
    before = {s.criterion_id: str(s.points) for s in old}
    old.update(is_current=False)
    user = user_of(actor)
    rows = Score.objects.bulk_create([
        Score(block=block, unit=unit, criterion=c, stage=stage, scorer_unit_id=scorer_unit_id, points=p,
              comment=comment, actor=user) for c, (p, comment) in parsed.items()])
    after = {c.code: str(p) for c, (p, _) in parsed.items()}
    audit.record(actor, EmulationAction.SCORE, block, {"đơn vị": unit.pk, "điểm": before} if before else None,
                 {"đơn vị": unit.pk, "bước": stage, "điểm": after}, note=f"{note}: {unit.name}")
    return rows


@transaction.atomic
def self_score(actor, block: Block, unit, entries: dict, evidence: dict | None = None) -> list[Score]:
    """A member's own scores {criterion id: (points, comment)} with evidence {criterion id: [uploads]}.
    Every number is checked before anything is written; a bad one saves nothing."""
    require_unit(actor, unit.pk)
    block = lock_block(block)
    _member(block, unit)
    if block.status != BlockStatus.SCORING:
        raise status_error(block, "tự chấm điểm")
    if block.self_score_deadline and clock.today() > block.self_score_deadline:
        raise ValidationError({"scores": [f"Đã hết hạn tự chấm điểm (hạn {block.self_score_deadline:%d/%m/%Y}): "
                                          "không nhận điểm tự chấm."]})
    template = block.template
    errors = Errors()
    parsed = _read_entries(template, entries, errors)
    evidence = {int(k): (v if isinstance(v, (list, tuple)) else [v]) for k, v in (evidence or {}).items() if v}
    has = set(Evidence.objects.filter(block=block, unit=unit).values_list("criterion_id", flat=True))
    for criterion, (points, _) in parsed.items():
        if criterion.evidence_required and points > 0 and criterion.pk not in has and not evidence.get(criterion.pk):
            errors.add(f"evidence_{criterion.pk}", f"Tiêu chí {criterion.code} “{criterion.name}”: phải tải lên minh "
                                                   f"chứng ({criterion.required_evidence or 'tài liệu chứng minh'}).")
    unknown = set(evidence) - {c.pk for c in template.criteria.all()}
    if unknown:
        errors.add("evidence", "Minh chứng gắn với tiêu chí không thuộc bảng điểm của khối.")
    errors.raise_if_any()
    stored = []
    try:
        for criterion in template.criteria.filter(pk__in=list(evidence)):
            for upload in evidence[criterion.pk]:
                stored.append(store_upload(Evidence(block=block, unit=unit, criterion=criterion,
                                                    uploaded_by=user_of(actor)), upload,
                                           field=f"evidence_{criterion.pk}",
                                           label=f"Minh chứng tiêu chí {criterion.code}"))
        return _write(actor, block, unit, ScoreStage.SELF, unit.pk, parsed, "Tự chấm điểm")
    except Exception:
        forget_files_on_rollback(stored)
        raise


def sheet_closed(block: Block, mode: str) -> str:
    """Why a score sheet takes no numbers now ("" when it does): said on the page before it is filled."""
    if block.status == BlockStatus.CLOSED:
        return "Khối đã khóa điểm, công bố xếp hạng: phiếu chấm chỉ để xem, không nhận điểm mới."
    if block.status != BlockStatus.SCORING:
        return "Khối chưa mở chấm điểm."
    today = clock.today()
    if mode == "self" and block.self_score_deadline and today > block.self_score_deadline:
        return (f"Đã hết hạn tự chấm điểm (hạn {block.self_score_deadline:%d/%m/%Y}): phiếu chỉ để xem. Cần gia hạn, "
                "hãy liên hệ Ban Thi đua – Khen thưởng.")
    if mode == "block" and block.block_score_deadline and today > block.block_score_deadline:
        return (f"Đã hết hạn khối chấm điểm (hạn {block.block_score_deadline:%d/%m/%Y}): phiếu chỉ để xem. Cần gia "
                "hạn, hãy liên hệ Ban Thi đua – Khen thưởng.")
    return ""


def keep_evidence(actor, block: Block, unit, evidence: dict) -> tuple[list[Evidence], dict]:
    """Store the evidence files chosen on a self-score sheet that was refused for its numbers, so that
    nobody has to choose them again (a browser cannot keep a chosen file across a re-render). Each
    file is checked on its own: a refused one is named, the others are kept. Returns (kept, errors)."""
    require_unit(actor, unit.pk)
    if sheet_closed(block, "self"):
        return [], {}
    _member(block, unit)
    criteria = {c.pk: c for c in block.template.criteria.filter(pk__in=[int(k) for k in evidence])}
    kept, errors = [], Errors()
    for pk, uploads in evidence.items():
        criterion = criteria.get(int(pk))
        if criterion is None:
            continue
        for upload in uploads if isinstance(uploads, (list, tuple)) else [uploads]:
            try:
                with transaction.atomic():
                    row = store_upload(Evidence(block=block, unit=unit, criterion=criterion, uploaded_by=user_of(actor)),
                                       upload, field=f"evidence_{criterion.pk}",
                                       label=f"Minh chứng tiêu chí {criterion.code}")
                    audit.created(actor, row, note=f"Minh chứng tiêu chí {criterion.code} của {unit.name}, giữ lại khi "
                                                   "phiếu tự chấm chưa lưu được")
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    for message in messages:
                        errors.add(field, message)
                continue
            kept.append(row)
    return kept, errors.fields


def _block_scorer_unit(actor, block: Block, unit, stage: str) -> int | None:
    """Which unit gives this block score: the head (the deputy for the head itself), a peer, or the
    office's inspection team (no unit). The office may enter head scores on the head's behalf."""
    members = {m.role: m.unit_id for m in block.members.all() if m.role != MemberRole.MEMBER}
    if stage == ScoreStage.HEAD:
        scorer = members.get(MemberRole.DEPUTY) if unit.pk == members.get(MemberRole.HEAD) else members.get(MemberRole.HEAD)
        if scorer is None:
            raise ValidationError({"scores": ["Khối chưa có trưởng khối, phó khối để chấm điểm."]})
        if not is_office(actor) and own_unit_id(actor) != scorer:
            who = "phó khối" if unit.pk == members.get(MemberRole.HEAD) else "trưởng khối"
            raise Http404(f"Chỉ {who} chấm điểm đơn vị này.")
        return scorer
    if stage == ScoreStage.PEER:
        scorer = own_unit_id(actor)
        if is_office(actor) or scorer is None or not block.members.filter(unit_id=scorer).exists():
            raise Http404("Chỉ đơn vị thành viên của khối chấm chéo.")
        if scorer == unit.pk:
            raise ValidationError({"scores": ["Đơn vị không tự chấm chéo cho chính mình."]})
        return scorer
    # The inspection team's scores: entered by a team member with an account, or by the office from
    # the team's minutes. A member never scores its own unit.
    if not is_office(actor):
        if not on_inspection_team(actor, block):
            raise Http404("Chỉ thành viên đoàn kiểm tra hoặc Ban Thi đua – Khen thưởng nhập điểm của đoàn kiểm tra.")
        if own_unit_id(actor) == unit.pk:
            raise ValidationError({"scores": ["Thành viên đoàn kiểm tra không chấm điểm đơn vị mình."]})
    return None


@transaction.atomic
def block_score(actor, block: Block, unit, entries: dict, stage: str | None = None) -> list[Score]:
    """The block's score of one member, by the way the block's table says it scores."""
    block = lock_block(block)
    _member(block, unit)
    template = block.template
    expected = STAGE_FOR_SCORER[template.block_scorer]
    stage = stage or expected
    if stage != expected:
        raise ValidationError({"stage": [f"Bảng điểm của khối quy định: {BlockScorer(template.block_scorer).label}."]})
    scorer = _block_scorer_unit(actor, block, unit, stage)
    if block.status != BlockStatus.SCORING:
        raise status_error(block, "chấm điểm")
    if block.block_score_deadline and clock.today() > block.block_score_deadline:
        raise ValidationError({"scores": [f"Đã hết hạn khối chấm điểm (hạn {block.block_score_deadline:%d/%m/%Y})."]})
    errors = Errors()
    parsed = _read_entries(template, entries, errors)
    errors.raise_if_any()
    return _write(actor, block, unit, stage, scorer, parsed, stage_label(block, stage))


@transaction.atomic
def adjust_score(actor, block: Block, unit, criterion: Criterion, points, reason: str) -> Score:
    """The office's correction of one number, with a reason; the ranking follows if it is published."""

    require_office(actor)
    block = lock_block(block)
    _member(block, unit)
    if block.status == BlockStatus.SETUP or block_decided(block):
        raise ValidationError({"status": ["Chỉ điều chỉnh điểm khi khối đang chấm hoặc đã khóa điểm mà chưa xác định "
                                          "đơn vị dẫn đầu."]})
    if criterion.template_id != block.template.pk:
        raise Http404("Tiêu chí không thuộc bảng điểm của khối.")
    if not (reason or "").strip():
        raise ValidationError({"reason": [f"Tiêu chí {criterion.code}: phải ghi lý do điều chỉnh điểm."]})
    errors = Errors()
    parsed = _read_entries(block.template, {criterion.pk: (points, reason)}, errors)
    errors.raise_if_any()
    [score] = _write(actor, block, unit, ScoreStage.OFFICE, None, parsed, "Ban TĐKT điều chỉnh điểm")
    if block.status == BlockStatus.CLOSED:
        ranking.compute(block)
    return score


@transaction.atomic
def disqualify(actor, block: Block, unit, condition: DisqualifyingCondition, reason: str) -> Disqualification:

    require_office(actor)
    block = lock_block(block)
    _member(block, unit)
    if block_decided(block):
        raise ValidationError({"status": ["Khối đã xác định đơn vị dẫn đầu: không thay đổi kết quả xét."]})
    if condition.template_id != block.template.pk:
        raise Http404("Điều kiện không thuộc bảng điểm của khối.")
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Phải ghi căn cứ, lý do không xét thi đua."]})
    found, created = Disqualification.objects.get_or_create(
        block=block, unit=unit, condition=condition, defaults={"reason": reason.strip()[:500], "actor": user_of(actor)})
    if not created:
        raise ValidationError({"condition": [f"{unit.name} đã bị ghi nhận điều kiện này."]})
    audit.created(actor, found, note=f"{unit.name}: {condition.text}")
    if block.status == BlockStatus.CLOSED:
        ranking.compute(block)
    return found


# --- Who sees which scores -----------------------------------------------------------------------

def scores_visible_to(user, block: Block):
    """Current scores the user may read: the office sees all; a member unit sees its own self-scores
    and the scores it gave, and the scores others gave it only once the block has closed scoring."""
    scores = Score.objects.filter(block=block, is_current=True)
    ids = scope_unit_ids(user)
    if ids is None:
        return scores
    from django.db.models import Q

    own = Q(unit_id__in=ids)
    if block.status != BlockStatus.CLOSED:
        own &= Q(stage=ScoreStage.SELF)
    visible = Q(scorer_unit_id__in=ids) | own
    if on_inspection_team(user, block):   # the team's numbers of the other units
        visible |= Q(stage=ScoreStage.INSPECTION) & ~Q(unit_id__in=ids)
    return scores.filter(visible)


def may_read_sheet(user, block: Block, unit_id: int) -> bool:
    """Whether the user may read a member's self-score sheet and its evidence: the office, the unit
    itself, whoever gives that unit the block's score (the head, the deputy for the head, any peer),
    and every member once scoring is closed."""
    ids = scope_unit_ids(user)
    if ids is None or unit_id in ids or block.status == BlockStatus.CLOSED:
        return True
    roles = {m.role: m.unit_id for m in block.members.all()}
    scorer = block.template.block_scorer
    if scorer == BlockScorer.HEAD:
        side = roles.get(MemberRole.DEPUTY) if unit_id == roles.get(MemberRole.HEAD) else roles.get(MemberRole.HEAD)
        return side in ids
    if scorer == BlockScorer.PEERS:
        return block.members.filter(unit_id__in=ids).exists()
    return on_inspection_team(user, block)
