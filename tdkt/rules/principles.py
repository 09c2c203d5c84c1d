"""The principles every award's standard shares, and the checks only some cases carry.

- Every award: no open review or discipline in force (R4), achievements counted from the end of a
  discipline, and one achievement rewarded once (Luật TĐKT 2022 Điều 5). The decree's article is
  the one in force in the evaluated period (`{basis_principles}`, see rulesets.national_params).
- Some cases: a kind of commendation the evaluated rule set may not know (the kinds Luật
  06/2026/QH16 adds), and the priority of border, island and very difficult areas (Luật 2022 Điều 5)
  and, from 01/10/2026, of ethnic minority and mountain areas (Luật 06/2026/QH16). A priority
  never blocks: it is reported for the council, which applies it among candidates of equal merit.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import ethnicity
from .case import AREAS, KIND_TITLES, KINDS, KINDS_SINCE, SUBJECT_KINDS, Case
from .catalogue import AWARDS
from .checks import Check, check

L = "Luật TĐKT 2022"
R3 = "{basis_principles} (R3)"
R4 = "{basis_principles} (R4)"


def award_name(code: str) -> str:
    return AWARDS[code].name


def r3_note(ctx, code, years=None) -> str:
    """Names the thematic and ad-hoc awards that were not counted (R3)."""
    skipped = [(y, k) for y, k in ctx.excluded(code) if years is None or y in years]
    if not skipped:
        return ""
    items = ", ".join(f"{y} ({KINDS[k]})" for y, k in sorted(skipped))
    return (f"; không tính {award_name(code)} năm {items} vì khen chuyên đề, đột xuất không làm căn cứ "
            f"({ctx.p['basis_principles']})")


def r4_note(ctx, floor) -> str:
    if ctx.counted_from and ctx.counted_from > floor:
        return f"; thành tích chỉ tính từ năm {ctx.counted_from} (sau khi hết thời hạn kỷ luật)"
    return ""


@check("no_open_review", R4)
def no_open_review(ctx):
    if ctx.case.under_review:
        return False, ("Đang xem xét kỷ luật hoặc đang thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo có dấu hiệu "
                       "vi phạm: chưa khen thưởng, chưa đề nghị")
    return True, "Không đang bị xem xét kỷ luật, thanh tra, giải quyết khiếu nại, tố cáo"


@check("discipline_period", R4)
def discipline_period(ctx):
    d = ctx.open_discipline
    if d is not None:
        until = f"đến {d.end:%d/%m/%Y}" if d.end else "chưa xác định ngày kết thúc"
        return False, f"Đang trong thời hạn kỷ luật (từ {d.start:%d/%m/%Y} {until})"
    if ctx.year < ctx.counted_from:
        return False, (f"Năm {ctx.year} chưa được tính thành tích: kỷ luật kết thúc năm {ctx.counted_from - 1}, "
                       f"thành tích chỉ tính từ năm {ctx.counted_from}")
    if ctx.case.discipline:
        return True, f"Đã hết thời hạn kỷ luật; thành tích tính từ năm {ctx.counted_from}"
    return True, "Không bị kỷ luật"


@check("not_already_awarded", f"{L} Điều 5")
def not_already_awarded(ctx):
    code = ctx.case.award
    if ctx.case.proposal_kind == "regular" and ctx.holds(code, ctx.year):
        return False, f"Đã được tặng {award_name(code)} cho thành tích năm {ctx.year}: một thành tích không khen hai lần"
    return True, f"Chưa được tặng {award_name(code)} cho thành tích năm {ctx.year}"


PRINCIPLES = (no_open_review, discipline_period, not_already_awarded)


@check("standard_not_encoded", "shared/domain/legal-rules.md §8 (văn bản chưa được đối chiếu)")
def standard_not_encoded(ctx):
    return None, (f"Tiêu chuẩn {ctx.award.name} cho {SUBJECT_KINDS[ctx.case.subject.kind]} chưa được đối chiếu "
                  "văn bản chính thức: cần Hội đồng đánh giá theo thành tích đơn vị nêu"), ("standard_not_encoded",)


# --- checks only some cases carry -------------------------------------------------------------------

@dataclass(frozen=True)
class Conditional:
    applies: Callable[[Case], bool]
    check: Check


@check("commendation_kind", "{basis_kinds}")
def commendation_kind(ctx):
    kind = ctx.case.proposal_kind
    title = KIND_TITLES.get(kind, KINDS[kind])
    if kind in ctx.p["commendation_kinds"]:
        return True, f"Loại hình {title} có trong văn bản áp dụng cho hồ sơ"
    since, law = KINDS_SINCE[kind]
    return False, (f"Loại hình {title} do {law} quy định (từ ngày {since:%d/%m/%Y}); văn bản áp dụng cho hồ sơ "
                   "này chưa có loại hình đó")


def priority_reasons(ctx) -> list[str]:
    areas = ctx.p["priority_areas"]
    subject = ctx.case.subject
    reasons = [AREAS[a] for a in subject.areas if a in areas]
    if ctx.p["priority_ethnic_minority"] and ethnicity.is_minority(subject.ethnicity):
        reasons.append(f"người dân tộc {subject.ethnicity}")
    return reasons


@check("priority_area", "{basis_priority}")
def priority_area(ctx):
    reasons = priority_reasons(ctx)
    if reasons:
        return True, (f"Ưu tiên khen thưởng ({', '.join(reasons)}): Hội đồng chú trọng khi chọn trong số các trường "
                      "hợp đủ tiêu chuẩn như nhau; không thay cho tiêu chuẩn")
    listed = [AREAS[a] for a in ctx.case.subject.areas]
    if ethnicity.is_minority(ctx.case.subject.ethnicity):
        listed.append(f"người dân tộc {ctx.case.subject.ethnicity}")
    return True, (f"Chưa thuộc diện ưu tiên theo văn bản áp dụng ({', '.join(listed)}): vùng đồng bào dân tộc "
                  "thiểu số và miền núi được chú trọng từ ngày 01/10/2026")


def has_priority_facts(case: Case) -> bool:
    return bool(case.subject.areas) or ethnicity.is_minority(case.subject.ethnicity)


CONDITIONAL_CHECKS = (
    Conditional(lambda case: case.proposal_kind in KINDS_SINCE, commendation_kind),
    Conditional(has_priority_facts, priority_area),
)
