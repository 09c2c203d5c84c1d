"""Principles that cut across every award (legal-rules.md §3.7, §7.2; NĐ 152/2025/NĐ-CP Điều 4):
no ladder (R1), thematic and ad-hoc awards are no basis (R3), discipline and open reviews (R4),
maternity leave as working time (R5), one initiative used once, the rule set chosen by the proposal
date, a province's detail of the parameters, the forecast of the next eligible year, judgement checks
and claimed grounds."""
import pytest

from tdkt.rules import CaseError, evaluate
from tdkt.rules.rulesets import BAC_NINH_2025, BAC_NINH_2025_SOURCE, RULE_SETS, VN2022

from .cases import (
    BAC_NINH,
    BAC_NINH_SOURCE,
    ND98_UNVERIFIED,
    VN2022_98,
    VN2022_152,
    Row,
    case,
    collective,
    held,
    ini,
    members,
    params,
    rated,
    verify,
)

L = "Luật TĐKT 2022"
ND152 = "NĐ 152/2025/NĐ-CP"
R1, R3, R4, R5 = (f"{ND152} Điều 4 ({r})" for r in ("R1", "R3", "R4", "R5"))
VN2026 = "VN-2026 (Luật 06/2022/QH15 sửa đổi bởi Luật 06/2026/QH16; NĐ 152/2025/NĐ-CP)"


def ldtt(**extra):
    return case("LDTT", ratings=extra.pop("ratings", rated("good", 2025)), **extra)


def cstd_tinh(cs_years=(2023, 2024, 2025), **extra):
    extra.setdefault("initiatives", [ini(2025, "province")])
    return case("CSTD_TINH", ratings=rated("excellent", *range(2020, 2026)), awards=held("CSTD_CS", *cs_years), **extra)


NO_LADDER = [
    Row("r1-cstd-cs-needs-no-ldtt-award-on-record", case("CSTD_CS", ratings=rated("excellent", 2025)), True, R1,
        checks={"meets_ldtt": True}, messages={"meets_ldtt": "(đang xét cùng đợt)"}),
    Row("r1-bk-tinh-needs-no-giay-khen",
        case("BK_TINH", ratings=rated("excellent", 2024, 2025), initiatives=[ini(2024), ini(2025)]), True, R1,
        checks={"bk_tinh_point_d": True}),
    Row("r1-cstd-tinh-needs-no-bang-khen", cstd_tinh(), True, R1, checks={"consecutive_cstd_cs": True}),
    Row("r1-chain-only-where-the-article-names-it", case("HCLD_3", ratings=rated("excellent", *range(2015, 2026)),
                                                         awards=held("CSTD_CS", *range(2015, 2026))),
        False, f"{R1}; {L} Điều 44 khoản 1 điểm e (điều luật nêu Bằng khen Thủ tướng)",
        checks={"hcld3_point_e": False}, messages={"hcld3_point_e": "Chưa có Bằng khen của Thủ tướng Chính phủ"}),
]

NOT_A_BASIS = [
    Row("r3-thematic-cstd-cs-offered-for-cstd-tinh",
        case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025),
             awards=held("CSTD_CS", 2023, 2024, 2025, kind="thematic"), initiatives=[ini(2025, "province")]),
        False, R3, checks={"consecutive_cstd_cs": False}, next_year=2027,
        messages={"consecutive_cstd_cs": "không tính Chiến sĩ thi đua cơ sở năm 2023 (chuyên đề), 2024 (chuyên đề), "
                                         "2025 (chuyên đề) vì khen chuyên đề, đột xuất không làm căn cứ (NĐ 152/2025/NĐ-CP Điều 4)"}),
    Row("r3-thematic-cstd-cs-breaks-the-chain",
        case("CSTD_TINH", ratings=rated("excellent", 2023, 2025, y2024="good"),
             awards=held("CSTD_CS", 2023, 2025) + held("CSTD_CS", 2024, kind="thematic"),
             initiatives=[ini(2025, "province")]),
        False, R3, checks={"consecutive_cstd_cs": False},
        messages={"consecutive_cstd_cs": "không tính Chiến sĩ thi đua cơ sở năm 2024 (chuyên đề)"}),
    Row("r3-ad-hoc-bk-tinh-offered-for-bk-ttg",
        case("BK_TTG", ratings=rated("good", *range(2020, 2026)),
             awards=held("BK_TINH", 2020, kind="ad_hoc") + held("CSTD_CS", 2021, 2023, 2025)),
        False, R3, checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "không tính Bằng khen của bộ, ban, ngành, tỉnh năm 2020 (đột xuất) vì khen "
                                    "chuyên đề, đột xuất không làm căn cứ (NĐ 152/2025/NĐ-CP Điều 4)"},
        next_year=None),
    Row("r3-regular-bk-tinh-beside-a-thematic-one",
        case("BK_TTG", ratings=rated("good", *range(2020, 2026)),
             awards=held("BK_TINH", 2020) + held("BK_TINH", 2023, kind="thematic") + held("CSTD_CS", 2021, 2023, 2025)),
        True, R3, checks={"bk_ttg_point_b": True}, messages={"bk_ttg_point_b": "Bằng khen tỉnh năm 2020"}),
]

DISCIPLINE = [
    Row("r4-under-review-blocks", ldtt(under_review=True), False, R4,
        checks={"no_open_review": False, "rating_good": True},
        messages={"no_open_review": "Đang xem xét kỷ luật hoặc đang thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo"},
        next_year=None),
    Row("r4-discipline-in-force-at-proposal-date",
        ldtt(discipline=[{"from": "2025-06-01", "to": "2026-05-31", "level": "reprimand"}]), False, R4,
        checks={"discipline_period": False},
        messages={"discipline_period": "Đang trong thời hạn kỷ luật (từ 01/06/2025 đến 31/05/2026)"}, next_year=2027),
    Row("r4-discipline-without-end-date",
        ldtt(discipline=[{"from": "2025-06-01", "level": "warning"}]), False, R4,
        checks={"discipline_period": False}, messages={"discipline_period": "chưa xác định ngày kết thúc"},
        next_year=None),
    Row("r4-discipline-in-force-for-an-earlier-year",
        ldtt(year=2024, proposal_date="2025-02-10", ratings=rated("good", 2024),
             discipline=[{"from": "2025-01-15", "to": "2025-07-14", "level": "reprimand"}]),
        False, R4, checks={"discipline_period": False}, messages={"discipline_period": "Đang trong thời hạn kỷ luật"},
        rule_set=VN2022_98),
    Row("r4-discipline-ended-during-the-year",
        ldtt(discipline=[{"from": "2024-06-01", "to": "2025-05-31", "level": "reprimand"}]), False, R4,
        checks={"discipline_period": False},
        messages={"discipline_period": "Năm 2025 chưa được tính thành tích: kỷ luật kết thúc năm 2025, thành tích "
                                       "chỉ tính từ năm 2026"},
        next_year=2026),
    Row("r4-discipline-ended-31-december",
        ldtt(discipline=[{"from": "2024-01-01", "to": "2024-12-31", "level": "reprimand"}]), True, R4,
        checks={"discipline_period": True},
        messages={"discipline_period": "Đã hết thời hạn kỷ luật; thành tích tính từ năm 2025"}),
    Row("r4-discipline-overlapping-a-chain",
        cstd_tinh(cs_years=(2022, 2023, 2024), discipline=[{"from": "2023-03-01", "to": "2023-09-30",
                                                            "level": "reprimand"}]),
        False, R4, checks={"discipline_period": True, "consecutive_cstd_cs": False},
        messages={"consecutive_cstd_cs": "Chỉ có 2 lần liên tục đạt Chiến sĩ thi đua cơ sở đến năm 2025 (2024, 2025: "
                                         "năm 2024 đã có quyết định; năm 2025 đủ tiêu chuẩn, đang xét cùng đợt), "
                                         "cần 3 lần; thành tích chỉ tính từ năm 2024 (sau khi hết thời hạn kỷ luật)"},
        next_year=2026),
    Row("r4-discipline-before-the-chain",
        cstd_tinh(discipline=[{"from": "2021-04-01", "to": "2022-03-31", "level": "reprimand"}]), True, R4,
        checks={"consecutive_cstd_cs": True}),
    Row("r4-discipline-overlapping-bk-tinh-years",
        case("BK_TINH", ratings=rated("excellent", 2024, 2025), awards=held("CSTD_CS", 2024, 2025),
             initiatives=[ini(2024), ini(2025)], discipline=[{"from": "2024-02-01", "to": "2024-07-31"}]),
        False, R4, checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": "thành tích chỉ tính từ năm 2025"}, next_year=2026),
]

WORKING_TIME = [
    Row("r5-maternity-leave-counts",
        ldtt(subject={"gender": "female", "absences": [{"from": "2025-01-01", "to": "2025-08-31", "kind": "maternity"}]}),
        True, R5, checks={"service_time": True},
        messages={"service_time": "12 tháng (kể cả thời gian nghỉ thai sản)"}, unverified=["service_time"]),
    Row("r5-unpaid-leave-does-not-count",
        ldtt(subject={"absences": [{"from": "2025-01-01", "to": "2025-08-31", "kind": "leave"}]}), False,
        "TT 01/2024/TT-BNV (nghỉ không lương không tính thời gian công tác)", checks={"service_time": False},
        messages={"service_time": "Thời gian công tác năm 2025 chỉ 4 tháng: cần từ 6 tháng trở lên"}, next_year=2026),
    Row("r5-training-counts",
        ldtt(subject={"absences": [{"from": "2025-02-01", "to": "2025-09-30", "kind": "training"}]}), True,
        "TT 01/2024/TT-BNV (thời gian đi học dưới 1 năm được tính)", checks={"service_time": True}),
    Row("r5-maternity-for-a-recruit-of-april",
        ldtt(subject={"gender": "female", "hired_on": "2025-04-01",
                      "absences": [{"from": "2025-06-01", "to": "2025-11-30", "kind": "maternity"}]}),
        True, R5, checks={"service_time": True}, messages={"service_time": "9 tháng"}),
    Row("r5-maternity-for-cstd-cs-same-round",
        case("CSTD_CS", ratings=rated("excellent", 2025),
             subject={"gender": "female", "absences": [{"from": "2025-03-01", "to": "2025-10-31", "kind": "maternity"}]}),
        True, R5, checks={"meets_ldtt": True}, unverified=["meets_ldtt"]),
]

ONE_INITIATIVE_ONCE = [
    Row("initiative-of-a-commendation-cannot-serve-a-title",
        case("CSTD_CS", ratings=rated("good", 2025), initiatives=[ini(2025, used_for="GK")]), False,
        "CV 5007/BNV-TĐKT 2023 mục III.5.c", checks={"initiative_unit": False},
        messages={"initiative_unit": "chưa dùng làm căn cứ"}),
    Row("initiative-of-a-title-cannot-serve-a-commendation",
        case("BK_TINH", ratings=rated("excellent", 2024, 2025),
             initiatives=[ini(2024, used_for="LDTT"), ini(2025)]), False,
        "CV 5007/BNV-TĐKT 2023 mục III.5.c", checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": "Có 1 sáng kiến, đề tài chưa dùng làm căn cứ"}),
    Row("initiative-of-a-lower-title-reused-for-a-higher-one",
        cstd_tinh(initiatives=[ini(2024, "province", used_for="CSTD_CS")]), True,
        "CV 5007/BNV-TĐKT 2023 mục III.5.c (dùng lại cho danh hiệu cao hơn: chưa rõ, cần xác minh)",
        checks={"initiative_province": True}, unverified=["initiative_province"]),
    Row("initiative-of-the-same-title-not-reused",
        cstd_tinh(initiatives=[ini(2025, "province", used_for="CSTD_TINH")]), False,
        "CV 5007/BNV-TĐKT 2023 mục III.5.c", checks={"initiative_province": False}, unverified=[]),
    Row("unused-initiative-needs-no-caveat", cstd_tinh(), True, "CV 5007/BNV-TĐKT 2023 mục III.5.c",
        checks={"initiative_province": True}, unverified=[]),
]

RULE_SET_BY_DATE = [
    Row("rule-set-first-day-of-the-2022-law", ldtt(year=2023, proposal_date="2024-01-01",
                                                   ratings=rated("good", 2023)),
        True, "Luật 06/2022/QH15 (hiệu lực 01/01/2024); NĐ 98/2023/NĐ-CP", rule_set=VN2022_98),
    Row("rule-set-last-day-of-nd-98", ldtt(proposal_date="2025-06-30"), True,
        "NĐ 152/2025/NĐ-CP Điều 59 (bãi bỏ NĐ 98/2023 từ 01/7/2025)", rule_set="NĐ 98/2023",
        unverified=ND98_UNVERIFIED + ["service_time"]),
    Row("rule-set-first-day-of-nd-152", ldtt(proposal_date="2025-07-01"), True, "NĐ 152/2025/NĐ-CP (hiệu lực 01/7/2025)",
        rule_set=VN2022_152),
    Row("rule-set-last-day-before-the-2026-amendment", ldtt(year=2026, proposal_date="2026-09-30",
                                                            ratings=rated("good", 2026)),
        True, "Luật 06/2026/QH16 (hồ sơ nhận trước 01/10/2026 theo luật cũ)", rule_set=VN2022_152,
        unverified=["service_time"]),
    Row("rule-set-amended-law-from-1-october-2026", ldtt(year=2026, proposal_date="2026-10-01",
                                                         ratings=rated("good", 2026)),
        True, "Luật 06/2026/QH16 (hiệu lực 01/10/2026, nội dung chưa đối chiếu)", rule_set=VN2026,
        unverified=["service_time", "luat_06_2026_qh16"]),
    Row("rule-set-without-proposal-date-is-31-december", ldtt(year=2026, proposal_date=None,
                                                              ratings=rated("good", 2026)),
        True, "shared/domain/award-codes.md (không có ngày đề nghị: ngày cuối năm thành tích)", rule_set=VN2026),
]

PROVINCE = [
    Row("province-national-default-accepts-11-of-20",
        collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=11)), True,
        f"{L} Điều 28 (tỷ lệ trên 50%, cần xác minh)", checks={"ldtt_share": True},
        unverified=["ldtt_share", "no_member_warning"], rule_set=VN2022_152),
    Row("province-bac-ninh-refuses-11-of-20",
        collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=11)), False,
        "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh Điều 4 khoản 2 (từ 70%)", checks={"ldtt_share": False},
        messages={"ldtt_share": "cần từ 70% (ít nhất 14 người, thiếu 3)"}, unverified=["no_member_warning"],
        rule_set=f"{VN2022_152}; {BAC_NINH_SOURCE}", overrides=BAC_NINH, override_source=BAC_NINH_SOURCE),
    Row("province-half-inclusive-accepts-10-of-20",
        collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=10)), True,
        f"{L} Điều 28 khoản 3 (bộ, ngành, tỉnh quy định chi tiết)", checks={"ldtt_share": True},
        messages={"ldtt_share": "đạt tỷ lệ từ 50%"}, unverified=["no_member_warning"],
        overrides={"ttldtt_ldtt_share": 0.5, "ttldtt_ldtt_share_strict": False}, override_source="QĐ của tỉnh"),
    Row("province-drops-the-member-discipline-condition",
        collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=15, disciplined_warning_or_above=2)),
        True, f"{L} Điều 28 khoản 3", checks={"no_member_warning": True},
        messages={"no_member_warning": "Tỉnh không quy định điều kiện về kỷ luật của thành viên"},
        unverified=["ldtt_share"], overrides={"ttldtt_no_member_warning": False}, override_source="QĐ của tỉnh"),
]

FORECAST = [
    Row("forecast-cstd-tinh-one-year-short", cstd_tinh(cs_years=(2024, 2025)), False,
        f"{L} Điều 22 khoản 1 điểm a", next_year=2026),
    Row("forecast-cstd-tinh-gap", cstd_tinh(cs_years=(2021, 2022, 2023, 2025)), False,
        f"{L} Điều 22 khoản 1 điểm a", next_year=2027),
    Row("forecast-bk-ttg-two-years-short",
        case("BK_TTG", ratings=rated("good", 2023, 2024, y2025="excellent"),
             awards=held("BK_TINH", 2022) + held("CSTD_CS", 2023, 2024)),
        False, f"{L} Điều 73 khoản 1 điểm b", next_year=2027),
    Row("forecast-hcld3-one-year-short",
        case("HCLD_3", ratings=rated("excellent", 2022, 2023, 2024, 2025),
             awards=held("BK_TTG", 2021) + held("CSTD_CS", 2022, 2023, 2024)),
        False, f"{L} Điều 44 khoản 1 điểm e", next_year=2026),
    Row("forecast-cstd-tq-second-tinh-next-year",
        case("CSTD_TQ", 2024, ratings=rated("excellent", *range(2020, 2025)),
             awards=held("CSTD_CS", *range(2020, 2025)) + held("CSTD_TINH", 2022), initiatives=[ini(2024, "national")]),
        False, f"{L} Điều 21 điểm a", next_year=2025),
    Row("forecast-none-while-under-review", cstd_tinh(cs_years=(2024, 2025), under_review=True), False, R4,
        next_year=None),
    Row("forecast-none-when-no-record-can-change-it", case("CSTT", ratings=rated("good", 2025)), False,
        f"{L} Điều 24; Điều 80 khoản 5", next_year=None),
    Row("forecast-none-when-eligible", cstd_tinh(), True, f"{L} Điều 22 khoản 1", next_year=None),
]

JUDGEMENT_AND_CLAIMS = [
    Row("judgement-checks-pending-do-not-block", ldtt(), True, f"{L} Điều 24 khoản 1 điểm b",
        checks={"ldtt_ethics": None}, messages={"ldtt_ethics": "Cần Hội đồng đánh giá: có tinh thần tự lực"}),
    Row("judgement-outstanding-pending-for-cstd-tinh", cstd_tinh(), True, f"{L} Điều 22 khoản 1 điểm a",
        checks={"outstanding": None},
        messages={"outstanding": "tiêu biểu xuất sắc trong số những người đủ điều kiện"}),
    Row("judgement-does-not-rescue-a-failed-check", collective("TTLDXS", ratings=rated("good", 2025),
                                                              members=members(10, completed=10, ldtt=8, cstd_cs=1)),
        False, f"{L} Điều 27 khoản 1", checks={"movement": None, "united": None, "collective_excellent": False}),
    Row("claim-makes-the-article-pending", collective("GK", ratings=rated("good", 2025),
                                                      claims=["outstanding_in_movement"]),
        True, "shared/domain/award-codes.md (căn cứ đơn vị nêu: chờ Hội đồng); Luật TĐKT 2022 Điều 75 khoản 2",
        checks={"gk_ground": None, "outstanding_in_movement": None, "ad_hoc_achievement": False}),
    Row("unclaimed-ground-is-never-assumed", collective("GK", ratings=rated("good", 2025)), False,
        "shared/domain/award-codes.md (căn cứ không nêu thì không giả định)",
        checks={"gk_ground": False, "outstanding_in_movement": False},
        messages={"gk_ground": "chưa đạt điểm nào"}),
    Row("claim-of-another-article-does-not-count", collective("GK", ratings=rated("good", 2025),
                                                              claims=["wide_influence"]),
        False, "shared/domain/award-codes.md; Luật TĐKT 2022 Điều 75 khoản 2", checks={"gk_ground": False}),
    Row("record-beats-a-claim", case("BK_TINH", ratings=rated("excellent", 2024, 2025),
                                     initiatives=[ini(2024), ini(2025)], claims=["ad_hoc_achievement"]),
        True, f"{L} Điều 74 khoản 1", checks={"bk_tinh_ground": True, "ad_hoc_achievement": None}),
]


@pytest.mark.parametrize("row", params(NO_LADDER))
def test_r1_no_ladder(row):
    verify(row)


@pytest.mark.parametrize("row", params(NOT_A_BASIS))
def test_r3_thematic_and_ad_hoc_are_no_basis(row):
    verify(row)


@pytest.mark.parametrize("row", params(DISCIPLINE))
def test_r4_discipline_and_reviews(row):
    verify(row)


@pytest.mark.parametrize("row", params(WORKING_TIME))
def test_r5_working_time(row):
    verify(row)


@pytest.mark.parametrize("row", params(ONE_INITIATIVE_ONCE))
def test_one_initiative_serves_once(row):
    verify(row)


@pytest.mark.parametrize("row", params(RULE_SET_BY_DATE))
def test_rule_set_by_proposal_date(row):
    verify(row)


@pytest.mark.parametrize("row", params(PROVINCE))
def test_province_detail(row):
    verify(row)


@pytest.mark.parametrize("row", params(FORECAST))
def test_next_eligible_year(row):
    verify(row)


@pytest.mark.parametrize("row", params(JUDGEMENT_AND_CLAIMS))
def test_judgement_and_claims(row):
    verify(row)


# --- what is not a row: errors and the notes behind `unverified` ------------------------------------

@pytest.mark.parametrize("proposal_date", ["2023-12-31", "2020-06-01"])
def test_no_rule_set_before_the_2022_law(proposal_date):
    with pytest.raises(CaseError) as err:
        evaluate(case("LDTT", 2020, proposal_date=proposal_date, ratings=rated("good", 2020)))
    assert err.value.field == "proposal_date"
    assert "không có bộ quy tắc cho ngày đề nghị" in err.value.message
    assert "có hiệu lực từ 01/01/2024" in err.value.message


@pytest.mark.parametrize("name, value, text", [
    ("cstd_tinh_chain", 2, "tham số này do luật quy định, tỉnh không được quy định lại"),
    ("ttldxs_ldtt_share", 0.5, "tham số này do luật quy định, tỉnh không được quy định lại"),
    ("no_such_parameter", 1, "tham số không tồn tại trong bộ quy tắc"),
])
def test_province_may_only_detail_what_the_law_delegates(name, value, text):
    with pytest.raises(CaseError) as err:
        evaluate(cstd_tinh(), overrides={name: value}, override_source="QĐ của tỉnh")
    assert err.value.field == f"overrides.{name}"
    assert text in err.value.message


def test_override_leaves_the_national_rule_set_untouched():
    raw = collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=11))
    assert evaluate(raw, overrides=BAC_NINH_2025, override_source=BAC_NINH_2025_SOURCE)["eligible"] is False
    again = evaluate(raw)
    assert again["eligible"] is True and again["rule_set"] == VN2022_152
    assert VN2022.value("ttldtt_ldtt_share") == 0.5 and VN2022.params["ttldtt_ldtt_share"].unconfirmed
    assert all(rs.params["ttldtt_ldtt_share"].value == 0.5 for rs in RULE_SETS)


def test_override_without_source_is_named_as_provincial():
    verdict = evaluate(collective("TTLDTT", ratings=rated("good", 2025), members=members(20, ldtt=14)),
                       overrides=BAC_NINH)
    assert verdict["rule_set"] == f"{VN2022_152}; quy định của tỉnh"
    assert "ldtt_share" not in verdict["unverified"]


def test_unverified_notes_name_the_parameter_and_its_source():
    verdict = evaluate(cstd_tinh(initiatives=[ini(2024, "province", used_for="CSTD_CS")]))
    assert verdict["unverified"] == ["initiative_province"]
    (note,) = verdict["unverified_notes"]
    assert note["parameter"] == "initiative_reuse_higher_title"
    assert "CV 5007/BNV-TĐKT" in note["basis"] and "cần xác minh" in note["basis"]
    assert "dùng lại cho danh hiệu cao hơn" in note["label"]


def test_amended_law_note_is_carried_by_every_verdict_of_its_rule_set():
    for _award, raw in [("LDTT", ldtt(year=2026, proposal_date="2026-11-02", ratings=rated("good", 2026))),
                       ("GK", collective("GK", 2026, proposal_date="2026-11-02", ratings=rated("good", 2026)))]:
        verdict = evaluate(raw)
        assert verdict["rule_set"] == VN2026
        assert "luat_06_2026_qh16" in verdict["unverified"]
        note = next(n for n in verdict["unverified_notes"] if n["check"] == "luat_06_2026_qh16")
        assert "Luật 06/2026/QH16 (hiệu lực 01/10/2026) chưa được đối chiếu" in note["label"]


def test_same_round_link_reports_the_unconfirmed_service_time_rule():
    """CSTĐCS met in the same round rests on LĐTT's standard, whose 6-month rule is UNCONFIRMED."""
    verdict = evaluate(case("CSTD_CS", ratings=rated("excellent", 2025)))
    assert verdict["unverified"] == ["meets_ldtt"]
    assert [n["parameter"] for n in verdict["unverified_notes"]] == ["ldtt_min_service_months"]
    on_record = evaluate(case("CSTD_CS", ratings=rated("excellent", 2025), awards=held("LDTT", 2025)))
    assert on_record["unverified"] == [] and "unverified_notes" not in on_record
