"""Covenants as services: drawing one up (parties and measurable indicators), signing per party,
recording mid-year and year-end actual values with evidence, and the fulfilment they give.

Who: the office draws up any covenant; the block head's clerk may draw up its block's covenant.
Each party's clerk signs for its unit and records its own values; the office may do both for any
party. Values are recorded only on a signed covenant, and only by parties that commit to targets
(the provincial chair signs a province–commune covenant but the communes carry its targets)."""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404

from tdkt.core import audit, clock
from tdkt.core.scope import can_write
from tdkt.core.services import Errors
from tdkt.core.uploads import store_upload

from ..choices import CovenantKind, CovenantStatus, Direction, EmulationAction, Fulfilment, MemberRole, ResultPeriod
from ..models import Block, Covenant, CovenantEvidence, CovenantIndicator, CovenantParty, CovenantResult
from ..workflow import (
    AMOUNT_LIMIT,
    decimal_or_error,
    fmt,
    forget_files_on_rollback,
    is_office,
    own_unit_id,
    require_unit,
    status_error,
    user_of,
    year_or_error,
)


def _lock(covenant: Covenant) -> Covenant:
    return Covenant.objects.select_for_update().get(pk=covenant.pk)


def _validate_indicators(rows, errors: Errors) -> list[dict]:
    out = []
    if not rows:
        errors.add("indicators", "Giao ước phải có ít nhất một chỉ tiêu.")
    for i, row in enumerate(rows or [], start=1):
        label = f"Chỉ tiêu {i}"
        name = (row.get("name") or "").strip()
        if not name:
            errors.add("indicators", f"{label}: chưa có nội dung chỉ tiêu.")
        measure = (row.get("unit_of_measure") or "").strip()
        if not measure:
            errors.add("indicators", f"{label}: chưa có đơn vị tính.")
        target = decimal_or_error(row.get("target"), errors, "indicators", f"{label}: chỉ tiêu đăng ký",
                                  maximum=AMOUNT_LIMIT)
        direction = row.get("direction") or Direction.HIGHER
        if direction not in Direction.values:
            errors.add("indicators", f"{label}: cách đánh giá không hợp lệ.")
        out.append({"order": i, "name": name[:500], "unit_of_measure": measure[:50], "target": target,
                    "direction": direction})
    return out


@transaction.atomic
def create_covenant(actor, *, kind: str, year: int, title: str, theme: str = "", block: Block | None = None,
                    parties=None, chair_unit=None, indicators=()) -> Covenant:
    """A block covenant (parties: the block's members unless given) or a province–commune covenant
    (the province's chair unit signs without targets; the communes commit)."""
    errors = Errors()
    if kind not in CovenantKind.values:
        errors.add("kind", "Loại giao ước không hợp lệ.")
        errors.raise_if_any()
    if kind == CovenantKind.BLOCK:
        if block is None:
            errors.add("block", "Giao ước trong khối phải chọn khối, cụm thi đua.")
            errors.raise_if_any()
        head = block.members.filter(role=MemberRole.HEAD).values_list("unit_id", flat=True).first()
        if not is_office(actor):
            if not Block.objects.visible_to(actor).filter(pk=block.pk).exists():
                raise Http404("Khối không thuộc phạm vi của bạn.")
            if not can_write(actor) or head is None or own_unit_id(actor) != head:
                raise PermissionDenied("Chỉ trưởng khối hoặc Ban Thi đua – Khen thưởng lập giao ước của khối.")
        members = [m.unit for m in block.members.select_related("unit")]
        parties = list(parties) if parties else members
        outside = [u.name for u in parties if u not in members]
        if outside:
            errors.add("parties", f"Không thuộc {block.name}: {', '.join(outside)}.")
        party_rows = [(u, True) for u in parties]
    else:
        from ..workflow import require_office

        require_office(actor)
        if chair_unit is None:   # the province's own unit: the top of the tree
            from tdkt.org.models import Unit

            chair_unit = Unit.objects.filter(parent__isnull=True).order_by("id").first()
        if chair_unit is None:
            errors.add("chair_unit", "Chưa chọn UBND tỉnh (bên Chủ tịch UBND tỉnh ký giao ước).")
        parties = list(parties or [])
        if chair_unit in parties:
            errors.add("parties", "UBND tỉnh không là bên thực hiện chỉ tiêu của giao ước với các xã.")
        party_rows = ([(chair_unit, False)] if chair_unit else []) + [(u, True) for u in parties]
    if sum(1 for _, commits in party_rows if commits) < (2 if kind == CovenantKind.BLOCK else 1) \
            or len(party_rows) < 2:
        errors.add("parties", "Giao ước phải có ít nhất hai bên ký kết.")
    if not (title or "").strip():
        errors.add("title", "Tên giao ước không được để trống.")
    year_or_error(year, errors, "year")
    rows = _validate_indicators(list(indicators), errors)
    errors.raise_if_any()
    covenant = Covenant.objects.create(kind=kind, year=year, title=title.strip(), theme=(theme or "").strip(),
                                       block=block if kind == CovenantKind.BLOCK else None, created_by=user_of(actor))
    CovenantParty.objects.bulk_create([CovenantParty(covenant=covenant, unit=u, commits=c) for u, c in party_rows])
    CovenantIndicator.objects.bulk_create([CovenantIndicator(covenant=covenant, **r) for r in rows])
    audit.created(actor, covenant, note=f"{len(party_rows)} bên, {len(rows)} chỉ tiêu")
    return covenant


def _party(covenant: Covenant, unit) -> CovenantParty:
    party = covenant.parties.filter(unit=unit).first()
    if party is None:
        raise Http404("Đơn vị không là bên của giao ước.")
    return party


@transaction.atomic
def sign(actor, covenant: Covenant, unit, signatory: str) -> CovenantParty:
    """One party signs (its head's name is recorded); the covenant is signed once every party has."""
    require_unit(actor, unit.pk)
    covenant = _lock(covenant)
    party = _party(covenant, unit)
    if covenant.status == CovenantStatus.SIGNED:
        raise status_error(covenant, "ký")
    if party.signed_at:
        raise ValidationError({"party": [f"{unit.name} đã ký giao ước ngày {party.signed_at:%d/%m/%Y}."]})
    if not (signatory or "").strip():
        raise ValidationError({"signatory": ["Ghi họ tên, chức vụ người ký."]})
    before = audit.snapshot(party)
    party.signatory, party.signed_at, party.signed_by = signatory.strip()[:200], clock.now(), user_of(actor)
    party.save()
    audit.changed(actor, party, before, action=EmulationAction.COVENANT_SIGN, note=f"Ký giao ước: {unit.name}")
    status_before = audit.snapshot(covenant)
    unsigned = covenant.parties.filter(signed_at__isnull=True).exists()
    covenant.status = CovenantStatus.SIGNING if unsigned else CovenantStatus.SIGNED
    covenant.signed_on = None if unsigned else clock.today()
    covenant.save()
    audit.changed(actor, covenant, status_before)
    return party


@transaction.atomic
def record_results(actor, covenant: Covenant, unit, *, period: str, values: dict, evidence=None) -> list[CovenantResult]:
    """A party's actual values {indicator id: (actual, note)} for a period, with evidence files
    {indicator id: upload}. Every value is checked first; a bad one saves nothing."""
    require_unit(actor, unit.pk)
    covenant = _lock(covenant)
    party = _party(covenant, unit)
    if covenant.status != CovenantStatus.SIGNED:
        raise status_error(covenant, "nhập kết quả thực hiện")
    if not party.commits:
        raise ValidationError({"party": [f"{unit.name} ký giao ước nhưng không thực hiện chỉ tiêu."]})
    errors = Errors()
    if period not in ResultPeriod.values:
        errors.add("period", "Kỳ đánh giá phải là sơ kết 6 tháng hoặc tổng kết năm.")
    indicators = {i.pk: i for i in covenant.indicators.all()}
    parsed = {}
    for key, value in values.items():
        actual, note = value if isinstance(value, (tuple, list)) else (value, "")
        indicator = indicators.get(int(key)) if str(key).isdigit() else None
        if indicator is None:
            errors.add("values", f"Chỉ tiêu “{key}” không thuộc giao ước.")
            continue
        number = decimal_or_error(actual, errors, f"value_{indicator.pk}",
                                  f"Chỉ tiêu {indicator.order} “{indicator.name}”", minimum=None, maximum=AMOUNT_LIMIT)
        if number is not None:
            parsed[indicator] = (number, (note or "").strip()[:500])
    if not values:
        errors.add("values", "Chưa nhập kết quả chỉ tiêu nào.")
    evidence = {int(k): v for k, v in (evidence or {}).items() if v}
    if set(evidence) - set(indicators):
        errors.add("evidence", "Minh chứng gắn với chỉ tiêu không thuộc giao ước.")
    errors.raise_if_any()
    saved, stored = [], []
    try:
        for indicator, (actual, note) in parsed.items():
            result, created = CovenantResult.objects.get_or_create(
                indicator=indicator, party=party, period=period,
                defaults={"actual": actual, "note": note, "recorded_by": user_of(actor)})
            if not created:
                before = audit.snapshot(result)
                result.actual, result.note, result.recorded_by = actual, note, user_of(actor)
                result.save()
                audit.changed(actor, result, before)
            else:
                audit.created(actor, result, note=f"{unit.name}: chỉ tiêu {indicator.order}")
            if indicator.pk in evidence:
                stored.append(store_upload(CovenantEvidence(result=result, uploaded_by=user_of(actor)),
                                           evidence[indicator.pk], field=f"evidence_{indicator.pk}",
                                           label=f"Minh chứng chỉ tiêu {indicator.order}"))
            saved.append(result)
    except Exception:
        forget_files_on_rollback(stored)
        raise
    return saved


# --- Fulfilment --------------------------------------------------------------------------------

def judge(indicator: CovenantIndicator, actual) -> str:
    if actual is None:
        return Fulfilment.PENDING
    better = actual > indicator.target if indicator.direction == Direction.HIGHER else actual < indicator.target
    if better:
        return Fulfilment.EXCEEDED
    return Fulfilment.MET if actual == indicator.target else Fulfilment.NOT_MET


@dataclass
class Tally:
    met: int = 0          # met or exceeded
    exceeded: int = 0
    reported: int = 0
    total: int = 0
    rows: list = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * self.met / self.total) if self.total else 0

    @property
    def label(self) -> str:
        return f"{self.met}/{self.total} chỉ tiêu đạt và vượt"


def fulfilment(covenant: Covenant, period: str = ResultPeriod.YEAR_END) -> dict:
    """Per party and in total: how many (party, indicator) targets were met or exceeded at `period`
    ({"parties": [(party, Tally)], "indicators": [(indicator, Tally)], "total": Tally}). Two queries."""
    indicators = list(covenant.indicators.all())
    parties = [p for p in covenant.parties.select_related("unit") if p.commits]
    actual = {(r.indicator_id, r.party_id): r for r in CovenantResult.objects.filter(
        indicator__covenant=covenant, period=period)}
    by_party = {p.pk: Tally() for p in parties}
    by_indicator = {i.pk: Tally() for i in indicators}
    total = Tally()
    for party in parties:
        for indicator in indicators:
            result = actual.get((indicator.pk, party.pk))
            status = judge(indicator, result.actual if result else None)
            for tally in (by_party[party.pk], by_indicator[indicator.pk], total):
                tally.total += 1
                tally.reported += result is not None
                tally.met += status in (Fulfilment.MET, Fulfilment.EXCEEDED)
                tally.exceeded += status == Fulfilment.EXCEEDED
            by_party[party.pk].rows.append((indicator, result, Fulfilment(status)))
    return {"parties": [(p, by_party[p.pk]) for p in parties],
            "indicators": [(i, by_indicator[i.pk]) for i in indicators], "total": total,
            "period": ResultPeriod(period), "target_text": {i.pk: f"{fmt(i.target)} {i.unit_of_measure}"
                                                           for i in indicators}}
