"""API of the emulation app: blocks and clusters (set-up, members, scoring table, opening and closing
scoring, the office's adjustment, copy into the next year), scores, the ranking with provenance, the
block vote, covenants (draw up, sign, results, fulfilment), registrations, movements and key tasks.

The same services and scope as the pages: a record outside the caller's scope is a 404, a missing
role a 403, bad input or a wrong status a 422 with Vietnamese messages naming the field, and nothing
is saved. Units, people, blocks and criteria are sent by id and looked up in the caller's scope (an id
outside it is named like an unknown one); award types by their stable code (award-codes.md).
Evidence files (of scores and of covenant results) are uploaded through the pages; a criterion that
requires evidence needs one there first. The ballot is secret: the API says only that the caller's
unit voted; counts come after the round.
"""
from __future__ import annotations

import contextlib
import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal, Optional, Union

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404
from ninja import Field, Router, Schema, Status
from pydantic import BeforeValidator, Strict, create_model
from pydantic_core import PydanticCustomError

from tdkt.awards.models import AwardType
from tdkt.core.api import ERRORS, Id, IsoDate, Refs, Text, Year, actor, get_visible
from tdkt.core.scope import scope_unit_ids
from tdkt.core.services import require_writer
from tdkt.org.models import Person, Unit

from . import covenants, movements, registrations, scoring, services, vote
from .choices import (BlockKind, BlockScorer, BlockStatus, CovenantKind, CriterionKind, Direction, KeyTaskStatus,
                      MovementKind, MovementStatus, PeriodKind, ResultPeriod, ReviewKind, RoundStatus, YearKind)
from .common import own_unit_id, require_office
from .models import Block, Covenant, Criterion, FinalScore, KeyTask, Movement, Registration, Result

router = Router(tags=["Thi đua"])

# A year in the query string or the path arrives as text: not the strict body type.
QueryYear = Annotated[int, Field(ge=1, le=9999)]
# The lists are a year's worth in one scope (tens of blocks, covenants, movements), not paged.
LIST_LIMIT = 500


def _code(choices) -> type:
    return Literal[tuple(choices.values)]


def _number(limit: int):
    """A number, or one typed the Vietnamese way ("12,5"), that the services read and check (and name
    the field of) themselves. Only what no column can hold is refused here: a huge or infinite value
    would overflow the decimal arithmetic or the database driver instead of answering 422."""

    def check(value):
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, str)) \
                or (isinstance(value, str) and len(value) > 40):
            raise PydanticCustomError("tdkt_number", "Phải là số (ví dụ 12 hoặc “12,5”).")
        try:
            number = Decimal(str(value).strip().replace(",", "."))
        except InvalidOperation:
            return value          # text that is no number: the service says so, naming the row
        if not number.is_finite():
            raise PydanticCustomError("tdkt_number", "Phải là số hữu hạn.")
        if abs(number) >= limit:
            raise PydanticCustomError("tdkt_number", f"Phải nhỏ hơn {limit:,} về độ lớn.".replace(",", "."))
        return number

    return Annotated[Union[Decimal, str], BeforeValidator(check)]


Points = _number(10**6)       # points, caps and thresholds (8 digits, 2 decimals)
Amount = _number(10**12)      # covenant targets and actual values (14 digits, 2 decimals)


# --- Output ---------------------------------------------------------------------------------------

class MemberOut(Schema):
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    role: str
    rotation_order: int
    women_led: bool


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
    year_kind: str
    status: str
    status_label: str = Field(..., alias="get_status_display")
    decision_ref: str
    supervising_leader: str
    programme: str
    regulation: str
    vote_max_rounds: int
    vote_threshold: Decimal
    vote_strict: bool
    merit_quota: int
    previous: Optional[int] = Field(None, alias="previous_id", description="Khối này của năm trước.")
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


class PartyOut(Schema):
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    commits: bool = Field(..., description="Bên thực hiện chỉ tiêu (UBND tỉnh ký nhưng không thực hiện).")
    signatory: str
    signed_at: Optional[datetime.datetime] = None


class IndicatorOut(Schema):
    id: int
    order: int
    name: str
    unit_of_measure: str
    target: Decimal
    direction: str


class CovenantOut(Schema):
    id: int
    kind: str
    year: int
    title: str
    theme: str
    block: Optional[int] = Field(None, alias="block_id")
    status: str
    status_label: str = Field(..., alias="get_status_display")
    signed_on: Optional[datetime.date] = None
    parties: list[PartyOut]
    indicators: list[IndicatorOut]

    @staticmethod
    def resolve_parties(obj):
        return list(obj.parties.select_related("unit"))

    @staticmethod
    def resolve_indicators(obj):
        return list(obj.indicators.all())


class RegisteredPersonOut(Schema):
    person: int
    person_name: str
    award: str


class RegistrationOut(Schema):
    id: int
    unit: int = Field(..., alias="unit_id")
    unit_name: str = Field(..., alias="unit.name")
    year: int
    status: str
    status_label: str = Field(..., alias="get_status_display")
    commitments: str
    submitted_at: Optional[datetime.datetime] = None
    unit_titles: list[str] = Field(..., description="Mã danh hiệu đơn vị đăng ký cho tập thể mình.")
    individuals: list[RegisteredPersonOut]

    @staticmethod
    def resolve_unit_titles(obj):
        return [i.award_type.code for i in obj.items.all() if i.person_id is None]

    @staticmethod
    def resolve_individuals(obj):
        return [RegisteredPersonOut(person=i.person_id, person_name=i.person.full_name, award=i.award_type.code)
                for i in obj.items.all() if i.person_id is not None]


class ReviewOut(Schema):
    id: int
    kind: str
    held_on: datetime.date
    results: str
    dossier: Optional[int] = Field(None, alias="dossier_id")


class MovementOut(Schema):
    id: int
    title: str
    kind: str
    launching_unit: int = Field(..., alias="launching_unit_id")
    launching_unit_name: str = Field(..., alias="launching_unit.name")
    status: str
    status_label: str = Field(..., alias="get_status_display")
    launched_on: Optional[datetime.date] = None
    theme: str
    motto: str
    contents: list[str]
    period_kind: str
    start_year: int
    end_year: int
    targets: str
    covered_units: list[int]
    reviews: list[ReviewOut]

    @staticmethod
    def resolve_covered_units(obj):
        return [u.pk for u in obj.covered_units.all()]

    @staticmethod
    def resolve_reviews(obj):
        return list(obj.reviews.all())


class KeyTaskOut(Schema):
    order: int
    title: str
    is_flagship: bool
    status: str
    status_label: str = Field(..., alias="get_status_display")
    note: str


# --- Input ----------------------------------------------------------------------------------------

class In(Schema):
    """Input refuses fields it does not know, rather than ignoring a misspelt one."""

    model_config = {"extra": "forbid"}


class MembersIn(In):
    units: list[Id] = Field(..., description="Đơn vị thành viên theo thứ tự luân phiên làm trưởng khối.")
    head: Optional[Id] = Field(None, description="Trưởng khối (một trong các thành viên).")
    deputy: Optional[Id] = Field(None, description="Phó trưởng khối (một trong các thành viên).")
    women_led: list[Id] = Field(default_factory=list, description="Thành viên do nữ làm thủ trưởng (ưu tiên khi "
                                                                  "bằng điểm).")


class BlockSettings(In):
    name: Text(255)
    kind: _code(BlockKind) = BlockKind.BLOCK.value
    year: Year
    year_kind: _code(YearKind) = YearKind.CALENDAR.value
    decision_ref: Text(200) = ""
    supervising_leader: Text(200) = ""
    programme: Text(20000) = ""
    regulation: Text(20000) = ""
    vote_max_rounds: Annotated[int, Strict()] = Field(2, description="Từ 1 đến 5.")
    vote_threshold: Points = Field(Decimal("0.5"), description="Tỷ lệ phiếu cần đạt, từ 0,5 đến 1.")
    vote_strict: bool = True
    merit_quota: Annotated[int, Strict(), Field(le=999)] = 0


class BlockIn(BlockSettings, MembersIn):
    pass


def _patch_of(schema: type[Schema], name: str) -> type[Schema]:
    """The same fields and checks, none required: a PATCH changes only the fields it sends."""
    fields = {}
    for key, info in schema.model_fields.items():
        kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        fields[key] = (kind, Field(None, description=info.description))
    return create_model(name, __base__=In, **fields)


BlockPatch = _patch_of(BlockSettings, "BlockPatch")


class CopyIn(In):
    head: Optional[Id] = Field(None, description="Trưởng khối năm sau; bỏ trống: đơn vị kế tiếp theo luân phiên.")
    deputy: Optional[Id] = Field(None, description="Phó khối năm sau; bỏ trống: theo luân phiên.")


class CriterionIn(In):
    code: Text(12)
    name: Text(500)
    kind: _code(CriterionKind) = CriterionKind.REGULAR.value
    max_points: Points = Field(..., description="Điểm tối đa; với điểm thưởng, điểm trừ: mức trần.")
    guidance: Text(5000) = ""
    required_evidence: Text(500) = ""
    evidence_required: bool = False


class GroupIn(In):
    code: Text(10)
    name: Text(300)
    max_points: Points
    criteria: list[CriterionIn] = Field(default_factory=list)


class BandIn(In):
    name: Text(100)
    min_score: Points


class DisqualifierIn(In):
    code: Text(10)
    text: Text(500)


class TemplateIn(In):
    scale: Points = Decimal(100)
    block_scorer: _code(BlockScorer) = BlockScorer.HEAD.value
    bonus_cap: Optional[Points] = None
    deduction_cap: Optional[Points] = None
    women_share_threshold: Points = Decimal("0.7")
    tie_break: list[Text(20)] = Field(["women", "fewer_deductions"],
                                      description="women, fewer_deductions hoặc group:<số hiệu nhóm>, theo thứ tự.")
    groups: list[GroupIn]
    bands: list[BandIn] = Field(default_factory=list)
    disqualifiers: list[DisqualifierIn] = Field(default_factory=list)
    note: Text(5000) = ""


class OpenScoringIn(In):
    self_score_deadline: IsoDate
    block_score_deadline: Optional[IsoDate] = None


class AdjustIn(In):
    unit: Id = Field(..., description="Đơn vị thành viên được điều chỉnh điểm.")
    criterion: Id
    points: Points = Field(..., description="Điểm sau điều chỉnh.")
    reason: Text(1000)


class ScoreIn(In):
    criterion: int
    points: Points = Field(..., description="Điểm, có thể viết “12,5”.")
    comment: Text(1000) = ""


class ScoresIn(In):
    unit: int = Field(..., description="Đơn vị được chấm (thành viên của khối).")
    stage: Literal["self", "block"] = Field(..., description="self: đơn vị tự chấm; block: khối chấm (trưởng khối, "
                                                            "phó khối với đơn vị trưởng khối, chấm chéo).")
    scores: list[ScoreIn]


class VoteIn(In):
    candidate: int


class IndicatorIn(In):
    name: Text(500)
    unit_of_measure: Text(50)
    target: Amount
    direction: _code(Direction) = Direction.HIGHER.value


class CovenantIn(In):
    kind: _code(CovenantKind)
    year: Year
    title: Text(300)
    theme: Text(500) = ""
    block: Optional[Id] = Field(None, description="Với giao ước trong khối.")
    parties: list[Id] = Field(default_factory=list, description="Giao ước trong khối: bỏ trống là mọi thành viên. "
                                                                "Giao ước tỉnh – xã: các xã, phường.")
    chair_unit: Optional[Id] = Field(None, description="Giao ước tỉnh – xã: UBND tỉnh; bỏ trống là đơn vị cấp tỉnh.")
    indicators: list[IndicatorIn]


class SignIn(In):
    unit: Optional[Id] = Field(None, description="Bên ký; bỏ trống là đơn vị của tài khoản.")
    signatory: Text(200) = Field(..., description="Họ tên, chức vụ người ký.")


class ValueIn(In):
    indicator: Id
    actual: Amount
    note: Text(500) = ""


class ResultsIn(In):
    unit: Optional[Id] = Field(None, description="Bên nhập kết quả; bỏ trống là đơn vị của tài khoản.")
    period: _code(ResultPeriod) = ResultPeriod.YEAR_END.value
    values: list[ValueIn]


class RegisteredPersonIn(In):
    person: Id
    award: Text(20) = Field(..., description="Mã danh hiệu cá nhân, ví dụ LDTT, CSTD_CS.")


class RegistrationIn(In):
    commitments: Text(20000) = ""
    unit_titles: list[Text(20)] = Field(default_factory=list, description="Mã danh hiệu tập thể, ví dụ TTLDXS.")
    individuals: list[RegisteredPersonIn] = Field(default_factory=list)


class MovementIn(In):
    title: Text(300)
    kind: _code(MovementKind)
    launching_unit: Id = Field(..., description="Cấp phát động (đơn vị trong phạm vi của bạn).")
    theme: Text(500) = ""
    motto: Text(500) = ""
    contents: list[Text(2000)]
    period_kind: _code(PeriodKind)
    start_year: Year
    end_year: Year
    targets: Text(20000) = ""
    covered_units: list[Id] = Field(..., description="Đối tượng thi đua; phát động đến cả đơn vị trực thuộc.")


class LaunchIn(In):
    launched_on: Optional[IsoDate] = Field(None, description="Ngày phát động; bỏ trống là hôm nay.")


class ReviewIn(In):
    kind: _code(ReviewKind)
    held_on: IsoDate
    results: Text(20000)


class KeyTaskIn(In):
    title: Text(500)
    is_flagship: bool = False
    status: _code(KeyTaskStatus) = KeyTaskStatus.PLANNED.value
    note: Text(1000) = ""


class KeyTasksIn(In):
    tasks: list[KeyTaskIn] = Field(..., description="Khoảng mười nhiệm vụ, đúng một nhiệm vụ đột phá.")


# --- Looking up what a client sends ---------------------------------------------------------------

def _block(request, pk: int) -> Block:
    return get_visible(Block.objects.all(), request, pk)


def _each(refs: Refs, queryset, field: str, pks: list[int], noun: str, *, suffix: str = "",
          repeats: bool = False) -> list:
    """The records of these ids in the caller's scope, in the client's order (one query); an unknown
    id, one outside the scope, or (unless `repeats`) one given twice is named by its place:
    "units[3]", "individuals[0].person"."""
    found = queryset.visible_to(refs.user).in_bulk(set(pks))
    first: dict[int, int] = {}
    out = []
    for i, pk in enumerate(pks):
        place = f"{field}[{i}]{suffix}"
        if pk not in found:
            refs.add(place, f"Không tìm thấy {noun} có mã số {pk} trong phạm vi của bạn.")
        elif not repeats and pk in first:
            refs.add(place, f"{noun.capitalize()} mã số {pk} đã có ở {field}[{first[pk]}]{suffix}.")
        first.setdefault(pk, i)
        out.append(found.get(pk))
    return out


def _awards(refs: Refs, field: str, codes: list[str], *, suffix: str = "") -> list:
    """Award types by their stable codes (award-codes.md), each unknown code named by its place."""
    wanted = [c.strip().upper() for c in codes]
    found = {a.code: a for a in AwardType.objects.filter(code__in=set(wanted))}
    for i, (code, raw) in enumerate(zip(wanted, codes)):
        if code not in found:
            refs.add(f"{field}[{i}]{suffix}", f"Không có danh hiệu, hình thức khen thưởng mã “{raw}” trong danh mục.")
    return [found.get(code) for code in wanted]


def _members(request, payload: MembersIn) -> dict:
    """units, head, deputy and women_led of a block as the services take them."""
    refs = Refs(request)
    units = _each(refs, Unit.objects, "units", payload.units, "đơn vị")
    for i, pk in enumerate(payload.women_led):
        if pk not in payload.units:
            refs.add(f"women_led[{i}]", f"Đơn vị mã số {pk} không có trong danh sách thành viên (units).")
    data = {"units": units, "head": refs.one(Unit.objects, "head", payload.head, "đơn vị"),
            "deputy": refs.one(Unit.objects, "deputy", payload.deputy, "đơn vị"),
            "women_led": [u for u in units if u is not None and u.pk in payload.women_led]}
    refs.raise_if_any()
    return data


@contextlib.contextmanager
def _fields_renamed(names: dict):
    """A service names some fields after the page's inputs ("score_12"); say the API's name instead."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({names.get(f, f): msgs for f, msgs in exc.message_dict.items()}) from None


# --- Blocks ---------------------------------------------------------------------------------------

@router.get("/emulation/blocks", response={200: list[BlockOut], **ERRORS}, summary="Khối, cụm thi đua trong phạm vi")
def list_blocks(request, year: Optional[QueryYear] = None):
    blocks = Block.objects.visible_to(actor(request))
    if year is not None:
        blocks = blocks.filter(year=year)
    return list(blocks[:LIST_LIMIT])


@router.get("/emulation/blocks/{id}", response={200: BlockOut, **ERRORS}, summary="Một khối với thành viên và bảng điểm")
def get_block(request, id: int):
    return _block(request, id)


@router.post("/emulation/blocks", response={201: BlockOut, **ERRORS},
             summary="Lập khối, cụm thi đua của một năm với thành viên theo thứ tự luân phiên (Ban TĐKT)")
def create_block(request, payload: BlockIn):
    require_office(actor(request))
    members = _members(request, payload)
    data = payload.model_dump(exclude=set(MembersIn.model_fields))
    block = services.create_block(actor(request), **members, **data)
    return Status(201, _block(request, block.pk))


@router.patch("/emulation/blocks/{id}", response={200: BlockOut, **ERRORS},
              summary="Sửa thông tin khối (chỉ các trường gửi lên; Ban TĐKT)")
def update_block(request, id: int, payload: BlockPatch):
    block = _block(request, id)
    services.update_block(actor(request), block, **payload.model_dump(exclude_unset=True))
    return _block(request, id)


@router.put("/emulation/blocks/{id}/members", response={200: BlockOut, **ERRORS},
            summary="Thay danh sách thành viên, trưởng khối, phó khối (khi đang xây dựng bảng điểm; Ban TĐKT)")
def set_members(request, id: int, payload: MembersIn):
    block = _block(request, id)
    require_office(actor(request))
    services.set_members(actor(request), block, **_members(request, payload))
    return _block(request, id)


@router.post("/emulation/blocks/{id}/copy", response={201: BlockOut, **ERRORS},
             summary="Sao chép khối sang năm sau: thành viên, trưởng khối theo luân phiên, bảng điểm (Ban TĐKT)")
def copy_block(request, id: int, payload: CopyIn = None):
    block = _block(request, id)
    require_office(actor(request))
    payload = payload or CopyIn()
    refs = Refs(request)
    head = refs.one(Unit.objects, "head", payload.head, "đơn vị")
    deputy = refs.one(Unit.objects, "deputy", payload.deputy, "đơn vị")
    refs.raise_if_any()
    copy = services.copy_to_next_year(actor(request), block, head=head, deputy=deputy)
    return Status(201, _block(request, copy.pk))


@router.put("/emulation/blocks/{id}/template", response={200: BlockOut, **ERRORS},
            summary="Thay bảng điểm của khối: nhóm, tiêu chí, điểm thưởng, điểm trừ, xếp loại (Ban TĐKT)")
def set_template(request, id: int, payload: TemplateIn):
    block = _block(request, id)
    scoring.set_template(actor(request), block, **payload.model_dump())
    return _block(request, id)


@router.post("/emulation/blocks/{id}/open-scoring", response={200: BlockOut, **ERRORS},
             summary="Mở chấm điểm với hạn tự chấm và hạn khối chấm (Ban TĐKT)")
def open_scoring(request, id: int, payload: OpenScoringIn):
    block = _block(request, id)
    scoring.open_scoring(actor(request), block, **payload.model_dump())
    return _block(request, id)


@router.post("/emulation/blocks/{id}/close-scoring", response={200: BlockOut, **ERRORS},
             summary="Khóa điểm, tính và công bố xếp hạng (Ban TĐKT)")
def close_scoring(request, id: int):
    block = _block(request, id)
    scoring.close_scoring(actor(request), block)
    return _block(request, id)


@router.post("/emulation/blocks/{id}/adjust", response={200: dict, **ERRORS},
             summary="Ban TĐKT điều chỉnh điểm một tiêu chí của một thành viên, có lý do; xếp hạng đã công bố "
                     "được tính lại")
def adjust(request, id: int, payload: AdjustIn):
    block = _block(request, id)
    require_office(actor(request))
    member = block.members.filter(unit_id=payload.unit).select_related("unit").first()
    criterion = Criterion.objects.filter(template__block=block, pk=payload.criterion).first()
    refs = Refs(request)
    if member is None:
        refs.add("unit", f"Đơn vị mã số {payload.unit} không thuộc khối.")
    if criterion is None:
        refs.add("criterion", f"Tiêu chí mã số {payload.criterion} không thuộc bảng điểm của khối.")
    refs.raise_if_any()
    with _fields_renamed({f"score_{criterion.pk}": "points"}):
        score = scoring.adjust_score(actor(request), block, member.unit, criterion, payload.points, payload.reason)
    return {"score": score.pk, "points": score.points,
            "detail": f"Đã điều chỉnh điểm tiêu chí {criterion.code} của {member.unit.name}."}


# --- Scores, ranking, vote ------------------------------------------------------------------------

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


# --- Covenants ------------------------------------------------------------------------------------

def _covenants(request):
    return Covenant.objects.visible_to(actor(request)).prefetch_related("parties__unit", "indicators")


def _party_unit(request, covenant: Covenant, pk: Optional[int]) -> Unit:
    """The party a clerk acts for (its own unit unless it names one) among the parties in its scope."""
    pk = pk or own_unit_id(actor(request))
    if pk is None:
        raise ValidationError({"unit": ["Chọn bên của giao ước (tài khoản toàn tỉnh không có đơn vị riêng)."]})
    ids = scope_unit_ids(actor(request))
    party = covenant.parties.filter(unit_id=pk).select_related("unit").first()
    if party is None or (ids is not None and pk not in ids):
        raise ValidationError({"unit": [f"Đơn vị mã số {pk} không là bên của giao ước trong phạm vi của bạn."]})
    return party.unit


@router.get("/emulation/covenants", response={200: list[CovenantOut], **ERRORS},
            summary="Giao ước thi đua trong phạm vi (một bên của giao ước thuộc phạm vi của bạn)")
def list_covenants(request, year: Optional[QueryYear] = None, block: Optional[int] = None):
    qs = _covenants(request)
    if year is not None:
        qs = qs.filter(year=year)
    if block is not None:
        qs = qs.filter(block_id=block)
    return list(qs[:LIST_LIMIT])


@router.get("/emulation/covenants/{id}", response={200: CovenantOut, **ERRORS}, summary="Một giao ước")
def get_covenant(request, id: int):
    return get_visible(_covenants(request), request, id)


@router.post("/emulation/covenants", response={201: CovenantOut, **ERRORS},
             summary="Lập giao ước trong khối (Ban TĐKT hoặc trưởng khối) hoặc giữa tỉnh và các xã (Ban TĐKT)")
def create_covenant(request, payload: CovenantIn):
    block_kind = payload.kind == CovenantKind.BLOCK
    # The role first, so a clerk hears "not yours" rather than about ids it could not have looked up.
    (require_writer if block_kind else require_office)(actor(request))
    refs = Refs(request)
    if block_kind and payload.chair_unit is not None:
        refs.add("chair_unit", "Giao ước trong khối không có bên UBND tỉnh: bỏ trường này.")
    if not block_kind and payload.block is not None:
        refs.add("block", "Giao ước giữa tỉnh và các xã không gắn với khối, cụm: bỏ trường này.")
    block = refs.one(Block.objects, "block", payload.block, "khối, cụm thi đua")
    parties = _each(refs, Unit.objects, "parties", payload.parties, "đơn vị")
    chair = refs.one(Unit.objects, "chair_unit", payload.chair_unit, "đơn vị")
    refs.raise_if_any()
    extra = {}
    if not block_kind:
        # As the page does: the province's own unit (the root of the tree) signs for its chair.
        extra["chair_unit"] = chair or Unit.objects.filter(parent__isnull=True).order_by("id").first()
    covenant = covenants.create_covenant(
        actor(request), kind=payload.kind, year=payload.year, title=payload.title, theme=payload.theme, block=block,
        parties=parties, indicators=[i.model_dump() for i in payload.indicators], **extra)
    return Status(201, get_visible(_covenants(request), request, covenant.pk))


@router.post("/emulation/covenants/{id}/sign", response={200: CovenantOut, **ERRORS},
             summary="Một bên ký giao ước; đủ các bên ký thì giao ước có hiệu lực")
def sign_covenant(request, id: int, payload: SignIn):
    covenant = get_visible(_covenants(request), request, id)
    require_writer(actor(request))
    covenants.sign(actor(request), covenant, _party_unit(request, covenant, payload.unit), payload.signatory)
    return get_visible(_covenants(request), request, id)


@router.post("/emulation/covenants/{id}/results", response={200: dict, **ERRORS},
             summary="Một bên nhập kết quả thực hiện các chỉ tiêu của một kỳ (sơ kết, tổng kết); số sai không lưu "
                     "gì; tệp minh chứng tải lên qua trang giao ước")
def covenant_results(request, id: int, payload: ResultsIn):
    covenant = get_visible(_covenants(request), request, id)
    require_writer(actor(request))
    unit = _party_unit(request, covenant, payload.unit)
    refs, values = Refs(request), {}
    for i, row in enumerate(payload.values):
        if row.indicator in values:
            refs.add(f"values[{i}].indicator", f"Chỉ tiêu mã số {row.indicator} đã nhập ở dòng trước.")
        values[row.indicator] = (row.actual, row.note)
    refs.raise_if_any()
    saved = covenants.record_results(actor(request), covenant, unit, period=payload.period, values=values)
    return {"saved": len(saved), "detail": f"Đã lưu {len(saved)} kết quả chỉ tiêu của {unit.name} "
                                           f"({ResultPeriod(payload.period).label.lower()})."}


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


# --- Registrations --------------------------------------------------------------------------------

@router.get("/emulation/registrations/rollup", response={200: list[RollupOut], **ERRORS},
            summary="Tổng hợp đăng ký thi đua theo danh hiệu (trong phạm vi của bạn)")
def registration_rollup(request, year: QueryYear):
    ids = scope_unit_ids(actor(request))
    rows = registrations.rollup(year, ids)
    return [RollupOut(award=r["award"].code, award_name=r["award"].name, collectives=r["collectives"],
                      individuals=r["individuals"], units=r["units"]) for r in rows]


def _registration(request, unit_id: int, year: int) -> Registration:
    found = (Registration.objects.visible_to(actor(request)).filter(unit_id=unit_id, year=year)
             .select_related("unit").prefetch_related("items__award_type", "items__person").first())
    if found is None:
        raise Http404
    return found


@router.get("/emulation/registrations/{unit_id}/{year}", response={200: RegistrationOut, **ERRORS},
            summary="Đăng ký thi đua của một đơn vị trong một năm")
def get_registration(request, unit_id: int, year: QueryYear):
    return _registration(request, unit_id, year)


@router.put("/emulation/registrations/{unit_id}/{year}", response={200: RegistrationOut, **ERRORS},
            summary="Lưu (thay) đăng ký thi đua của đơn vị: danh hiệu tập thể và cá nhân, theo mã danh hiệu")
def save_registration(request, unit_id: int, year: QueryYear, payload: RegistrationIn):
    unit = get_visible(Unit.objects, request, unit_id)
    require_writer(actor(request), unit.pk)
    refs = Refs(request)
    titles = _awards(refs, "unit_titles", payload.unit_titles)
    rows = payload.individuals
    people = _each(refs, Person.objects, "individuals", [r.person for r in rows], "cá nhân", suffix=".person",
                   repeats=True)
    awards = _awards(refs, "individuals", [r.award for r in rows], suffix=".award")
    refs.raise_if_any()
    registrations.save_registration(actor(request), unit, year, commitments=payload.commitments, unit_titles=titles,
                                    individuals=list(zip(people, awards)))
    return _registration(request, unit.pk, year)


@router.post("/emulation/registrations/{unit_id}/{year}/submit", response={200: RegistrationOut, **ERRORS},
             summary="Gửi đăng ký thi đua (trước hạn của tỉnh)")
def submit_registration(request, unit_id: int, year: QueryYear):
    registrations.submit_registration(actor(request), _registration(request, unit_id, year))
    return _registration(request, unit_id, year)


# --- Movements and key tasks ----------------------------------------------------------------------

def _movements(request):
    return (Movement.objects.visible_to(actor(request)).select_related("launching_unit")
            .prefetch_related("covered_units", "reviews"))


def _movement(request, pk: int) -> Movement:
    return get_visible(_movements(request), request, pk)


@router.get("/emulation/movements", response={200: list[MovementOut], **ERRORS},
            summary="Phong trào thi đua trong phạm vi (đã phát động đến đơn vị của bạn, hoặc do đơn vị bạn lập)")
def list_movements(request, year: Optional[QueryYear] = None,
                   status: Optional[Literal[tuple(MovementStatus.values)]] = None):
    qs = _movements(request)
    if year is not None:
        qs = qs.filter(start_year__lte=year, end_year__gte=year)
    if status:
        qs = qs.filter(status=status)
    return list(qs[:LIST_LIMIT])


@router.get("/emulation/movements/{id}", response={200: MovementOut, **ERRORS}, summary="Một phong trào thi đua")
def get_movement(request, id: int):
    return _movement(request, id)


@router.post("/emulation/movements", response={201: MovementOut, **ERRORS},
             summary="Lập phong trào thi đua (dự thảo); phát động sau")
def create_movement(request, payload: MovementIn):
    require_writer(actor(request))
    refs = Refs(request)
    launching = refs.one(Unit.objects, "launching_unit", payload.launching_unit, "đơn vị")
    covered = _each(refs, Unit.objects, "covered_units", payload.covered_units, "đơn vị")
    refs.raise_if_any()
    data = payload.model_dump(exclude={"launching_unit", "covered_units"})
    movement = movements.create_movement(actor(request), launching_unit=launching, covered_units=covered, **data)
    return Status(201, _movement(request, movement.pk))


@router.post("/emulation/movements/{id}/launch", response={200: MovementOut, **ERRORS},
             summary="Phát động: phong trào đến các đơn vị được phát động và mọi đơn vị trực thuộc")
def launch_movement(request, id: int, payload: LaunchIn = None):
    movement = _movement(request, id)
    movements.launch_movement(actor(request), movement, (payload or LaunchIn()).launched_on)
    return _movement(request, id)


@router.post("/emulation/movements/{id}/reviews", response={201: ReviewOut, **ERRORS},
             summary="Ghi sơ kết hoặc tổng kết phong trào (tổng kết thì kết thúc phong trào)")
def record_review(request, id: int, payload: ReviewIn):
    movement = _movement(request, id)
    return Status(201, movements.record_review(actor(request), movement, **payload.model_dump()))


@router.get("/emulation/key-tasks/{unit_id}/{year}", response={200: list[KeyTaskOut], **ERRORS},
            summary="Nhiệm vụ trọng tâm của một đơn vị trong một năm")
def get_key_tasks(request, unit_id: int, year: QueryYear):
    unit = get_visible(Unit.objects, request, unit_id)
    return list(KeyTask.objects.filter(unit=unit, year=year).order_by("order"))


@router.put("/emulation/key-tasks/{unit_id}/{year}", response={200: list[KeyTaskOut], **ERRORS},
            summary="Lưu (thay) nhiệm vụ trọng tâm của đơn vị trong năm: đúng một nhiệm vụ đột phá")
def save_key_tasks(request, unit_id: int, year: QueryYear, payload: KeyTasksIn):
    unit = get_visible(Unit.objects, request, unit_id)
    movements.save_key_tasks(actor(request), unit, year, [t.model_dump() for t in payload.tasks])
    return list(KeyTask.objects.filter(unit=unit, year=year).order_by("order"))
