"""The grounds of a nomination that only people can judge (the eligibility contract's `claims`,
award-codes.md), with the evidence the proposing unit gives for each, and the rule engine's verdict
of a nominee that takes them into account.

Which grounds an award offers is read from the rule set in force (the `claim` checks of the award's
standard for the subject kind), so the form offers exactly what the engine can weigh. A ground the
unit states becomes a pending check for the council ("cần Hội đồng đánh giá"); a ground not stated
is never assumed. The grounds are kept on the nominee as `[{"code", "evidence"}]`.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import ValidationError

from tdkt.awards.choices import AwardStatus, SubjectKind
from tdkt.awards.models import AwardRecord
from tdkt.core.text import fold
from tdkt.eligibility.cases import (
    History,
    case_json,
    load_person_histories,
    person_case,
    person_subject,
    unit_case,
    unit_history,
    unit_members,
)
from tdkt.eligibility.services import province_rules
from tdkt.eligibility.standings import block_standing
from tdkt.rules import evaluate_case, rule_set_for
from tdkt.rules.case import CLAIMS, AwardHeld, Case, Subject
from tdkt.rules.checks import AnyOf

from .appraisal import ENGINE_KINDS

EVIDENCE_MAX = 1000

# What the council will want to see for each ground: the placeholder of its evidence box.
EVIDENCE_HINTS = {
    "outstanding_in_movement": "Tên phong trào thi đua; văn bản tổng kết ghi nhận (số, ngày)",
    "ad_hoc_achievement": "Việc làm, thành tích đột xuất; văn bản ghi nhận (số, ngày)",
    "socio_economic_contribution": "Đóng góp cụ thể; văn bản xác nhận của địa phương, cơ quan",
    "wide_influence": "Phạm vi ảnh hưởng; văn bản, tài liệu kèm theo",
    "regional_prize": "Tên cuộc thi, giải đạt được; quyết định trao giải (số, ngày)",
    "production_achievement": "Thành tích trong lao động, sản xuất; xác nhận của ngành",
    "high_value_initiative": "Tên sáng kiến; quyết định công nhận (số, ngày)",
    "production_model": "Tên mô hình, thời gian áp dụng; xác nhận hiệu quả",
    "combat_ingenuity": "Sáng kiến, mưu trí; văn bản công nhận (số, ngày)",
    "contribution_of_assets": "Công sức, đất đai, tài sản đóng góp; văn bản xác nhận",
    "leading_thematic_movement": "Phong trào chuyên đề; văn bản tổng kết, xếp hạng dẫn đầu",
    "movement_review_5_years": "Phong trào; văn bản tổng kết từ 5 năm trở lên",
    "invention_applied": "Tên phát minh, sáng chế, công trình; văn bản xác nhận ứng dụng",
}


def ground_label(code: str) -> str:
    text = CLAIMS[code]
    return text[:1].upper() + text[1:]


def proposal_kind(dossier) -> str:
    """The commendation kind the engine judges the dossier's nominees by (its own or the regular one)."""
    return dossier.kind if dossier.kind in ENGINE_KINDS else "regular"


def _claim_codes(checks) -> list[str]:
    found = []
    for check in checks:
        if isinstance(check, AnyOf):
            found += _claim_codes(check.alternatives)
        elif check.code in CLAIMS and check.code not in found:
            found.append(check.code)
    return found


def grounds_for(award_code: str, subject_kind: str, kind: str, day: dt.date) -> list[str]:
    """The grounds the award's standard offers a subject of this kind, in the order of the article."""
    case = Case(award=award_code, year=day.year, proposal_date=day, subject=Subject(kind=subject_kind),
                proposal_kind=kind)
    rule_set = rule_set_for(day)
    return list(dict.fromkeys(_claim_codes(rule_set.standard_for(case) + rule_set.conditional_checks(case))))


def code_of_label(written: str) -> str | None:
    """The ground a clerk wrote in a spreadsheet: its Vietnamese label (case, diacritics and a final full
    stop ignored) or its code; None when it names no ground."""
    key = fold(str(written or "")).strip().rstrip(".").strip()
    for code, text in CLAIMS.items():
        if key in (fold(text), code):
            return code
    return None


def offered_by_award(award_types, kind: str, day: dt.date) -> dict[str, list[str]]:
    """{ground code: names of the awards that offer it (to any subject kind)}, in the order of CLAIMS:
    the grounds table of the nominee list's Excel template."""
    offered: dict[str, list[str]] = {}
    for award in award_types:
        codes: list[str] = []
        for subject_kind in SubjectKind.values:
            if award.allows(subject_kind):
                codes += [c for c in grounds_for(award.code, subject_kind, kind, day) if c not in codes]
        for code in codes:
            offered.setdefault(code, []).append(award.name)
    return {code: offered[code] for code in CLAIMS if code in offered}


def needs_ground(verdict: dict | None) -> bool:
    """Whether a verdict fails for want of a ground the unit has not stated (a failed claim check, alone
    or as an alternative): stating one, with its evidence, is the unit's next step."""
    for check in (verdict or {}).get("checks", []):
        if check.get("passed") is not False:
            continue
        if check.get("code") in CLAIMS or any(a.get("code") in CLAIMS for a in check.get("alternatives") or []):
            return True
    return False


def clean_claims(stated: dict[str, str], allowed: list[str]) -> list[dict]:
    """The grounds as stored from {code: evidence}: each must be one the award offers and carry its
    evidence. Raises a ValidationError naming the ground."""
    claims, errors = [], []
    for code, evidence in stated.items():
        evidence = (evidence or "").strip()
        if code not in CLAIMS or code not in allowed:
            errors.append(f"Căn cứ “{CLAIMS.get(code, code)}” không áp dụng cho hình thức đề nghị này.")
        elif not evidence:
            errors.append(f"{ground_label(code)}: ghi minh chứng (văn bản, số quyết định, tài liệu kèm theo).")
        elif len(evidence) > EVIDENCE_MAX:
            errors.append(f"{ground_label(code)}: minh chứng dài quá {EVIDENCE_MAX} ký tự.")
        else:
            claims.append({"code": code, "evidence": evidence})
    if errors:
        raise ValidationError({"claims": errors})
    order = {c: i for i, c in enumerate(CLAIMS)}
    return sorted(claims, key=lambda c: order[c["code"]])


def claimed(nominee) -> frozenset[str]:
    return frozenset(c["code"] for c in (nominee.claims or []) if c.get("code") in CLAIMS)


def verdicts_for(nominees, proposal_date: dt.date) -> list[dict]:
    """The verdicts of nominees (saved or not, of any subject kind), in their order, with the grounds
    each states and the province's rule details. Histories are loaded for all people at once."""
    overrides, source = province_rules()
    people = [n for n in nominees if n.subject_kind == SubjectKind.INDIVIDUAL]
    histories = load_person_histories([n.person_id for n in people]) if people else {}
    household_awards = defaultdict(list)
    household_ids = [n.household_id for n in nominees if n.subject_kind == SubjectKind.HOUSEHOLD]
    if household_ids:
        for hid, code, year, kind in (AwardRecord.objects.filter(household_id__in=household_ids,
                                                                 status=AwardStatus.VALID)
                                      .values_list("household_id", "award_type__code", "year", "kind")):
            household_awards[hid].append(AwardHeld(code, year, kind))
    units: dict[int, tuple] = {}
    standings: dict[int, dict] = {}
    for year in {n.year for n in nominees if n.subject_kind == SubjectKind.COLLECTIVE}:
        standings[year] = block_standing([n.recipient_unit_id for n in nominees
                                          if n.subject_kind == SubjectKind.COLLECTIVE and n.year == year], year)
    result = []
    for n in nominees:
        if n.subject_kind == SubjectKind.INDIVIDUAL:
            case = person_case(n.person, histories.get(n.person_id) or History(), n.award_type.code, n.year,
                               proposal_date, subject=person_subject(n.person))
        elif n.subject_kind == SubjectKind.COLLECTIVE:
            if n.recipient_unit_id not in units:
                units[n.recipient_unit_id] = (unit_history(n.recipient_unit), unit_members(n.recipient_unit, n.year))
            history, members = units[n.recipient_unit_id]
            case = unit_case(n.recipient_unit, history, n.award_type.code, n.year, proposal_date, members=members,
                             block=standings.get(n.year, {}).get(n.recipient_unit_id))
        else:
            case = Case(award=n.award_type.code, year=n.year, proposal_date=proposal_date,
                        subject=Subject(kind="household", jurisdiction="province"),
                        awards=tuple(household_awards.get(n.household_id, ())))
        # The dossier's kind, the day the office received it (a dossier received before a new law follows
        # the old rules unless the new one is more favourable) and the grounds the unit states.
        case = Case(**{**case.__dict__, "proposal_kind": proposal_kind(n.dossier),
                       "received_on": n.dossier.submitted_on, "claims": claimed(n)})
        verdict = evaluate_case(case, overrides=overrides or None, override_source=source, forecast=False)
        verdict["case"] = case_json(case) | ({"claims": sorted(case.claims)} if case.claims else {})
        result.append(verdict)
    return result


def verdict_of(nominee, proposal_date: dt.date) -> dict:
    return verdicts_for([nominee], proposal_date)[0]
