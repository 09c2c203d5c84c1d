"""Blocks and clusters: set-up, members, scoring table, opening and closing scoring, the office's
adjustment, copy into the next year; scores, the ranking with provenance, the block vote."""
from __future__ import annotations

from typing import Optional

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from ninja import Status

from tdkt.core.api import ERRORS, Refs, actor
from tdkt.org.models import Unit

from .. import services
from ..choices import BlockStatus, RoundStatus
from ..models import Block, Criterion, FinalScore, InspectionTeam, Result
from ..services import scoring, vote
from ..workflow import require_office
from . import router
from .lookups import block_of, fields_renamed, members_of
from .schemas import (
    LIST_LIMIT,
    AdjustIn,
    BlockIn,
    BlockOut,
    BlockPatch,
    CloseScoringIn,
    CopyIn,
    MembersIn,
    OpenScoringIn,
    QueryYear,
    ReopenScoringIn,
    ResultOut,
    RotationIn,
    ScoresIn,
    TeamIn,
    TeamOut,
    TemplateIn,
    VoteIn,
)

# --- Blocks ---------------------------------------------------------------------------------------

@router.get("/emulation/blocks", response={200: list[BlockOut], **ERRORS}, summary="Khối, cụm thi đua trong phạm vi")
def list_blocks(request, year: Optional[QueryYear] = None):
    blocks = Block.objects.visible_to(actor(request))
    if year is not None:
        blocks = blocks.filter(year=year)
    return list(blocks[:LIST_LIMIT])


@router.get("/emulation/blocks/{id}", response={200: BlockOut, **ERRORS}, summary="Một khối với thành viên và bảng điểm")
def get_block(request, id: int):
    return block_of(request, id)


@router.post("/emulation/blocks", response={201: BlockOut, **ERRORS},
             summary="Lập khối, cụm thi đua của một năm với thành viên theo thứ tự luân phiên (Ban TĐKT)")
def create_block(request, payload: BlockIn):
    require_office(actor(request))
    members = members_of(request, payload)
    data = payload.model_dump(exclude=set(MembersIn.model_fields))
    block = services.create_block(actor(request), **members, **data)
    return Status(201, block_of(request, block.pk))


@router.patch("/emulation/blocks/{id}", response={200: BlockOut, **ERRORS},
              summary="Sửa thông tin khối (chỉ các trường gửi lên; Ban TĐKT)")
def update_block(request, id: int, payload: BlockPatch):
    block = block_of(request, id)
    services.update_block(actor(request), block, **payload.model_dump(exclude_unset=True))
    return block_of(request, id)


@router.put("/emulation/blocks/{id}/members", response={200: BlockOut, **ERRORS},
            summary="Thay danh sách thành viên, trưởng khối, phó khối (khi đang xây dựng bảng điểm; Ban TĐKT)")
def set_members(request, id: int, payload: MembersIn):
    block = block_of(request, id)
    require_office(actor(request))
    services.set_members(actor(request), block, **members_of(request, payload))
    return block_of(request, id)


@router.put("/emulation/blocks/{id}/rotation", response={200: BlockOut, **ERRORS},
            summary="Thứ tự luân phiên và đơn vị do nữ làm thủ trưởng (đến khi khối xác định đơn vị dẫn đầu; Ban TĐKT)")
def set_rotation(request, id: int, payload: RotationIn):
    block = block_of(request, id)
    require_office(actor(request))
    members = set(block.members.values_list("unit_id", flat=True))
    refs = Refs(request)
    for field, ids in (("order", payload.order), ("women_led", payload.women_led)):
        for i, pk in enumerate(ids):
            if pk not in members:
                refs.add(f"{field}[{i}]", f"Đơn vị mã số {pk} không thuộc khối.")
            elif pk in ids[:i]:
                refs.add(f"{field}[{i}]", f"Đơn vị mã số {pk} đã có ở {field}[{ids.index(pk)}].")
    missing = members - set(payload.order)
    if missing:
        refs.add("order", "Thiếu thành viên trong thứ tự luân phiên: mã số "
                          + ", ".join(str(pk) for pk in sorted(missing)) + ".")
    refs.raise_if_any()
    services.set_rotation(actor(request), block, order={pk: i for i, pk in enumerate(payload.order, start=1)},
                          women_led=set(payload.women_led))
    return block_of(request, id)


@router.get("/emulation/blocks/{id}/inspection-team", response={200: TeamOut, **ERRORS},
            summary="Đoàn kiểm tra, chấm điểm của khối")
def get_team(request, id: int):
    team = InspectionTeam.objects.filter(block=block_of(request, id)).first()
    if team is None:
        raise Http404("Khối chưa có đoàn kiểm tra.")
    return team


@router.put("/emulation/blocks/{id}/inspection-team", response={200: TeamOut, **ERRORS},
            summary="Lập hoặc thay đoàn kiểm tra, chấm điểm của khối (trước khi khóa điểm; Ban TĐKT)")
def set_team(request, id: int, payload: TeamIn):
    block = block_of(request, id)
    return services.set_inspection_team(actor(request), block, **payload.model_dump(exclude={"members"}),
                                        members=[m.model_dump() for m in payload.members])


@router.post("/emulation/blocks/{id}/copy", response={201: BlockOut, **ERRORS},
             summary="Sao chép khối sang năm sau: thành viên, trưởng khối theo luân phiên, bảng điểm (Ban TĐKT)")
def copy_block(request, id: int, payload: CopyIn = None):
    block = block_of(request, id)
    require_office(actor(request))
    payload = payload or CopyIn()
    refs = Refs(request)
    head = refs.one(Unit.objects, "head", payload.head, "đơn vị")
    deputy = refs.one(Unit.objects, "deputy", payload.deputy, "đơn vị")
    refs.raise_if_any()
    copy = services.copy_to_next_year(actor(request), block, head=head, deputy=deputy)
    return Status(201, block_of(request, copy.pk))


@router.put("/emulation/blocks/{id}/template", response={200: BlockOut, **ERRORS},
            summary="Thay bảng điểm của khối: nhóm, tiêu chí, điểm thưởng, điểm trừ, xếp loại (Ban TĐKT)")
def set_template(request, id: int, payload: TemplateIn):
    block = block_of(request, id)
    scoring.set_template(actor(request), block, **payload.model_dump())
    return block_of(request, id)


@router.post("/emulation/blocks/{id}/open-scoring", response={200: BlockOut, **ERRORS},
             summary="Mở chấm điểm với hạn tự chấm và hạn khối chấm (Ban TĐKT)")
def open_scoring(request, id: int, payload: OpenScoringIn):
    block = block_of(request, id)
    scoring.open_scoring(actor(request), block, **payload.model_dump())
    return block_of(request, id)


@router.post("/emulation/blocks/{id}/close-scoring", response={200: BlockOut, **ERRORS},
             summary="Khóa điểm, tính và công bố xếp hạng (Ban TĐKT); còn thiếu điểm của khối thì phải có lý do")
def close_scoring(request, id: int, payload: CloseScoringIn = None):
    block = block_of(request, id)
    scoring.close_scoring(actor(request), block, override_reason=(payload or CloseScoringIn()).override_reason)
    return block_of(request, id)


@router.post("/emulation/blocks/{id}/reopen-scoring", response={200: BlockOut, **ERRORS},
             summary="Mở lại chấm điểm với lý do, rút bảng xếp hạng đã công bố (Ban TĐKT)")
def reopen_scoring(request, id: int, payload: ReopenScoringIn):
    block = block_of(request, id)
    scoring.reopen_scoring(actor(request), block, **payload.model_dump())
    return block_of(request, id)


@router.post("/emulation/blocks/{id}/adjust", response={200: dict, **ERRORS},
             summary="Ban TĐKT điều chỉnh điểm một tiêu chí của một thành viên, có lý do; xếp hạng đã công bố "
                     "được tính lại")
def adjust(request, id: int, payload: AdjustIn):
    block = block_of(request, id)
    require_office(actor(request))
    member = block.members.filter(unit_id=payload.unit).select_related("unit").first()
    criterion = Criterion.objects.filter(template__block=block, pk=payload.criterion).first()
    refs = Refs(request)
    if member is None:
        refs.add("unit", f"Đơn vị mã số {payload.unit} không thuộc khối.")
    if criterion is None:
        refs.add("criterion", f"Tiêu chí mã số {payload.criterion} không thuộc bảng điểm của khối.")
    refs.raise_if_any()
    with fields_renamed({f"score_{criterion.pk}": "points"}):
        score = scoring.adjust_score(actor(request), block, member.unit, criterion, payload.points, payload.reason)
    return {"score": score.pk, "points": score.points,
            "detail": f"Đã điều chỉnh điểm tiêu chí {criterion.code} của {member.unit.name}."}


# --- Scores, ranking, vote ------------------------------------------------------------------------

@router.post("/emulation/blocks/{id}/scores", response={200: dict, **ERRORS},
             summary="Chấm điểm một đơn vị (tự chấm hoặc khối chấm); điểm sai không lưu gì")
def post_scores(request, id: int, payload: ScoresIn):
    block = block_of(request, id)
    member = block.members.filter(unit_id=payload.unit).select_related("unit").first()
    if member is None:
        raise ValidationError({"unit": [f"Đơn vị có mã số {payload.unit} không thuộc khối."]})
    entries = {s.criterion: (s.points, s.comment) for s in payload.scores}
    if payload.stage == "self":
        rows = scoring.self_score(actor(request), block, member.unit, entries)
    else:
        rows = scoring.block_score(actor(request), block, member.unit, entries)
    return {"saved": len(rows), "detail": f"Đã lưu {len(rows)} điểm của {member.unit.name}."}


@router.get("/emulation/blocks/{id}/ranking", response={200: list[ResultOut], **ERRORS},
            summary="Xếp hạng đã công bố, mỗi điểm kèm nguồn gốc (ai chấm, khi nào, vì sao)")
def ranking(request, id: int):
    block = block_of(request, id)
    if block.status != BlockStatus.CLOSED:
        raise Http404("Khối chưa khóa điểm, công bố xếp hạng.")
    finals = Prefetch("finals", to_attr="final_list", queryset=FinalScore.objects.select_related(
        "criterion", "source__actor", "source__scorer_unit").order_by("criterion__order"))
    return list(Result.objects.filter(block=block).select_related("unit").prefetch_related(finals)
                .order_by("rank", "unit__sort_key"))


@router.post("/emulation/blocks/{id}/vote", response={200: dict, **ERRORS},
             summary="Bỏ phiếu kín đơn vị dẫn đầu ở vòng đang mở (mỗi đơn vị một phiếu)")
def cast_vote(request, id: int, payload: VoteIn):
    block = block_of(request, id)
    current = block.vote_rounds.filter(status=RoundStatus.OPEN).first()
    if current is None:
        raise ValidationError({"round": ["Khối không có vòng bỏ phiếu nào đang mở."]})
    candidate = block.members.filter(unit_id=payload.candidate).select_related("unit").first()
    if candidate is None:
        raise ValidationError({"candidate": [f"Đơn vị có mã số {payload.candidate} không thuộc khối."]})
    vote.cast_vote(actor(request), current, candidate.unit)
    return {"detail": f"Đã ghi nhận phiếu của đơn vị ở vòng {current.number}."}
