"""Rule sets: the legal texts in force, as parameters plus the standards composed per award.

A rule set is chosen by the proposal date (`rule_set_for`). Each carries named parameters; the ones
the fact sheet marks UNCONFIRMED are flagged so that every verdict resting on them lists them in
`unverified`. A province may override the parameters the law lets it detail (`RuleSet.override`),
which yields a new rule set whose title names the province's document; the national set is never
edited.

The parameters are built per period by `national_params(decree)`: a set cites only the texts in
force in its period (NĐ 98/2023 until 30/06/2025, NĐ 152/2025 after), and the `basis_*` parameters
are the citations the checks put in their `basis` (see checks.py: "{basis_principles}"), so a 2024
verdict names NĐ 98/2023 and marks the article unverified where the fact sheet does not give it.
Luật 06/2026/QH16 (from 01/10/2026) adds its parameters with `amended_params`.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from . import standards as S
from .errors import CaseError
from .principles import CONDITIONAL_CHECKS, PRINCIPLES, standard_not_encoded
from .texts import LAW_2022, LAW_2026, LAW_2026_CODE, LAW_2026_IN_FORCE, ND98, ND152, Decree


@dataclass(frozen=True)
class Param:
    name: str
    value: Any
    label: str
    basis: str
    unconfirmed: bool = False
    province_may_detail: bool = False


def params_table(*items: Param) -> Mapping[str, Param]:
    return MappingProxyType({p.name: p for p in items})


@dataclass(frozen=True)
class RuleSet:
    code: str
    title: str
    valid_from: dt.date
    valid_to: dt.date | None
    params: Mapping[str, Param]
    standards: Mapping[str, Mapping[str, tuple]] = field(default_factory=dict)
    # A note every verdict of this set carries in `unverified` (e.g. an amendment not yet read).
    set_unverified: tuple[str, ...] = ()
    # The citation of a transition rule: a dossier received before `valid_from` follows the set in
    # force the day before, unless this set is more favourable (Luật 06/2026/QH16). Empty: none.
    favourable_transition: str = ""

    def value(self, name: str):
        return self.params[name].value

    def applies_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def standard_for(self, case) -> tuple:
        """The checks of the award's standard for the subject kind; a kind of commendation with its
        own standard is keyed "CODE@kind". An award without an encoded standard gets the principles
        and a pending check for the council."""
        by_kind = self.standards.get(f"{case.award}@{case.proposal_kind}") or self.standards.get(case.award)
        if by_kind and case.subject.kind in by_kind:
            return by_kind[case.subject.kind]
        return PRINCIPLES + (standard_not_encoded,)

    def conditional_checks(self, case) -> tuple:
        """Checks that only some cases carry (a dated kind of commendation, a priority area)."""
        return tuple(c.check for c in CONDITIONAL_CHECKS if c.applies(case))

    def override(self, values: Mapping[str, Any], source: str, code_suffix: str = "") -> "RuleSet":
        """A province's detail of this rule set. Only parameters the law lets a province detail may be
        overridden; an overridden value rests on the province's document, so it is no longer
        reported as unverified."""
        params = dict(self.params)
        for name, value in values.items():
            if name not in params:
                raise CaseError(f"overrides.{name}", "tham số không tồn tại trong bộ quy tắc")
            if not params[name].province_may_detail:
                raise CaseError(f"overrides.{name}", "tham số này do luật quy định, tỉnh không được quy định lại")
            params[name] = replace(params[name], value=value, basis=source, unconfirmed=False)
        return replace(self, code=self.code + (code_suffix or "+tỉnh"), title=f"{self.title}; {source}",
                       params=MappingProxyType(params))


# --- Luật TĐKT 06/2022/QH15 with the decree of each period ------------------------------------------

def _cited(name: str, label: str, decree: Decree, topic: str, detail: str = "") -> Param:
    """A citation as a parameter: its value is the text a check's basis shows; unconfirmed when the
    decree's article is not known."""
    text, unconfirmed = decree.cite(topic, detail)
    return Param(name, text, label, text, unconfirmed=unconfirmed)


# Links of a chain that may be considered in the same round as the award that needs them: only
# where the law puts both in one round (the unit head's yearly review gives LĐTT and CSTĐ cơ sở; the
# third CSTĐ cơ sở is selected with CSTĐ tỉnh). Awards proposed upward (Bằng khen, Huân chương,
# CSTĐ toàn quốc) count only titles already conferred: their articles say "đã được tặng".
SAME_ROUND_LINKS = MappingProxyType({
    ("CSTD_CS", "LDTT"): f"{LAW_2022} Điều 23 khoản 1; Điều 80 (cùng người đứng đầu xét tặng hằng năm)",
    ("CSTD_CS", "CSTT"): f"{LAW_2022} Điều 23 khoản 1; Điều 80 (cùng người đứng đầu xét tặng hằng năm)",
    ("CSTD_TINH", "CSTD_CS"): f"{LAW_2022} Điều 22 khoản 1 điểm a",
})


def national_params(decree: Decree) -> Mapping[str, Param]:
    """The parameters of Luật TĐKT 2022 with `decree` (NĐ 98/2023 or NĐ 152/2025) as its decree."""
    nd98 = decree is ND98
    return params_table(
        # TT 01/2024/TT-BNV (6 months) is confirmed for the NĐ 98 period; whether TT 15/2025/TT-BNV,
        # which replaced it under NĐ 152, keeps the rule is not.
        Param("ldtt_min_service_months", 6, "Thời gian công tác tối thiểu trong năm để xét LĐTT (tháng)",
              "TT 01/2024/TT-BNV" if nd98 else "TT 01/2024/TT-BNV (việc chuyển sang TT 15/2025/TT-BNV cần xác minh)",
              unconfirmed=not nd98),
        Param("basis_ldtt_service", "TT 01/2024/TT-BNV" if nd98 else "TT 01/2024/TT-BNV, TT 15/2025/TT-BNV",
              "Văn bản quy định thời gian công tác để xét LĐTT",
              "TT 01/2024/TT-BNV" if nd98 else "TT 15/2025/TT-BNV thay TT 01/2024/TT-BNV"),
        _cited("basis_principles", f"Điều khoản về nguyên tắc khen thưởng của {decree.code} (R3–R7 của bảng tra cứu)",
               decree, "principles"),
        _cited("basis_career", f"Điều khoản về khen thưởng quá trình cống hiến của {decree.code}", decree, "career"),
        _cited("basis_career_years", f"Điều khoản về thời gian giữ chức vụ (HCLĐ hạng Ba, cống hiến) của {decree.code}",
               decree, "career_years"),
        Param("ttldtt_ldtt_share", 0.5, "Tỷ lệ thành viên đạt LĐTT tối thiểu để xét TTLĐTT",
              f"{LAW_2022} Điều 28 (tỷ lệ theo luật cũ: trên 50%; tỷ lệ theo luật 2022 cần xác minh)",
              unconfirmed=True, province_may_detail=True),
        Param("ttldtt_ldtt_share_strict", True, "Tỷ lệ LĐTT phải vượt (true) hay chỉ cần đạt (false) mức trên",
              f"{LAW_2022} Điều 28 (cần xác minh)", unconfirmed=True, province_may_detail=True),
        Param("ttldtt_no_member_warning", True, "TTLĐTT: không có thành viên bị kỷ luật từ cảnh cáo trở lên",
              f"{LAW_2022} Điều 28 (theo cách diễn đạt của luật cũ; cần xác minh)", unconfirmed=True,
              province_may_detail=True),
        Param("ttldxs_ldtt_share", 0.7, "TTLĐXS: tỷ lệ thành viên đạt LĐTT tối thiểu", f"{LAW_2022} Điều 27 khoản 1 điểm c"),
        Param("cstd_tinh_chain", 3, "Số lần liên tục đạt CSTĐCS để xét CSTĐ tỉnh", f"{LAW_2022} Điều 22 khoản 1 điểm a"),
        Param("cstd_tq_chain", 2, "Số lần liên tục đạt CSTĐ tỉnh để xét CSTĐ toàn quốc", f"{LAW_2022} Điều 21 điểm a"),
        Param("bk_tinh_chain_years", 2, "BK tỉnh điểm d: số năm liên tục CSTĐCS hoặc hoàn thành xuất sắc",
              f"{LAW_2022} Điều 74 khoản 1 điểm d"),
        Param("bk_tinh_initiatives", 2, "BK tỉnh điểm d: số sáng kiến hoặc đề tài trong thời gian đó",
              f"{LAW_2022} Điều 74 khoản 1 điểm d"),
        Param("bk_ttg_years", 5, "BK Thủ tướng điểm b: số năm liên tục hoàn thành tốt trở lên sau BK tỉnh",
              f"{LAW_2022} Điều 73 khoản 1 điểm b"),
        Param("bk_ttg_cstd_cs", 3, "BK Thủ tướng điểm b: số lần CSTĐCS trong thời gian đó", f"{LAW_2022} Điều 73 khoản 1 điểm b"),
        Param("hcld3_years", 5, "HCLĐ hạng Ba điểm e: số năm liên tục hoàn thành tốt trở lên sau BK Thủ tướng",
              f"{LAW_2022} Điều 44 khoản 1 điểm e"),
        Param("hcld3_excellent_years", 1, "HCLĐ hạng Ba điểm e: số năm hoàn thành xuất sắc tối thiểu",
              f"{LAW_2022} Điều 44 khoản 1 điểm e"),
        Param("hcld3_cstd_cs", 3, "HCLĐ hạng Ba điểm e: số lần CSTĐCS trong thời gian đó", f"{LAW_2022} Điều 44 khoản 1 điểm e"),
        Param("career_years_hcld3", MappingProxyType({"general_director": 3, "deputy_general_director": 5,
                                                       "director": 6, "deputy_director": 10}),
              "HCLĐ hạng Ba (quá trình cống hiến): số năm giữ chức vụ tối thiểu theo cấp",
              f"{decree.cite('career_years')[0]} (bản dịch, cần xác minh nguyên văn)", unconfirmed=True),
        Param("career_women_factor", 2 / 3, "Nữ lãnh đạo: thời gian giữ chức vụ giảm 1/3",
              decree.cite("principles", "(R7)")[0], unconfirmed=decree.cite("principles")[1]),
        Param("initiative_reuse_higher_title", True,
              "Sáng kiến đã làm căn cứ cho một danh hiệu được dùng lại cho danh hiệu cao hơn",
              "CV 5007/BNV-TĐKT 2023 mục III.5.c (chưa rõ, cần xác minh)", unconfirmed=True),
        Param("gk_min_rating", "good", "Giấy khen: mức xếp loại tối thiểu trong năm",
              f"{LAW_2022} Điều 75 khoản 2 (tỉnh quy định chi tiết; mặc định: hoàn thành tốt nhiệm vụ)",
              province_may_detail=True),
        Param("gdvh_gk_years", 3, "Giấy khen cho hộ: số năm liên tục đạt Gia đình văn hóa",
              "Thực tiễn theo NĐ 122/2018/NĐ-CP (cần xác minh theo NĐ 86/2023/NĐ-CP)", unconfirmed=True,
              province_may_detail=True),
        Param("block_leader_rank", 1, "Thứ hạng dẫn đầu cụm, khối thi đua", f"{LAW_2022} Điều 26 khoản 1"),
        # The province may only switch same-round links off (count conferred titles only); which
        # links may be in one round is the law's (`same_round_pairs`).
        Param("same_round_links", True,
              "Danh hiệu của năm xét chưa có quyết định nhưng đủ tiêu chuẩn được tính là mắt xích của chuỗi khi "
              "luật đặt cả hai trong cùng một đợt xét", f"{LAW_2022} Điều 22 khoản 1 điểm a; Điều 23 khoản 1",
              province_may_detail=True),
        Param("same_round_pairs", SAME_ROUND_LINKS,
              "Các cặp (danh hiệu xét, mắt xích) được xét cùng đợt", f"{LAW_2022} Điều 22 khoản 1 điểm a; Điều 23 khoản 1"),
        Param("priority_areas", frozenset({"border", "island", "extreme_difficulty"}),
              "Vùng được ưu tiên khen thưởng", f"{LAW_2022} Điều 5"),
        Param("priority_ethnic_minority", False,
              "Chú trọng khen thưởng người dân tộc thiểu số, vùng đồng bào dân tộc thiểu số và miền núi",
              f"{LAW_2022} Điều 5 (chưa có nguyên tắc này trước 01/10/2026)"),
        Param("basis_kinds", f"{LAW_2022} Điều 8", "Văn bản quy định các loại hình khen thưởng", f"{LAW_2022} Điều 8"),
        Param("basis_priority", f"{LAW_2022} Điều 5", "Văn bản quy định ưu tiên khen thưởng", f"{LAW_2022} Điều 5"),
        Param("commendation_kinds", frozenset({"regular", "thematic", "ad_hoc", "career", "long_service", "foreign"}),
              "Các loại hình khen thưởng", f"{LAW_2022} Điều 8"),
        Param("standard_not_encoded", None, "Tiêu chuẩn chưa được đối chiếu văn bản (điều luật chưa đọc được)",
              "shared/domain/legal-rules.md §3.2, §3.5, §8", unconfirmed=True),
        Param("cstd_cs_max_share_of_ldtt", None, "Tỷ lệ tối đa CSTĐCS trên số LĐTT (không giới hạn theo luật 2022)",
              f"{LAW_2022} Điều 23 (bỏ mức 15% của NĐ 91/2017); ngành, tỉnh có thể quy định", province_may_detail=True),
    )


def amended_params(base: Mapping[str, Param]) -> Mapping[str, Param]:
    """Luật 06/2026/QH16 over `base`: the two new kinds of commendation and the priority for ethnic
    minority and mountain areas. Read from the National Assembly's summary only: unconfirmed."""
    params = dict(base)
    kinds = base["commendation_kinds"]
    params["commendation_kinds"] = replace(
        kinds, value=kinds.value | {"thematic_movement", "thematic_topic"},
        basis=f"{LAW_2022} Điều 8; {LAW_2026} (khen thưởng phong trào thi đua theo chuyên đề, khen thưởng chuyên đề)",
        unconfirmed=True)
    areas = base["priority_areas"]
    params["priority_areas"] = replace(
        areas, value=areas.value | {"mountain", "ethnic_minority"},
        basis=f"{LAW_2022} Điều 5; {LAW_2026} (chú trọng khen thưởng vùng đồng bào dân tộc thiểu số và miền núi)",
        unconfirmed=True)
    kinds_basis = f"{LAW_2022} Điều 8; {LAW_2026}"
    params["basis_kinds"] = replace(base["basis_kinds"], value=kinds_basis, basis=kinds_basis, unconfirmed=True)
    priority_basis = f"{LAW_2022} Điều 5; {LAW_2026}"
    params["basis_priority"] = replace(base["basis_priority"], value=priority_basis, basis=priority_basis,
                                       unconfirmed=True)
    params["priority_ethnic_minority"] = replace(
        base["priority_ethnic_minority"], value=True,
        basis=f"{LAW_2026} (chú trọng khen thưởng cá nhân, tập thể vùng đồng bào dân tộc thiểu số và miền núi)",
        unconfirmed=True)
    return MappingProxyType(params)


def _standards():
    return MappingProxyType(S.STANDARDS_VN2022)


ND98_PARAMS = national_params(ND98)
ND152_PARAMS = national_params(ND152)

VN2024_ND98 = RuleSet(
    code="VN-2022/98",
    title="VN-2022 (Luật 06/2022/QH15; NĐ 98/2023/NĐ-CP)",
    valid_from=ND98.valid_from, valid_to=ND98.valid_to,
    params=ND98_PARAMS, standards=_standards(),
)

VN2022 = RuleSet(
    code="VN-2022",
    title="VN-2022 (Luật 06/2022/QH15; NĐ 152/2025/NĐ-CP)",
    valid_from=ND152.valid_from, valid_to=LAW_2026_IN_FORCE - dt.timedelta(days=1),
    params=ND152_PARAMS, standards=_standards(),
)

# Luật 06/2026/QH16 amends the law from 01/10/2026. Its text has not been read: the set keeps the
# 2022 standards, adds what the summary states, and every verdict says so. Dossiers received
# before 01/10/2026 follow the old law unless the new rule is more favourable (engine.choose).
VN2026 = RuleSet(
    code="VN-2026",
    title=f"VN-2026 (Luật 06/2022/QH15 sửa đổi bởi {LAW_2026_CODE}; NĐ 152/2025/NĐ-CP)",
    valid_from=LAW_2026_IN_FORCE, valid_to=None,
    params=amended_params(ND152_PARAMS), standards=_standards(),
    set_unverified=("luat_06_2026_qh16",),
    favourable_transition=f"{LAW_2026} (chuyển tiếp: hồ sơ tiếp nhận trước 01/10/2026 xét theo Luật 06/2022/QH15, "
                          "trừ quy định mới có lợi hơn)",
)

RULE_SETS: tuple[RuleSet, ...] = (VN2024_ND98, VN2022, VN2026)

UNVERIFIED_SET_NOTES = {
    "luat_06_2026_qh16": "Luật 06/2026/QH16 (hiệu lực 01/10/2026) chưa được đối chiếu văn bản chính thức; "
                         "tiêu chuẩn đang áp dụng theo Luật 06/2022/QH15",
    "transition": "Quy định chuyển tiếp của Luật 06/2026/QH16 (hồ sơ tiếp nhận trước 01/10/2026) chỉ đọc từ bản tóm "
                  "tắt, chưa đối chiếu điều khoản",
}


def rule_set_for(day: dt.date, sets: tuple[RuleSet, ...] = RULE_SETS) -> RuleSet:
    for rule_set in sets:
        if rule_set.applies_on(day):
            return rule_set
    raise CaseError("proposal_date", f"không có bộ quy tắc cho ngày đề nghị {day:%d/%m/%Y} "
                                     "(hệ thống áp dụng Luật TĐKT 2022, có hiệu lực từ 01/01/2024)")


# Provincial details used as examples and in tests: Bắc Ninh QĐ 86/2025/QĐ-UBND.
BAC_NINH_2025 = {"ttldtt_ldtt_share": 0.7, "ttldtt_ldtt_share_strict": False}
BAC_NINH_2025_SOURCE = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh"
