"""Rule sets: the legal texts in force, as parameters plus the standards composed per award.

A rule set is chosen by the proposal date (`rule_set_for`). Each carries named parameters; the ones
the fact sheet marks UNCONFIRMED are flagged so that every verdict resting on them lists them in
`unverified`. A province may override the parameters the law lets it detail (`RuleSet.override`),
which yields a new rule set whose title names the province's document; the national set is never
edited. A coming amendment is a new `RuleSet` registered with its own dates (see VN-2026 below).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Mapping

from . import standards as S


@dataclass(frozen=True)
class Param:
    name: str
    value: Any
    label: str
    basis: str
    unconfirmed: bool = False
    province_may_detail: bool = False


def _params(*items: Param) -> Mapping[str, Param]:
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

    def value(self, name: str):
        return self.params[name].value

    def applies_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def override(self, values: Mapping[str, Any], source: str, code_suffix: str = "") -> "RuleSet":
        """A province's detail of this rule set. Only parameters the law lets a province detail may be
        overridden; an overridden value rests on the province's document, so it is no longer
        reported as unverified."""
        from .case import CaseError

        params = dict(self.params)
        for name, value in values.items():
            if name not in params:
                raise CaseError(f"overrides.{name}", "tham số không tồn tại trong bộ quy tắc")
            if not params[name].province_may_detail:
                raise CaseError(f"overrides.{name}", "tham số này do luật quy định, tỉnh không được quy định lại")
            params[name] = replace(params[name], value=value, basis=source, unconfirmed=False)
        return replace(self, code=self.code + (code_suffix or "+tỉnh"), title=f"{self.title}; {source}",
                       params=MappingProxyType(params))


# --- VN-2022: Luật TĐKT 06/2022/QH15 with its decrees ----------------------------------------------

VN2022_PARAMS = _params(
    Param("ldtt_min_service_months", 6, "Thời gian công tác tối thiểu trong năm để xét LĐTT (tháng)",
          "TT 01/2024/TT-BNV (việc chuyển sang TT 15/2025/TT-BNV cần xác minh)", unconfirmed=True),
    Param("ttldtt_ldtt_share", 0.5, "Tỷ lệ thành viên đạt LĐTT tối thiểu để xét TTLĐTT",
          "Luật TĐKT 2022 Điều 28 (tỷ lệ theo luật cũ: trên 50%; tỷ lệ theo luật 2022 cần xác minh)",
          unconfirmed=True, province_may_detail=True),
    Param("ttldtt_ldtt_share_strict", True, "Tỷ lệ LĐTT phải vượt (true) hay chỉ cần đạt (false) mức trên",
          "Luật TĐKT 2022 Điều 28 (cần xác minh)", unconfirmed=True, province_may_detail=True),
    Param("ttldtt_no_member_warning", True, "TTLĐTT: không có thành viên bị kỷ luật từ cảnh cáo trở lên",
          "Luật TĐKT 2022 Điều 28 (theo cách diễn đạt của luật cũ; cần xác minh)", unconfirmed=True,
          province_may_detail=True),
    Param("ttldxs_ldtt_share", 0.7, "TTLĐXS: tỷ lệ thành viên đạt LĐTT tối thiểu", "Luật TĐKT 2022 Điều 27 khoản 1 điểm c"),
    Param("cstd_tinh_chain", 3, "Số lần liên tục đạt CSTĐCS để xét CSTĐ tỉnh", "Luật TĐKT 2022 Điều 22 khoản 1 điểm a"),
    Param("cstd_tq_chain", 2, "Số lần liên tục đạt CSTĐ tỉnh để xét CSTĐ toàn quốc", "Luật TĐKT 2022 Điều 21 điểm a"),
    Param("bk_tinh_chain_years", 2, "BK tỉnh điểm d: số năm liên tục CSTĐCS hoặc hoàn thành xuất sắc",
          "Luật TĐKT 2022 Điều 74 khoản 1 điểm d"),
    Param("bk_tinh_initiatives", 2, "BK tỉnh điểm d: số sáng kiến hoặc đề tài trong thời gian đó",
          "Luật TĐKT 2022 Điều 74 khoản 1 điểm d"),
    Param("bk_ttg_years", 5, "BK Thủ tướng điểm b: số năm liên tục hoàn thành tốt trở lên sau BK tỉnh",
          "Luật TĐKT 2022 Điều 73 khoản 1 điểm b"),
    Param("bk_ttg_cstd_cs", 3, "BK Thủ tướng điểm b: số lần CSTĐCS trong thời gian đó", "Luật TĐKT 2022 Điều 73 khoản 1 điểm b"),
    Param("hcld3_years", 5, "HCLĐ hạng Ba điểm e: số năm liên tục hoàn thành tốt trở lên sau BK Thủ tướng",
          "Luật TĐKT 2022 Điều 44 khoản 1 điểm e"),
    Param("hcld3_excellent_years", 1, "HCLĐ hạng Ba điểm e: số năm hoàn thành xuất sắc tối thiểu",
          "Luật TĐKT 2022 Điều 44 khoản 1 điểm e"),
    Param("hcld3_cstd_cs", 3, "HCLĐ hạng Ba điểm e: số lần CSTĐCS trong thời gian đó", "Luật TĐKT 2022 Điều 44 khoản 1 điểm e"),
    Param("career_years_hcld3", MappingProxyType({"general_director": 3, "deputy_general_director": 5,
                                                   "director": 6, "deputy_director": 10}),
          "HCLĐ hạng Ba (quá trình cống hiến): số năm giữ chức vụ tối thiểu theo cấp",
          "NĐ 152/2025/NĐ-CP Điều 21 (bản dịch, cần xác minh nguyên văn)", unconfirmed=True),
    Param("career_women_factor", 2 / 3, "Nữ lãnh đạo: thời gian giữ chức vụ giảm 1/3", "NĐ 152/2025/NĐ-CP Điều 4 (R7)"),
    Param("initiative_reuse_higher_title", True,
          "Sáng kiến đã làm căn cứ cho một danh hiệu được dùng lại cho danh hiệu cao hơn",
          "CV 5007/BNV-TĐKT 2023 mục III.5.c (chưa rõ, cần xác minh)", unconfirmed=True),
    Param("gk_min_rating", "good", "Giấy khen: mức xếp loại tối thiểu trong năm",
          "Luật TĐKT 2022 Điều 75 khoản 2 (mặc định theo QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 4)",
          province_may_detail=True),
    Param("gdvh_gk_years", 3, "Giấy khen cho hộ: số năm liên tục đạt Gia đình văn hóa",
          "Thực tiễn theo NĐ 122/2018/NĐ-CP (cần xác minh theo NĐ 86/2023/NĐ-CP)", unconfirmed=True,
          province_may_detail=True),
    Param("block_leader_rank", 1, "Thứ hạng dẫn đầu cụm, khối thi đua", "Luật TĐKT 2022 Điều 26 khoản 1"),
    Param("same_round_links", True,
          "Danh hiệu của năm xét chưa có quyết định nhưng đủ tiêu chuẩn được tính là mắt xích cuối của chuỗi "
          "(xét cùng đợt)", "Luật TĐKT 2022 Điều 22, 73, 74 (cách tổ chức xét do bộ, ngành, tỉnh quyết định)",
          province_may_detail=True),
    Param("standard_not_encoded", None, "Tiêu chuẩn chưa được đối chiếu văn bản (điều luật chưa đọc được)",
          "shared/domain/legal-rules.md §3.2, §3.5, §8", unconfirmed=True),
    Param("cstd_cs_max_share_of_ldtt", None, "Tỷ lệ tối đa CSTĐCS trên số LĐTT (không giới hạn theo luật 2022)",
          "Luật TĐKT 2022 Điều 23 (bỏ mức 15% của NĐ 91/2017); ngành, tỉnh có thể quy định", province_may_detail=True),
)


def _vn2022_standards():
    return MappingProxyType(S.STANDARDS_VN2022)


VN2024_ND98 = RuleSet(
    code="VN-2022/98",
    title="VN-2022 (Luật 06/2022/QH15; NĐ 98/2023/NĐ-CP)",
    valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2025, 6, 30),
    params=VN2022_PARAMS, standards=_vn2022_standards(),
)

VN2022 = RuleSet(
    code="VN-2022",
    title="VN-2022 (Luật 06/2022/QH15; NĐ 152/2025/NĐ-CP)",
    valid_from=dt.date(2025, 7, 1), valid_to=dt.date(2026, 9, 30),
    params=VN2022_PARAMS, standards=_vn2022_standards(),
)

# Luật 06/2026/QH16 amends the law from 01/10/2026 (dossiers received before then follow the old
# law). Its text has not been read: the set keeps the 2022 standards and every verdict says so.
VN2026 = RuleSet(
    code="VN-2026",
    title="VN-2026 (Luật 06/2022/QH15 sửa đổi bởi Luật 06/2026/QH16; NĐ 152/2025/NĐ-CP)",
    valid_from=dt.date(2026, 10, 1), valid_to=None,
    params=VN2022_PARAMS, standards=_vn2022_standards(),
    set_unverified=("luat_06_2026_qh16",),
)

RULE_SETS: tuple[RuleSet, ...] = (VN2024_ND98, VN2022, VN2026)

UNVERIFIED_SET_NOTES = {
    "luat_06_2026_qh16": "Luật 06/2026/QH16 (hiệu lực 01/10/2026) chưa được đối chiếu văn bản chính thức; "
                         "tiêu chuẩn đang áp dụng theo Luật 06/2022/QH15",
}


def rule_set_for(day: dt.date, sets: tuple[RuleSet, ...] = RULE_SETS) -> RuleSet:
    from .case import CaseError

    for rule_set in sets:
        if rule_set.applies_on(day):
            return rule_set
    raise CaseError("proposal_date", f"không có bộ quy tắc cho ngày đề nghị {day:%d/%m/%Y} "
                                     "(hệ thống áp dụng Luật TĐKT 2022, có hiệu lực từ 01/01/2024)")


# Provincial details used as examples and in tests: Bắc Ninh QĐ 86/2025/QĐ-UBND.
BAC_NINH_2025 = {"ttldtt_ldtt_share": 0.7, "ttldtt_ldtt_share_strict": False}
BAC_NINH_2025_SOURCE = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh"
