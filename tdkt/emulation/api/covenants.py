"""Covenants: list, draw up, sign, results, fulfilment."""
from __future__ import annotations

from typing import Literal, Optional

from django.core.exceptions import ValidationError
from ninja import Status

from tdkt.core.api import ERRORS, Refs, actor, get_visible
from tdkt.core.scope import scope_unit_ids
from tdkt.core.services import require_writer
from tdkt.org.models import Unit

from ..choices import CovenantKind, ResultPeriod
from ..models import Block, Covenant
from ..services import covenants
from ..workflow import own_unit_id, require_office
from . import router
from .lookups import each_of
from .schemas import LIST_LIMIT, CovenantIn, CovenantOut, FulfilmentOut, QueryYear, ResultsIn, SignIn, TallyOut

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
    parties = each_of(refs, Unit.objects, "parties", payload.parties, "đơn vị")
    chair = refs.one(Unit.objects, "chair_unit", payload.chair_unit, "đơn vị")
    refs.raise_if_any()
    # A province–commune covenant without chair_unit: the service takes the province's own unit.
    extra = {} if block_kind else {"chair_unit": chair}
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
