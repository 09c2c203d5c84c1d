"""REST endpoints for award records, decisions, ratings, initiatives and the award catalogue.

Award types are named by their stable codes (award-codes.md) in input and output. Every read goes
through `visible_to(user)`, every write through `tdkt.awards.services`; a decided award is never
edited in place (only its achievement text), it is revoked by a recorded act.
"""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Literal, Optional

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema, Status
from pydantic import BaseModel

from tdkt.core.api import (
    ERRORS,
    Id,
    IsoDate,
    Refs,
    Text,
    Year,
    actor,
    filter_query_schema,
    filtered_page,
    get_visible,
    page_schema,
)
from tdkt.core.services import require_writer
from tdkt.org.models import Household, Person, Unit

from . import services
from .choices import SUBJECT_FIELDS, Authority, CommendationKind, InitiativeScope, RatingLevel, SubjectKind
from .filters import AwardRecordFilter, DecisionFilter, InitiativeFilter, RatingFilter
from .models import AwardRecord, AwardType, Decision, Initiative, Rating

router = Router()

SubjectKindCode = Literal[tuple(SubjectKind.values)]
CommendationKindCode = Literal[tuple(CommendationKind.values)]
AuthorityCode = Literal[tuple(Authority.values)]
RatingLevelCode = Literal[tuple(RatingLevel.values)]
InitiativeScopeCode = Literal[tuple(InitiativeScope.values)]



# --- Award catalogue -----------------------------------------------------------------------------

class AwardTypeOut(Schema):
    code: str
    name: str
    short_name: str
    category: str
    for_individual: bool
    for_collective: bool
    for_household: bool
    authority: str
    multiplier_individual: Optional[Decimal] = Field(None, description="Hệ số tiền thưởng cá nhân (× lương cơ sở).")
    multiplier_collective: Optional[Decimal] = Field(None, description="Hệ số tiền thưởng tập thể (× lương cơ sở).")
    legal_basis: str
    rank: int


@router.get("/award-types", response={200: page_schema(AwardTypeOut), **ERRORS}, tags=["Danh mục"],
            summary="Danh mục danh hiệu, hình thức khen thưởng")
def list_award_types(request):
    items = list(AwardType.objects.all())
    return {"count": len(items), "items": items}


# --- Award records -------------------------------------------------------------------------------

class RevocationOut(Schema):
    act_number: str
    act_date: datetime.date
    reason: str


class RecipientOut(Schema):
    id: int = Field(..., description="Mã số bản ghi khen thưởng.")
    award_type: str
    award_name: str
    subject_kind: str
    recipient_name: str
    person: Optional[int] = None
    recipient_unit: Optional[int] = None
    household: Optional[int] = None
    unit: int
    year: int
    status: str

    @staticmethod
    def resolve_award_type(obj):
        return obj.award_type.code

    @staticmethod
    def resolve_award_name(obj):
        return obj.award_type.name

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_recipient_unit(obj):
        return obj.recipient_unit_id

    @staticmethod
    def resolve_household(obj):
        return obj.household_id

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id


class AwardOut(RecipientOut):
    """An award record in full (lists and detail)."""

    category: str
    unit_name: str
    kind: str
    achievement: str
    decision: Optional[int] = None
    decision_number: Optional[str] = None
    decision_signed_on: Optional[datetime.date] = None
    revocation: Optional[RevocationOut] = None

    @staticmethod
    def resolve_category(obj):
        return obj.award_type.category

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id

    @staticmethod
    def resolve_decision_number(obj):
        return obj.decision.number if obj.decision_id else None

    @staticmethod
    def resolve_decision_signed_on(obj):
        return obj.decision.signed_on if obj.decision_id else None

    @staticmethod
    def resolve_revocation(obj):
        return getattr(obj, "revocation", None)


class AwardIn(Schema):
    model_config = {"extra": "forbid"}

    award_type: Text(20) = Field(..., description="Mã danh hiệu, hình thức, ví dụ CSTD_CS.")
    subject_kind: SubjectKindCode
    person: Optional[Id] = Field(None, description="Với đối tượng cá nhân.")
    recipient_unit: Optional[Id] = Field(None, description="Với đối tượng tập thể.")
    household: Optional[Id] = Field(None, description="Với đối tượng hộ gia đình.")
    year: Year = Field(..., description="Năm thành tích.")
    kind: CommendationKindCode = CommendationKind.REGULAR.value
    achievement: Text(20000) = ""
    decision: Optional[Id] = Field(None, description="Mã số quyết định khen thưởng trong sổ quyết định.")


class AwardPatch(BaseModel):
    """Only the achievement text may be completed; other fields are refused with an explanation.
    (A plain pydantic model: ninja's Schema reads input by attribute and would drop the extras.)"""

    model_config = {"extra": "allow"}

    achievement: Text(20000) = None


class RevokeIn(Schema):
    model_config = {"extra": "forbid"}

    act_number: Text(50) = Field(..., description="Số văn bản thu hồi, hủy bỏ.")
    act_date: IsoDate
    reason: Text(5000)


AwardQuery = filter_query_schema(AwardRecordFilter, "AwardQuery")
MSG_AWARD_LOCKED = ("Khen thưởng đã quyết định không sửa trực tiếp; chỉ bổ sung được thành tích (achievement). "
                    "Muốn thay đổi, hãy thu hồi (POST /api/awards/{id}/revoke) rồi ghi khen thưởng mới.")


def award_types_by_code(refs: Refs, field: str, codes: list[str], *, suffix: str = "") -> list:
    """Award types by their stable codes (award-codes.md), in the client's order; an unknown code is
    named by its place ("unit_titles[1]"). One query."""
    wanted = [c.strip().upper() for c in codes]
    found = {a.code: a for a in AwardType.objects.filter(code__in=set(wanted))}
    for i, (code, raw) in enumerate(zip(wanted, codes)):
        if code not in found:
            refs.add(f"{field}[{i}]{suffix}", f"Không có danh hiệu, hình thức khen thưởng mã “{raw}” trong danh mục.")
    return [found.get(code) for code in wanted]


def award_type_by_code(refs: Refs, field: str, code: str):
    award = AwardType.objects.filter(code=code.strip().upper()).first()
    if award is None:
        refs.add(field, f"Không có danh hiệu, hình thức khen thưởng mã “{code}” trong danh mục.")
    return award


def subject_of(refs: Refs, data: dict) -> tuple[str, dict]:
    """The recipient a payload names: only the field of its subject kind may be given (person,
    recipient_unit or household); each id is looked up in the caller's scope. Returns (that field's
    name, {field: record or None})."""
    wanted = SUBJECT_FIELDS[data["subject_kind"]]
    for field in SUBJECT_FIELDS.values():
        if field != wanted and data[field] is not None:
            refs.add(field, f"Đối tượng “{SubjectKind(data['subject_kind']).label}” chỉ ghi trường {wanted}, "
                            f"không ghi {field}.")
    return wanted, {"person": refs.one(Person.objects, "person", data["person"], "cá nhân"),
                    "recipient_unit": refs.one(Unit.objects, "recipient_unit", data["recipient_unit"],
                                               "tập thể (đơn vị)"),
                    "household": refs.one(Household.objects, "household", data["household"], "hộ gia đình")}


def _awards(request):
    return (AwardRecord.objects.visible_to(actor(request))
            .select_related("award_type", "unit", "decision", "revocation"))


@router.get("/awards", response={200: page_schema(AwardOut), **ERRORS}, tags=["Khen thưởng"],
            summary="Lịch sử khen thưởng")
def list_awards(request, params: Query[AwardQuery]):
    # A page's award types, units and decisions by prefetch, as on the award list page: one instance
    # each instead of one per row, and no join to steer SQLite's planner off the list indexes.
    records = (AwardRecord.objects.visible_to(actor(request))
               .prefetch_related("award_type", "unit", "decision", "revocation"))
    return filtered_page(request, AwardRecordFilter, records, params)


@router.get("/awards/{id}", response={200: AwardOut, **ERRORS}, tags=["Khen thưởng"], summary="Chi tiết khen thưởng")
def get_award(request, id: int):
    return get_visible(_awards(request), request, id)


@router.post("/awards", response={201: AwardOut, **ERRORS}, tags=["Khen thưởng"], summary="Ghi khen thưởng")
def create_award(request, payload: AwardIn):
    require_writer(actor(request))
    data = payload.model_dump()
    refs = Refs(request)
    award_type = award_type_by_code(refs, "award_type", data["award_type"])
    _, subject = subject_of(refs, data)
    decision = refs.one(Decision.objects, "decision", data["decision"], "quyết định")
    refs.raise_if_any()
    record = services.create_award_record(
        actor(request), award_type=award_type, subject_kind=data["subject_kind"], year=data["year"], **subject,
        kind=data["kind"], achievement=data["achievement"], decision=decision)
    return Status(201, get_visible(_awards(request), request, record.pk))


@router.patch("/awards/{id}", response={200: AwardOut, **ERRORS}, tags=["Khen thưởng"],
              summary="Bổ sung thành tích của khen thưởng",
              description="Chỉ sửa được `achievement`; khen thưởng đã quyết định không sửa trực tiếp mà thu hồi.")
def update_award(request, id: int, payload: AwardPatch):
    require_writer(actor(request))
    record = get_visible(_awards(request), request, id)
    refs = Refs(request)
    for field in sorted(payload.model_extra or {}):
        refs.add(field, MSG_AWARD_LOCKED)
    if "achievement" not in payload.model_fields_set:
        refs.add("achievement", "Trường bắt buộc.")
    refs.raise_if_any()
    services.update_award_record(actor(request), record, achievement=payload.achievement)
    return get_visible(_awards(request), request, id)


@router.post("/awards/{id}/revoke", response={200: AwardOut, **ERRORS}, tags=["Khen thưởng"],
             summary="Thu hồi, hủy bỏ khen thưởng (Luật TĐKT 2022 Điều 93)")
def revoke_award(request, id: int, payload: RevokeIn):
    require_writer(actor(request))
    record = get_visible(_awards(request), request, id)
    services.revoke_award_record(actor(request), record, **payload.model_dump())
    return get_visible(_awards(request), request, id)


# --- Decisions -----------------------------------------------------------------------------------

class DecisionOut(Schema):
    id: int
    number: str = Field(..., description="Số, ký hiệu; rỗng khi quyết định đã ký đang chờ văn thư cấp số.")
    awaiting_number: bool = Field(..., description="Đã ký, chờ văn thư của cơ quan ban hành cấp số và ngày.")
    issuing_body: Optional[str] = Field(None, description="Cơ quan ban hành (một sổ số quyết định), dù viết cách nào.")
    signed_on: datetime.date
    year: int
    authority: str
    issuer_name: str
    issuer_unit: Optional[int] = None
    signer_name: str
    signer_title: str
    summary: str
    has_file: bool

    @staticmethod
    def resolve_issuer_unit(obj):
        return obj.issuer_unit_id

    @staticmethod
    def resolve_issuing_body(obj):
        return obj.body.name if obj.body_id else None

    @staticmethod
    def resolve_has_file(obj):
        return bool(obj.file)


class DecisionDetailOut(DecisionOut):
    recipients: list[RecipientOut] = Field(..., description="Các khen thưởng của quyết định (trong phạm vi của bạn).")

    @staticmethod
    def resolve_recipients(obj):
        return list(obj.scoped_records)


class DecisionIn(Schema):
    model_config = {"extra": "forbid"}

    number: Text(50) = Field(..., description="Số, ký hiệu, ví dụ 123/QĐ-UBND.")
    signed_on: IsoDate
    authority: AuthorityCode
    issuer_name: Text(255)
    issuer_unit: Optional[Id] = None
    signer_name: Text(150) = ""
    signer_title: Text(200) = ""
    summary: Text(500) = ""


class DecisionPatch(Schema):
    """Only the fields sent are changed; number, date, authority and issuer are locked once the
    decision carries awards."""

    model_config = {"extra": "forbid"}

    number: Text(50) = None
    signed_on: IsoDate = None
    authority: AuthorityCode = None
    issuer_name: Text(255) = None
    issuer_unit: Optional[Id] = None
    signer_name: Text(150) = None
    signer_title: Text(200) = None
    summary: Text(500) = None


DecisionQuery = filter_query_schema(DecisionFilter, "DecisionQuery")


def _decision_detail(request, pk):
    records = Prefetch("records", to_attr="scoped_records",
                       queryset=AwardRecord.objects.visible_to(actor(request)).select_related("award_type")
                       .order_by("recipient_sort_key", "pk"))
    return get_visible(Decision.objects.select_related("body").prefetch_related(records), request, pk)


def _decision_refs(request, data: dict) -> dict:
    refs = Refs(request)
    if "issuer_unit" in data:
        data["issuer_unit"] = refs.one(Unit.objects, "issuer_unit", data["issuer_unit"], "đơn vị ban hành")
    refs.raise_if_any()
    return data


@router.get("/decisions", response={200: page_schema(DecisionOut), **ERRORS}, tags=["Quyết định"],
            summary="Sổ quyết định khen thưởng")
def list_decisions(request, params: Query[DecisionQuery]):
    return filtered_page(request, DecisionFilter, Decision.objects.select_related("body").visible_to(actor(request)), params)


@router.get("/decisions/{id}", response={200: DecisionDetailOut, **ERRORS}, tags=["Quyết định"],
            summary="Chi tiết quyết định và danh sách được khen thưởng")
def get_decision(request, id: int):
    return _decision_detail(request, id)


@router.post("/decisions", response={201: DecisionDetailOut, **ERRORS}, tags=["Quyết định"],
             summary="Vào sổ quyết định")
def create_decision(request, payload: DecisionIn):
    require_writer(actor(request))
    decision = services.create_decision(actor(request), **_decision_refs(request, payload.model_dump()))
    decision.scoped_records = []
    return Status(201, decision)


@router.patch("/decisions/{id}", response={200: DecisionDetailOut, **ERRORS}, tags=["Quyết định"],
              summary="Sửa quyết định")
def update_decision(request, id: int, payload: DecisionPatch):
    require_writer(actor(request))
    decision = get_visible(Decision.objects, request, id)
    data = _decision_refs(request, payload.model_dump(exclude_unset=True))
    services.update_decision(actor(request), decision, **data)
    return _decision_detail(request, id)


# --- Ratings -------------------------------------------------------------------------------------

class RatingOut(Schema):
    id: int
    subject_kind: str = Field(..., description="individual hoặc collective.")
    person: Optional[int] = None
    rated_unit: Optional[int] = None
    name: str = Field(..., description="Tên cá nhân hoặc tập thể được xếp loại.")
    unit: int
    year: int
    level: str
    level_label: str

    @staticmethod
    def resolve_subject_kind(obj):
        return SubjectKind.INDIVIDUAL.value if obj.person_id else SubjectKind.COLLECTIVE.value

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_rated_unit(obj):
        return obj.rated_unit_id

    @staticmethod
    def resolve_name(obj):
        return obj.person.full_name if obj.person_id else obj.rated_unit.name

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_level_label(obj):
        return obj.get_level_display()


class RatingIn(Schema):
    """Sets the rating of a person or a unit for a year, or changes it if one exists."""

    model_config = {"extra": "forbid"}

    person: Optional[Id] = Field(None, description="Cá nhân được xếp loại (hoặc rated_unit).")
    rated_unit: Optional[Id] = Field(None, description="Tập thể được xếp loại (hoặc person).")
    year: Year
    level: RatingLevelCode


RatingQuery = filter_query_schema(RatingFilter, "RatingQuery")


def _ratings(request):
    return Rating.objects.visible_to(actor(request)).select_related("person", "rated_unit")


@router.get("/ratings", response={200: page_schema(RatingOut), **ERRORS}, tags=["Xếp loại"],
            summary="Xếp loại hằng năm")
def list_ratings(request, params: Query[RatingQuery]):
    return filtered_page(request, RatingFilter, _ratings(request), params)


@router.get("/ratings/{id}", response={200: RatingOut, **ERRORS}, tags=["Xếp loại"], summary="Chi tiết xếp loại")
def get_rating(request, id: int):
    return get_visible(_ratings(request), request, id)


@router.post("/ratings", response={200: RatingOut, 201: RatingOut, **ERRORS}, tags=["Xếp loại"],
             summary="Ghi hoặc sửa xếp loại năm",
             description="Trả về 201 khi ghi mới, 200 khi sửa mức xếp loại đã có của năm đó.")
def set_rating(request, payload: RatingIn):
    require_writer(actor(request))
    refs = Refs(request)
    person = refs.one(Person.objects, "person", payload.person, "cá nhân")
    rated_unit = refs.one(Unit.objects, "rated_unit", payload.rated_unit, "tập thể (đơn vị)")
    refs.raise_if_any()
    existed = Rating.objects.filter(person=person, rated_unit=rated_unit, year=payload.year).exists()
    rating = services.set_rating(actor(request), year=payload.year, level=payload.level, person=person,
                                 rated_unit=rated_unit)
    return Status(200 if existed else 201, get_visible(_ratings(request), request, rating.pk))


# --- Initiatives ---------------------------------------------------------------------------------

class AuthorOut(Schema):
    id: int
    full_name: str


class InitiativeOut(Schema):
    id: int
    title: str
    authors: list[AuthorOut]
    unit: int
    unit_name: str
    scope: str
    year: int
    decision: Optional[int] = None
    recognized_on: Optional[datetime.date] = None

    @staticmethod
    def resolve_authors(obj):
        return list(obj.authors.all())

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name

    @staticmethod
    def resolve_decision(obj):
        return obj.decision_id


class InitiativeIn(Schema):
    model_config = {"extra": "forbid"}

    title: Text(500)
    authors: list[Id] = Field(..., description="Mã số các cá nhân là tác giả.")
    unit: Id
    scope: InitiativeScopeCode
    year: Year
    decision: Optional[Id] = Field(None, description="Quyết định công nhận.")
    recognized_on: Optional[IsoDate] = None


class InitiativePatch(Schema):
    model_config = {"extra": "forbid"}

    title: Text(500) = None
    authors: list[Id] = None
    scope: InitiativeScopeCode = None
    year: Year = None
    decision: Optional[Id] = None
    recognized_on: Optional[IsoDate] = None


InitiativeQuery = filter_query_schema(InitiativeFilter, "InitiativeQuery")


def _initiatives(request):
    return Initiative.objects.visible_to(actor(request)).select_related("unit").prefetch_related(
        Prefetch("authors", queryset=Person.objects.order_by("sort_key", "pk")))


def _initiative_refs(request, data: dict) -> dict:
    refs = Refs(request)
    if "unit" in data:
        data["unit"] = refs.one(Unit.objects, "unit", data["unit"], "đơn vị")
    if data.get("authors") is not None:
        data["authors"] = refs.many(Person.objects, "authors", data["authors"], "cá nhân")
    if "decision" in data:
        data["decision"] = refs.one(Decision.objects, "decision", data["decision"], "quyết định")
    refs.raise_if_any()
    return data


@router.get("/initiatives", response={200: page_schema(InitiativeOut), **ERRORS}, tags=["Sáng kiến"],
            summary="Danh sách sáng kiến")
def list_initiatives(request, params: Query[InitiativeQuery]):
    return filtered_page(request, InitiativeFilter, _initiatives(request), params)


@router.get("/initiatives/{id}", response={200: InitiativeOut, **ERRORS}, tags=["Sáng kiến"],
            summary="Chi tiết sáng kiến")
def get_initiative(request, id: int):
    return get_visible(_initiatives(request), request, id)


@router.post("/initiatives", response={201: InitiativeOut, **ERRORS}, tags=["Sáng kiến"], summary="Ghi sáng kiến")
def create_initiative(request, payload: InitiativeIn):
    require_writer(actor(request))
    initiative = services.create_initiative(actor(request), **_initiative_refs(request, payload.model_dump()))
    return Status(201, get_visible(_initiatives(request), request, initiative.pk))


@router.patch("/initiatives/{id}", response={200: InitiativeOut, **ERRORS}, tags=["Sáng kiến"],
              summary="Sửa sáng kiến")
def update_initiative(request, id: int, payload: InitiativePatch):
    require_writer(actor(request))
    initiative = get_visible(Initiative.objects, request, id)
    services.update_initiative(actor(request), initiative,
                               **_initiative_refs(request, payload.model_dump(exclude_unset=True)))
    return get_visible(_initiatives(request), request, id)
