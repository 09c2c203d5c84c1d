"""API of the emulation app: blocks with their scoring table, scores, the ranking with provenance,
the block vote, covenant fulfilment and the registration roll-up.

The same services and scope as the pages: a block outside the caller's scope is a 404, bad input or
a wrong status a 422 with Vietnamese messages naming the field, a missing role a 403. Evidence files
are uploaded through the score sheet page; a criterion that requires evidence needs one there first.
The ballot is secret: the API says only that the caller's unit voted; counts come after the round.
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal, Optional, Union

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Router, Schema

from tdkt.core.api import ERRORS, Text, actor, get_visible
from tdkt.core.scope import scope_unit_ids

from . import covenants, registrations, scoring, vote
from .choices import BlockStatus, ResultPeriod, RoundStatus
from .models import Block, Covenant, FinalScore, Result

router = Router(tags=["Thi đua"])

# A year in the query string arrives as text: not the strict body type.
QueryYear = Annotated[int, Field(ge=1, le=9999)]


class MemberOut(Schema):
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    role: str
    rotation_order: int


class CriterionOut(Schema):
    id: int
    code: str
    name: str
    group: str = Field(..., alias="group.code")
    kind: str
    max_points: Decimal
    required_evidence: str
    evidence_required: bool


class BlockOut(Schema):
    id: int
    name: str
    kind: str
    year: int
    status: str
    status_label: str = Field(..., alias="get_status_display")
    self_score_deadline: Optional[datetime.date] = None
    block_score_deadline: Optional[datetime.date] = None
    members: list[MemberOut] = Field(default_factory=list)
    criteria: list[CriterionOut] = Field(default_factory=list)

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.select_related("unit"))

    @staticmethod
    def resolve_criteria(obj):
        return list(obj.template.criteria.select_related("group")) if hasattr(obj, "template") else []


class ScoreIn(Schema):
    criterion: int
    points: Union[Decimal, str] = Field(..., description="Điểm, có thể viết “12,5”.")
    comment: Text(1000) = ""


class ScoresIn(Schema):
    unit: int = Field(..., description="Đơn vị được chấm (thành viên của khối).")
    stage: Literal["self", "block"] = Field(..., description="self: đơn vị tự chấm; block: khối chấm (trưởng khối, "
                                                            "phó khối với đơn vị trưởng khối, chấm chéo).")
    scores: list[ScoreIn]


class FinalOut(Schema):
    criterion: str = Field(..., alias="criterion.code")
    points: Decimal
    stage: str
    note: str
    scorer_unit: Optional[str] = None
    scored_by: Optional[str] = None
    scored_at: Optional[datetime.datetime] = None
    comment: str = ""

    @staticmethod
    def resolve_scorer_unit(obj):
        s = obj.source
        return (s.scorer_unit.name if s.scorer_unit_id else "Ban Thi đua – Khen thưởng") if s else None

    @staticmethod
    def resolve_scored_by(obj):
        s = obj.source
        return (s.actor.get_full_name() or s.actor.username) if s and s.actor_id else None

    @staticmethod
    def resolve_scored_at(obj):
        return obj.source.at if obj.source else None

    @staticmethod
    def resolve_comment(obj):
        return obj.source.comment if obj.source else ""


class ResultOut(Schema):
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    rank: Optional[int] = None
    total: Decimal
    regular_points: Decimal
    bonus_points: Decimal
    deduction_points: Decimal
    classification: str
    disqualified: bool
    tie_note: str
    note: str
    finals: list[FinalOut] = Field(..., alias="final_list")


class VoteIn(Schema):
    candidate: int


class TallyOut(Schema):
    party: int
    unit_name: str
    met: int
    exceeded: int
    reported: int
    total: int
    label: str


class FulfilmentOut(Schema):
    period: str
    total: TallyOut
    parties: list[TallyOut]


class RollupOut(Schema):
    award: str
    award_name: str
    collectives: int
    individuals: int
    units: int


def _block(request, pk: int) -> Block:
    return get_visible(Block.objects.all(), request, pk)


@router.get("/emulation/blocks", response={200: list[BlockOut], **ERRORS}, summary="Khối, cụm thi đua trong phạm vi")
def list_blocks(request, year: Optional[QueryYear] = None):
    blocks = Block.objects.visible_to(actor(request))
    if year is not None:
        blocks = blocks.filter(year=year)
    return list(blocks[:500])


@router.get("/emulation/blocks/{id}", response={200: BlockOut, **ERRORS}, summary="Một khối với thành viên và bảng điểm")
def get_block(request, id: int):
    return _block(request, id)


@router.post("/emulation/blocks/{id}/scores", response={200: dict, **ERRORS},
             summary="Chấm điểm một đơn vị (tự chấm hoặc khối chấm); điểm sai không lưu gì")
def post_scores(request, id: int, payload: ScoresIn):
    block = _block(request, id)
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
    block = _block(request, id)
    if block.status != BlockStatus.CLOSED:
        raise Http404("Khối chưa khóa điểm, công bố xếp hạng.")
    finals = Prefetch("finals", to_attr="final_list", queryset=FinalScore.objects.select_related(
        "criterion", "source__actor", "source__scorer_unit").order_by("criterion__order"))
    return list(Result.objects.filter(block=block).select_related("unit").prefetch_related(finals)
                .order_by("rank", "unit__sort_key"))


@router.post("/emulation/blocks/{id}/vote", response={200: dict, **ERRORS},
             summary="Bỏ phiếu kín đơn vị dẫn đầu ở vòng đang mở (mỗi đơn vị một phiếu)")
def cast_vote(request, id: int, payload: VoteIn):
    block = _block(request, id)
    current = block.vote_rounds.filter(status=RoundStatus.OPEN).first()
    if current is None:
        raise ValidationError({"round": ["Khối không có vòng bỏ phiếu nào đang mở."]})
    candidate = block.members.filter(unit_id=payload.candidate).select_related("unit").first()
    if candidate is None:
        raise ValidationError({"candidate": [f"Đơn vị có mã số {payload.candidate} không thuộc khối."]})
    vote.cast_vote(actor(request), current, candidate.unit)
    return {"detail": f"Đã ghi nhận phiếu của đơn vị ở vòng {current.number}."}


def _tally(party, tally) -> TallyOut:
    return TallyOut(party=party.pk if party else 0, unit_name=party.unit.name if party else "Toàn giao ước",
                    met=tally.met, exceeded=tally.exceeded, reported=tally.reported, total=tally.total,
                    label=tally.label)


@router.get("/emulation/covenants/{id}/fulfilment", response={200: FulfilmentOut, **ERRORS},
            summary="Mức thực hiện giao ước theo từng bên và toàn giao ước")
def covenant_fulfilment(request, id: int, period: Literal[tuple(ResultPeriod.values)] = ResultPeriod.YEAR_END):
    covenant = get_visible(Covenant.objects.all(), request, id)
    result = covenants.fulfilment(covenant, period)
    return FulfilmentOut(period=period, total=_tally(None, result["total"]),
                         parties=[_tally(p, t) for p, t in result["parties"]])


@router.get("/emulation/registrations/rollup", response={200: list[RollupOut], **ERRORS},
            summary="Tổng hợp đăng ký thi đua theo danh hiệu (trong phạm vi của bạn)")
def registration_rollup(request, year: QueryYear):
    ids = scope_unit_ids(actor(request))
    rows = registrations.rollup(year, ids)
    return [RollupOut(award=r["award"].code, award_name=r["award"].name, collectives=r["collectives"],
                      individuals=r["individuals"], units=r["units"]) for r in rows]
