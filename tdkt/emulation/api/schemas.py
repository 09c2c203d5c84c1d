"""What the emulation API takes and gives: output schemas (read through the models) and strict input
schemas (unknown fields refused; numbers no column holds refused before the services)."""
from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Literal, Optional, Union

from ninja import Field, Schema
from pydantic import BeforeValidator, Strict, create_model
from pydantic_core import PydanticCustomError

from tdkt.core.api import Id, IsoDate, Text, Year

from ..choices import (
    BlockKind,
    BlockScorer,
    CovenantKind,
    CriterionKind,
    Direction,
    KeyTaskStatus,
    MovementKind,
    PeriodKind,
    ResultPeriod,
    ReviewKind,
    ScoreStage,
    YearKind,
)
from ..models import InspectionTeamMember

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
        if s is None:
            return None
        if s.scorer_unit_id:
            return s.scorer_unit.name
        # The inspection team's numbers carry its name in the note ("Đoàn kiểm tra số 2 (…) chấm").
        return obj.note.removesuffix(" chấm") if s.stage == ScoreStage.INSPECTION else "Ban Thi đua – Khen thưởng"

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


class CloseScoringIn(In):
    override_reason: Text(300) = Field("", description="Lý do khóa điểm khi còn đơn vị thiếu điểm của khối; "
                                                       "thiếu mà không có lý do thì bị từ chối.")


class ReopenScoringIn(In):
    reason: Text(300) = Field(..., description="Lý do mở lại chấm điểm (ghi vào nhật ký, báo các đơn vị).")
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


class RotationIn(In):
    order: list[Id] = Field(..., description="Mọi đơn vị thành viên, mỗi đơn vị một lần, theo thứ tự luân phiên làm "
                                             "trưởng khối.")
    women_led: list[Id] = Field(default_factory=list, description="Thành viên do nữ làm thủ trưởng.")


class TeamMemberIn(In):
    full_name: Text(200)
    position: Text(200) = ""
    workplace: Text(255) = Field("", description="Đơn vị công tác.")
    role: _code(InspectionTeamMember.Role) = InspectionTeamMember.Role.MEMBER
    username: Text(150) = Field("", description="Tài khoản của người này nếu họ nhập điểm của đoàn trên hệ thống.")


class TeamIn(In):
    name: Text(200)
    decision_ref: Text(200) = ""
    note: Text(500) = ""
    members: list[TeamMemberIn] = Field(..., description="Thành viên theo thứ tự, đúng một trưởng đoàn.")


class TeamMemberOut(Schema):
    full_name: str
    position: str
    workplace: str
    role: str
    username: Optional[str] = Field(None, alias="user.username")


class TeamOut(Schema):
    name: str
    decision_ref: str
    note: str
    members: list[TeamMemberOut]

    @staticmethod
    def resolve_members(obj):
        return list(obj.members.select_related("user"))
