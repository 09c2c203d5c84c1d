"""How the decision, the certificates, the minutes and the submission name things: the issuing
body and its title line, the place of the date line, the recipients, the awards and the achievement;
and the nominees a decision confers. Shared by `decisions`, `issuance`, `council` and `forwarding`,
it imports none of them.
"""
from __future__ import annotations

import re

from django.conf import settings

from tdkt.awards.choices import Authority, SubjectKind
from tdkt.core import clock
from tdkt.org.models import Unit
from tdkt.rules import procedure

from ..choices import Appraisal, VoteResult
from ..models import Dossier


def passed_nominees(dossier: Dossier):
    return (dossier.nominees.filter(appraisal=Appraisal.PASSED, vote_result=VoteResult.PASSED)
            .select_related("award_type", "person", "recipient_unit", "household", "unit"))


def expand_unit_name(name: str) -> str:
    return re.sub(r"^UBND\b", "Ủy ban nhân dân", name.strip())


def issuer_for(dossier: Dossier) -> tuple[Unit, str, str]:
    """(unit, issuer name for the register, title line of the decision) for the authority asked."""
    unit = dossier.proposing_unit
    if dossier.authority in (Authority.PROVINCE_CHAIR, Authority.PRIME_MINISTER, Authority.PRESIDENT):
        top = unit
        while top.parent_id:
            top = top.parent
        unit = top
    elif dossier.authority == Authority.COMMUNE_CHAIR:
        found = unit
        while found is not None and found.kind != "commune":
            found = found.parent
        unit = found or unit
    full = expand_unit_name(unit.name)
    if dossier.authority in (Authority.PROVINCE_CHAIR, Authority.COMMUNE_CHAIR):
        return unit, f"Chủ tịch {full}", f"CHỦ TỊCH {full.upper()}"
    return unit, full, full.upper()


def decision_symbol() -> str:
    return getattr(settings, "TDKT_DECISION_SYMBOL", "QĐ-UBND")


def award_phrase(award_type, on=None) -> str:
    """'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh', 'danh hiệu Lao động tiên tiến': the words
    after "Tặng" in a decision signed on `on` (the province's wording is rule data:
    tdkt.rules.procedure.decision_phrase; the catalogue's names are generic)."""
    phrase = procedure.decision_phrase(award_type.code, on or clock.today())
    if phrase:
        return phrase
    if award_type.category == "title":
        return f"danh hiệu {award_type.name}"
    return award_type.name


def place_name() -> str:
    """The place name of dates in documents ("Hà Nam, ngày … tháng … năm …"): TDKT_PLACE, or the
    province's name as the unit directory has it."""
    if settings.TDKT_PLACE:
        return settings.TDKT_PLACE
    province = Unit.objects.filter(parent__isnull=True).order_by("id").values_list("name", flat=True).first() or ""
    return re.sub(r"^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)\s+", "", province, flags=re.IGNORECASE).strip()


def split_issuer(name: str) -> tuple[str, str]:
    """(parent body, issuer) for the header of an ND 30 document. A People's Committee has no
    parent body printed: its own name takes both lines, both bold ('ỦY BAN NHÂN DÂN' / 'TỈNH HÀ NAM')."""
    full = expand_unit_name(name)
    match = re.match(r"^(Ủy ban nhân dân)\s+(.+)$", full)
    if match:
        return "", f"{match.group(1).upper()}\n{match.group(2).upper()}"
    return "", full.upper()


def subject_description(record) -> str:
    """Position and unit of a person, the address of a household, the parent of a collective: the
    line under a name in lists and on certificates (an award record or a nominee)."""
    if record.subject_kind == SubjectKind.INDIVIDUAL and record.person is not None:
        person = record.person
        return ", ".join(part for part in (person.position, person.unit.name) if part)
    if record.subject_kind == SubjectKind.HOUSEHOLD and record.household is not None:
        return record.household.address or record.household.unit.name
    if record.recipient_unit is not None and record.recipient_unit.parent is not None:
        return f"Trực thuộc {record.recipient_unit.parent.name}"
    return ""


def display_name(record) -> str:
    """'Bà Nguyễn Thị A' / 'Ông …' for a person, the name of a collective or household."""
    if record.subject_kind == SubjectKind.INDIVIDUAL and record.person is not None:
        return ("Bà " if record.person.gender == "female" else "Ông ") + record.person.full_name
    return record.recipient_name


def achievement_phrase(dossier: Dossier) -> str:
    if dossier.movement:
        return f"đã có thành tích xuất sắc trong {dossier.movement}"
    if dossier.period_start and dossier.period_end:
        return f"đã có thành tích xuất sắc giai đoạn {dossier.period_start} - {dossier.period_end}"
    return f"đã có thành tích xuất sắc trong công tác năm {dossier.year}"
