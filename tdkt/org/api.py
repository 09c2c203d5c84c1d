"""REST endpoints for units and people: lists with the pages' filters, detail, create, update.

Every read goes through `visible_to(user)`, every write through `tdkt.org.services`.
"""
from __future__ import annotations

import datetime
from typing import Literal, Optional

from django.db.models import Prefetch
from ninja import Field, Query, Router, Schema, Status

from tdkt.core.api import (
    ERRORS,
    Id,
    IsoDate,
    Refs,
    Text,
    actor,
    filter_query_schema,
    filtered_page,
    get_visible,
    page_schema,
)
from tdkt.core.services import require_writer

from . import services
from .choices import EmploymentKind, Gender, UnitKind
from .filters import PersonFilter, UnitFilter
from .models import Employment, Person, Unit

router = Router()

UnitKindCode = Literal[tuple(UnitKind.values)]
GenderCode = Literal[tuple(Gender.values)]
EmploymentKindCode = Literal[tuple(EmploymentKind.values)]


# --- Units ---------------------------------------------------------------------------------------

class UnitOut(Schema):
    id: int
    code: str
    name: str
    short_name: str
    kind: str
    kind_label: str
    parent: Optional[int] = Field(None, description="Mã số đơn vị cấp trên.")
    address: str
    active: bool = Field(..., description="Chưa sáp nhập, chưa giải thể.")
    merged_into: Optional[int] = None
    merged_on: Optional[datetime.date] = None
    dissolved_on: Optional[datetime.date] = None
    is_mountainous: bool = Field(..., description="Miền núi")
    is_ethnic_minority_area: bool = Field(..., description="Vùng đồng bào dân tộc thiểu số")
    is_extremely_difficult: bool = Field(..., description="Xã đặc biệt khó khăn")
    is_border: bool = Field(..., description="Biên giới")
    is_island: bool = Field(..., description="Hải đảo")

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()

    @staticmethod
    def resolve_parent(obj):
        return obj.parent_id

    @staticmethod
    def resolve_merged_into(obj):
        return obj.merged_into_id

    @staticmethod
    def resolve_active(obj):
        return obj.merged_into_id is None and obj.dissolved_on is None


class UnitIn(Schema):
    model_config = {"extra": "forbid"}

    name: Text(255)
    code: Text(32)
    kind: UnitKindCode
    parent: Optional[Id] = Field(None, description="Mã số đơn vị cấp trên; bỏ trống là đơn vị cấp cao nhất.")
    short_name: Text(64) = ""
    address: Text(255) = ""
    # Areas the law gives priority (Luật TĐKT 2022 Điều 5; Luật 06/2026/QH16); they hold for the units below.
    is_mountainous: bool = Field(False, description="Miền núi")
    is_ethnic_minority_area: bool = Field(False, description="Vùng đồng bào dân tộc thiểu số")
    is_extremely_difficult: bool = Field(False, description="Xã đặc biệt khó khăn")
    is_border: bool = Field(False, description="Biên giới")
    is_island: bool = Field(False, description="Hải đảo")


class UnitPatch(Schema):
    """Only the fields sent are changed."""

    model_config = {"extra": "forbid"}

    name: Text(255) = None
    code: Text(32) = None
    kind: UnitKindCode = None
    parent: Optional[Id] = None
    short_name: Text(64) = None
    address: Text(255) = None
    is_mountainous: bool = Field(None, description="Miền núi")
    is_ethnic_minority_area: bool = Field(None, description="Vùng đồng bào dân tộc thiểu số")
    is_extremely_difficult: bool = Field(None, description="Xã đặc biệt khó khăn")
    is_border: bool = Field(None, description="Biên giới")
    is_island: bool = Field(None, description="Hải đảo")


UnitQuery = filter_query_schema(UnitFilter, "UnitQuery")


def _units(request):
    return Unit.objects.visible_to(actor(request))


@router.get("/units", response={200: page_schema(UnitOut), **ERRORS}, tags=["Đơn vị"], summary="Danh sách đơn vị")
def list_units(request, params: Query[UnitQuery]):
    return filtered_page(request, UnitFilter, _units(request), params)


@router.get("/units/{id}", response={200: UnitOut, **ERRORS}, tags=["Đơn vị"], summary="Chi tiết đơn vị")
def get_unit(request, id: int):
    return get_visible(Unit.objects, request, id)


def _unit_refs(request, data: dict) -> dict:
    refs = Refs(request)
    if "parent" in data:
        data["parent"] = refs.one(Unit.objects, "parent", data["parent"], "đơn vị cấp trên")
    refs.raise_if_any()
    return data


@router.post("/units", response={201: UnitOut, **ERRORS}, tags=["Đơn vị"], summary="Thêm đơn vị")
def create_unit(request, payload: UnitIn):
    require_writer(actor(request))
    data = _unit_refs(request, payload.model_dump())
    return Status(201, services.create_unit(actor(request), **data))


@router.patch("/units/{id}", response={200: UnitOut, **ERRORS}, tags=["Đơn vị"], summary="Sửa đơn vị")
def update_unit(request, id: int, payload: UnitPatch):
    require_writer(actor(request))
    unit = get_visible(Unit.objects, request, id)
    data = _unit_refs(request, payload.model_dump(exclude_unset=True))
    return services.update_unit(actor(request), unit, **data)


# --- People --------------------------------------------------------------------------------------

class EmploymentOut(Schema):
    unit: int
    unit_name: str
    post: str
    start: datetime.date
    end: Optional[datetime.date] = None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name


class PersonOut(Schema):
    id: int
    full_name: str
    family_name: str
    middle_name: str
    given_name: str
    gender: str
    birth_date: Optional[datetime.date] = None
    ethnicity: str
    national_id: str
    position: str
    is_leader: bool
    is_direct_worker: bool
    employment_kind: str
    hired_on: Optional[datetime.date] = None
    unit: int = Field(..., description="Mã số đơn vị đang công tác.")
    unit_name: str

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_unit_name(obj):
        return obj.unit.name


class PersonDetailOut(PersonOut):
    employments: list[EmploymentOut] = Field(..., description="Quá trình công tác.")

    @staticmethod
    def resolve_employments(obj):
        return list(obj.employments.all())


class PersonIn(Schema):
    model_config = {"extra": "forbid"}

    unit: Id = Field(..., description="Mã số đơn vị công tác.")
    full_name: Text(150)
    gender: GenderCode
    birth_date: Optional[IsoDate] = None
    ethnicity: Text(50) = "Kinh"
    national_id: Text(12) = Field("", description="Số CCCD, 12 chữ số.")
    position: Text(200) = ""
    is_leader: bool = False
    is_direct_worker: bool = False
    employment_kind: EmploymentKindCode = EmploymentKind.PUBLIC_EMPLOYEE.value
    hired_on: Optional[IsoDate] = None


class PersonPatch(Schema):
    """Only the fields sent are changed. A move to another unit is a transfer, not an edit."""

    model_config = {"extra": "forbid"}

    full_name: Text(150) = None
    gender: GenderCode = None
    birth_date: Optional[IsoDate] = None
    ethnicity: Text(50) = None
    national_id: Text(12) = None
    position: Text(200) = None
    is_leader: bool = None
    is_direct_worker: bool = None
    employment_kind: EmploymentKindCode = None
    hired_on: Optional[IsoDate] = None


PersonQuery = filter_query_schema(PersonFilter, "PersonQuery")


def _people(request):
    return Person.objects.visible_to(actor(request)).select_related("unit")


def _person_detail(request, pk):
    employments = Prefetch("employments", queryset=Employment.objects.select_related("unit").order_by("start"))
    return get_visible(_people(request).prefetch_related(employments), request, pk)


@router.get("/people", response={200: page_schema(PersonOut), **ERRORS}, tags=["Cá nhân"], summary="Danh sách cá nhân")
def list_people(request, params: Query[PersonQuery]):
    return filtered_page(request, PersonFilter, _people(request), params)


@router.get("/people/{id}", response={200: PersonDetailOut, **ERRORS}, tags=["Cá nhân"],
            summary="Chi tiết cá nhân và quá trình công tác")
def get_person(request, id: int):
    return _person_detail(request, id)


@router.post("/people", response={201: PersonDetailOut, **ERRORS}, tags=["Cá nhân"], summary="Thêm cá nhân")
def create_person(request, payload: PersonIn):
    require_writer(actor(request))
    data = payload.model_dump()
    refs = Refs(request)
    unit = refs.one(Unit.objects, "unit", data.pop("unit"), "đơn vị")
    refs.raise_if_any()
    person = services.create_person(actor(request), unit, **data)
    return Status(201, _person_detail(request, person.pk))


@router.patch("/people/{id}", response={200: PersonDetailOut, **ERRORS}, tags=["Cá nhân"], summary="Sửa cá nhân")
def update_person(request, id: int, payload: PersonPatch):
    require_writer(actor(request))
    person = get_visible(_people(request), request, id)
    services.update_person(actor(request), person, **payload.model_dump(exclude_unset=True))
    return _person_detail(request, id)
