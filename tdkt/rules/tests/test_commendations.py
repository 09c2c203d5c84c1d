"""Forms of commendation: Giấy khen, Bằng khen tỉnh, Bằng khen Thủ tướng, Huân chương Lao động hạng Ba
(công trạng and quá trình cống hiến) (legal-rules.md §3.2–3.5, §3.7; Luật TĐKT 2022 Điều 44, 73–75;
NĐ 152/2025/NĐ-CP Điều 4, 9, 21)."""
import pytest

from .cases import ND98_UNVERIFIED, VN2022_98, Row, case, collective, held, household, ini, params, rated, verify

L = "Luật TĐKT 2022"
ND152 = "NĐ 152/2025/NĐ-CP"

GIAY_KHEN = [
    Row("gk-individual-outstanding-claimed", case("GK", ratings=rated("good", 2025), claims=["outstanding_in_movement"]),
        True, f"{L} Điều 75 khoản 2; QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 3",
        checks={"gk_rating": True, "gk_ground": None, "outstanding_in_movement": None, "exemplary": None},
        messages={"gk_ground": "Đơn vị đề nghị nêu: tiêu biểu xuất sắc trong phong trào thi đua"},
        unverified=[], next_year=None),
    Row("gk-individual-no-ground-claimed", case("GK", ratings=rated("excellent", 2025)), False,
        f"{L} Điều 75 khoản 2", checks={"gk_rating": True, "gk_ground": False, "ad_hoc_achievement": False},
        messages={"gk_ground": "chưa đạt điểm nào — Không nêu căn cứ: tiêu biểu xuất sắc trong phong trào thi đua"},
        next_year=None),
    Row("gk-individual-completed-only", case("GK", ratings=rated("completed", 2025), claims=["ad_hoc_achievement"]),
        False, f"{L} Điều 75 khoản 2 (mức tối thiểu: hoàn thành tốt nhiệm vụ)",
        checks={"gk_rating": False, "gk_ground": None},
        messages={"gk_rating": "Năm 2025 hoàn thành nhiệm vụ: cần hoàn thành tốt nhiệm vụ trở lên"}),
    Row("gk-individual-province-lowers-rating",
        case("GK", ratings=rated("completed", 2025), claims=["ad_hoc_achievement"]), True,
        f"{L} Điều 75 khoản 2 (bộ, ngành, tỉnh quy định chi tiết)", checks={"gk_rating": True},
        rule_set="; QĐ của tỉnh (ví dụ)", overrides={"gk_min_rating": "completed"},
        override_source="QĐ của tỉnh (ví dụ)"),
    Row("gk-collective-ad-hoc-claimed",
        collective("GK", ratings=rated("good", 2025), claims=["ad_hoc_achievement"]), True, f"{L} Điều 75 khoản 2",
        checks={"gk_rating": True, "gk_ground": None, "united": None}),
    Row("gk-collective-without-rating", collective("GK", claims=["ad_hoc_achievement"]), False,
        f"{L} Điều 75 khoản 2", checks={"gk_rating": False}, messages={"gk_rating": "Năm 2025 chưa có xếp loại"}),
    Row("gk-household-three-gdvh-years",
        household("GK", awards=held("GD_VAN_HOA", 2023, 2024, 2025)), True,
        "NĐ 86/2023/NĐ-CP; thực tiễn NĐ 122/2018/NĐ-CP (3 năm liên tục Gia đình văn hóa)",
        checks={"gk_ground": True, "gdvh_years": True},
        messages={"gk_ground": "3 năm liên tục đạt Gia đình văn hóa (2023, 2024, 2025)"},
        unverified=["gk_ground"]),
    Row("gk-household-gap-in-gdvh-years",
        household("GK", awards=held("GD_VAN_HOA", 2022, 2024, 2025)), False,
        "NĐ 86/2023/NĐ-CP; thực tiễn NĐ 122/2018/NĐ-CP", checks={"gdvh_years": False},
        messages={"gdvh_years": "Chỉ 2 năm liên tục đạt Gia đình văn hóa đến năm 2025, cần 3 năm"},
        unverified=["gk_ground"], next_year=2026),
    Row("gk-household-period-already-rewarded",
        household("GK", 2024, awards=held("GD_VAN_HOA", 2020, 2021, 2022, 2023, 2024) + held("GK", 2022)), False,
        "thực tiễn NĐ 122/2018/NĐ-CP (không dùng lại thời gian 3 năm đã khen)", checks={"gdvh_years": False},
        messages={"gdvh_years": "Chỉ 2 năm liên tục"}, rule_set=VN2022_98, next_year=2025),
    Row("gk-household-assets-claimed", household("GK", claims=["contribution_of_assets"]), True,
        f"{L} Điều 75 khoản 2; QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 3",
        checks={"gk_ground": None, "contribution_of_assets": None, "gdvh_years": False}),
]

BK_TINH = [
    Row("bk-tinh-bnv-example-two-htxs-years-two-initiatives",
        case("BK_TINH", 2024, ratings=rated("excellent", 2023, 2024), awards=held("CSTD_CS", 2024),
             initiatives=[ini(2023), ini(2024)]),
        True, f"{L} Điều 74 khoản 1 điểm d (ví dụ của Bộ Nội vụ)",
        checks={"bk_tinh_ground": True, "bk_tinh_point_d": True, "exemplary": None},
        messages={"bk_tinh_point_d": "2 năm liên tục hoàn thành xuất sắc nhiệm vụ (2023, 2024); Có 2 sáng kiến"},
        rule_set=VN2022_98, unverified=ND98_UNVERIFIED, next_year=None),
    Row("bk-tinh-two-cstd-cs-two-research-works",
        case("BK_TINH", ratings=rated("good", 2024, 2025), awards=held("CSTD_CS", 2024, 2025),
             initiatives=[ini(2024, kind="research"), ini(2025, kind="research")]),
        True, f"{L} Điều 74 khoản 1 điểm d", checks={"bk_tinh_point_d": True},
        messages={"bk_tinh_point_d": "2 lần liên tục Chiến sĩ thi đua cơ sở (2024, 2025, đã có quyết định)"}),
    Row("bk-tinh-second-cstd-cs-not-yet-conferred",
        case("BK_TINH", ratings=rated("good", 2024, y2025="excellent"), awards=held("CSTD_CS", 2024),
             initiatives=[ini(2024), ini(2025)]),
        False, f"{L} Điều 74 khoản 1 điểm d (CSTĐCS đã được tặng; Bằng khen tỉnh không xét cùng đợt với CSTĐCS)",
        checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": "CSTĐ cơ sở năm 2025 đủ tiêu chuẩn nhưng chưa có quyết định: không tính"}),
    Row("bk-tinh-only-one-initiative",
        case("BK_TINH", ratings=rated("excellent", 2024, 2025), initiatives=[ini(2025)]), False,
        f"{L} Điều 74 khoản 1 điểm d", checks={"bk_tinh_point_d": False, "bk_tinh_ground": False},
        messages={"bk_tinh_point_d": "Có 1 sáng kiến, đề tài chưa dùng làm căn cứ trong các năm 2024, 2025, cần 2"},
        next_year=2026),
    Row("bk-tinh-gap-in-htxs-years",
        case("BK_TINH", ratings=rated("excellent", 2023, 2025, y2024="good"), initiatives=[ini(2024), ini(2025)]),
        False, f"{L} Điều 74 khoản 1 điểm d", checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": "Chưa có 2 lần liên tục CSTĐ cơ sở hoặc 2 năm liên tục hoàn thành xuất sắc nhiệm vụ đến năm 2025"},
        next_year=2026),
    Row("bk-tinh-initiatives-already-used-for-titles",
        case("BK_TINH", ratings=rated("excellent", 2024, 2025),
             initiatives=[ini(2024, used_for="CSTD_CS"), ini(2025, used_for="CSTD_CS")]),
        False, "CV 5007/BNV-TĐKT 2023 mục III.5.c (sáng kiến đã dùng cho danh hiệu không dùng cho hình thức khen)",
        checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": "Có 0 sáng kiến, đề tài chưa dùng làm căn cứ"}),
    Row("bk-tinh-years-before-last-bk-tinh-not-reused",
        case("BK_TINH", ratings=rated("excellent", 2023, 2024, 2025), awards=held("BK_TINH", 2024),
             initiatives=[ini(2024), ini(2025)]),
        False, f"{L} Điều 5; Điều 74 khoản 1 điểm d", checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": "đã được tặng Bằng khen tỉnh năm 2024, các năm trước đó không tính lại"}),
    Row("bk-tinh-socio-economic-contribution-claimed",
        case("BK_TINH", ratings=rated("good", 2025), claims=["socio_economic_contribution"]), True,
        f"{L} Điều 74 khoản 1", checks={"bk_tinh_ground": None, "bk_tinh_point_d": False,
                                       "socio_economic_contribution": None}),
    Row("bk-tinh-collective-two-htxs-years", collective("BK_TINH", ratings=rated("excellent", 2024, 2025)), True,
        "QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3 khoản 3 điểm c; Luật TĐKT 2022 Điều 74",
        checks={"bk_tinh_ground": True, "collective_two_years": True, "grassroots_democracy": None},
        messages={"collective_two_years": "(2024, 2025)"}),
    Row("bk-tinh-collective-ttldxs-then-htxs",
        collective("BK_TINH", ratings=rated("good", 2024, y2025="excellent"), awards=held("TTLDXS", 2024)), True,
        "QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3 khoản 3 điểm c", checks={"collective_two_years": True}),
    Row("bk-tinh-collective-one-year-short", collective("BK_TINH", ratings=rated("good", 2024, y2025="excellent")),
        False, "QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3 khoản 3 điểm c", checks={"collective_two_years": False},
        messages={"collective_two_years": "Chưa có 2 năm liên tục hoàn thành xuất sắc nhiệm vụ hoặc TTLĐXS đến năm 2025"},
        next_year=2026),
    Row("bk-tinh-household-assets-claimed", household("BK_TINH", claims=["contribution_of_assets"]), True,
        f"{L} Điều 74 khoản 3; QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 3 khoản 3 điểm d",
        checks={"bk_tinh_ground": None, "exemplary": None}),
    Row("bk-tinh-household-nothing-claimed", household("BK_TINH"), False, f"{L} Điều 74 khoản 3",
        checks={"bk_tinh_ground": False},
        messages={"bk_tinh_ground": "Không nêu căn cứ: đóng góp lớn công sức, đất đai, tài sản cho địa phương, xã hội"},
        next_year=None),
]


def bk_ttg(base_year=2020, good=range(2021, 2026), cs=(2021, 2023, 2025), base_kind="regular", **extra):
    awards = held("BK_TINH", base_year, kind=base_kind) + held("CSTD_CS", *cs)
    return case("BK_TTG", ratings=rated("good", *good), awards=awards + extra.pop("awards", []), **extra)


BK_TTG = [
    Row("bk-ttg-point-b", bk_ttg(), True, f"{L} Điều 73 khoản 1 điểm b",
        checks={"bk_ttg_ground": True, "bk_ttg_point_b": True},
        messages={"bk_ttg_point_b": "Bằng khen tỉnh năm 2020; sau đó 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên "
                                    "(2021, 2022, 2023, 2024, 2025), có 3 lần CSTĐ cơ sở (2021, 2023, 2025) "
                                    "đã có quyết định"},
        unverified=[], next_year=None),
    Row("bk-ttg-third-cstd-cs-not-yet-conferred",
        case("BK_TTG", ratings=rated("excellent", *range(2020, 2026)),
             awards=held("BK_TINH", 2020) + held("CSTD_CS", 2021, 2022)),
        False, f"{L} Điều 73 khoản 1 điểm b (3 lần được tặng CSTĐCS: đề nghị lên cấp trên chỉ tính danh hiệu đã có "
               "quyết định)", checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "cần 3 lần CSTĐ cơ sở, mới có 2; CSTĐ cơ sở năm 2025 đủ tiêu chuẩn nhưng chưa có "
                                    "quyết định: không tính"}, unverified=[]),
    Row("bk-ttg-window-one-year-short", bk_ttg(base_year=2021, good=range(2022, 2026), cs=(2022, 2023, 2025)),
        False, f"{L} Điều 73 khoản 1 điểm b", checks={"bk_ttg_point_b": False, "bk_ttg_ground": False},
        messages={"bk_ttg_point_b": "sau đó 4 năm liên tục hoàn thành tốt nhiệm vụ trở lên (2022, 2023, 2024, 2025): cần 5 năm"},
        next_year=2026),
    Row("bk-ttg-two-cstd-cs-only", bk_ttg(cs=(2021, 2023)), False, f"{L} Điều 73 khoản 1 điểm b",
        checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "cần 3 lần CSTĐ cơ sở, mới có 2"},
        next_year=None),  # 2025 is only "good" with no CSTĐCS: kept as it is, no third CSTĐCS follows
    Row("bk-ttg-completed-year-breaks-the-run",
        case("BK_TTG", ratings=rated("good", 2021, 2022, 2024, 2025, y2023="completed"),
             awards=held("BK_TINH", 2020) + held("CSTD_CS", 2021, 2022, 2024, 2025)),
        False, f"{L} Điều 73 khoản 1 điểm b", checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "sau đó 2 năm liên tục hoàn thành tốt nhiệm vụ trở lên (2024, 2025)"}),
    Row("bk-ttg-no-bk-tinh", case("BK_TTG", ratings=rated("good", *range(2018, 2026)),
                                  awards=held("CSTD_CS", 2021, 2023, 2025)),
        False, f"{L} Điều 73 khoản 1 điểm b", checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "Chưa có Bằng khen của bộ, ban, ngành, tỉnh (khen công trạng) làm căn cứ"},
        next_year=None),
    Row("bk-ttg-bk-tinh-was-thematic", bk_ttg(base_kind="thematic"), False, f"{ND152} Điều 4 (R3)",
        checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "không tính Bằng khen của bộ, ban, ngành, tỉnh năm 2020 (chuyên đề) vì khen chuyên đề, "
                                    "đột xuất không làm căn cứ"}),
    Row("bk-ttg-bk-tinh-already-used-for-earlier-bk-ttg",
        bk_ttg(base_year=2019, good=range(2019, 2026), cs=(2021, 2023, 2025), awards=held("BK_TTG", 2022)),
        False, f"{L} Điều 5; Điều 73 khoản 1 điểm b", checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "Chưa có Bằng khen của bộ, ban, ngành, tỉnh"}),
    Row("bk-ttg-discipline-inside-the-window",
        bk_ttg(base_year=2019, good=range(2019, 2026), cs=(2022, 2023, 2025),
               discipline=[{"from": "2021-03-01", "to": "2021-08-31", "level": "reprimand"}]),
        False, f"{ND152} Điều 4 (R4); {L} Điều 73 khoản 1 điểm b",
        checks={"discipline_period": True, "bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": "(2022, 2023, 2024, 2025): cần 5 năm; thành tích chỉ tính từ năm 2022"},
        next_year=2026),
    Row("bk-ttg-worker-production-model-claimed",
        case("BK_TTG", ratings=rated("good", 2025), subject={"direct_worker": True}, claims=["production_model"]),
        True, f"{L} Điều 73 khoản 2", checks={"bk_ttg_ground": None, "production_model": None, "bk_ttg_point_b": False},
        messages={"bk_ttg_ground": "có mô hình sản xuất hiệu quả, ổn định từ 2 năm trở lên"}),
    Row("bk-ttg-worker-high-value-initiative-claimed",
        case("BK_TTG", ratings=rated("good", 2025), subject={"direct_worker": True}, claims=["high_value_initiative"]),
        True, f"{L} Điều 73 khoản 2", checks={"high_value_initiative": None}),
    Row("bk-ttg-regional-prize-claimed", case("BK_TTG", claims=["regional_prize"]), True,
        f"{L} Điều 73 khoản 1 điểm c", checks={"regional_prize": None, "outstanding_in_movement": False}),
    Row("bk-ttg-collective-standard-not-encoded", collective("BK_TTG", ratings=rated("excellent", 2025)), True,
        "legal-rules.md §3.2 (Điều 73 cho tập thể chưa đối chiếu được)", checks={"standard_not_encoded": None},
        messages={"standard_not_encoded": "chưa được đối chiếu văn bản chính thức"},
        unverified=["standard_not_encoded"]),
]


def hcld3(base_year=2020, good=range(2021, 2026), excellent=(2024,), cs=(2021, 2023, 2024), base_kind="regular",
          **extra):
    ratings = rated("good", *good)
    ratings.update(rated("excellent", *excellent))
    return case("HCLD_3", ratings=ratings, awards=held("BK_TTG", base_year, kind=base_kind) + held("CSTD_CS", *cs),
                **extra)


def career(posts, gender="male", retiring_on="2026-01-01", **extra):
    subject = {"gender": gender, "posts": [{"level": lv, "from": f, "to": t} for lv, f, t in posts]}
    if retiring_on:
        subject["retiring_on"] = retiring_on
    subject.update(extra.pop("subject", {}))
    return case("HCLD_3", proposal_kind="career", subject=subject, **extra)


DIRECTOR_4_5_YEARS = [("director", "2021-01-01", "2025-06-30")]
HCLD_3 = [
    Row("hcld3-point-e", hcld3(), True, f"{L} Điều 44 khoản 1 điểm e",
        checks={"hcld3_ground": True, "hcld3_point_e": True},
        messages={"hcld3_point_e": "Bằng khen Thủ tướng năm 2020; sau đó 5 năm liên tục hoàn thành tốt nhiệm vụ trở lên "
                                   "(2021, 2022, 2023, 2024, 2025), 1 năm hoàn thành xuất sắc, 3 lần CSTĐ cơ sở"},
        unverified=[]),
    Row("hcld3-third-cstd-cs-not-yet-conferred",
        case("HCLD_3", ratings=rated("excellent", *range(2020, 2026)),
             awards=held("BK_TTG", 2020) + held("CSTD_CS", 2021, 2022)),
        False, f"{L} Điều 44 khoản 1 điểm e (3 lần được tặng CSTĐCS: Huân chương chỉ tính danh hiệu đã có quyết định)",
        checks={"hcld3_point_e": False},
        messages={"hcld3_point_e": "2 lần CSTĐ cơ sở: cần 3 lần CSTĐ cơ sở; CSTĐ cơ sở năm 2025 đủ tiêu chuẩn nhưng "
                                   "chưa có quyết định: không tính"}, unverified=[]),
    Row("hcld3-no-htxs-year", hcld3(excellent=()), False, f"{L} Điều 44 khoản 1 điểm e",
        checks={"hcld3_point_e": False}, messages={"hcld3_point_e": "cần 1 năm hoàn thành xuất sắc"}),
    Row("hcld3-window-one-year-short", hcld3(base_year=2021, good=range(2022, 2026), cs=(2022, 2023, 2024)), False,
        f"{L} Điều 44 khoản 1 điểm e", checks={"hcld3_point_e": False},
        messages={"hcld3_point_e": "sau đó 4 năm liên tục"}, next_year=2026),
    Row("hcld3-two-cstd-cs-only", hcld3(cs=(2021, 2023)), False, f"{L} Điều 44 khoản 1 điểm e",
        checks={"hcld3_point_e": False}, messages={"hcld3_point_e": "cần 3 lần CSTĐ cơ sở"}),
    Row("hcld3-bk-ttg-was-ad-hoc", hcld3(base_kind="ad_hoc"), False, f"{ND152} Điều 4 (R3)",
        checks={"hcld3_point_e": False},
        messages={"hcld3_point_e": "không tính Bằng khen của Thủ tướng Chính phủ năm 2020 (đột xuất)"}, next_year=None),
    Row("hcld3-invention-claimed", case("HCLD_3", ratings=rated("good", 2025), claims=["invention_applied"]), True,
        f"{L} Điều 44 khoản 2", checks={"hcld3_ground": None, "invention_applied": None, "hcld3_point_e": False}),
    Row("hcld3-career-woman-director-4-5-years", career(DIRECTOR_4_5_YEARS, gender="female"), True,
        f"{ND152} Điều 21; Điều 4 (R7: nữ giảm 1/3 thời gian)",
        checks={"career_posts": True, "career_retiring": True, "career_no_discipline": True},
        messages={"career_posts": "Giữ chức vụ Cục trưởng, Vụ trưởng, Giám đốc sở trở lên 4.5 năm, cần 4.0 năm "
                                  "(nữ: giảm 1/3 thời gian)"},
        unverified=["career_posts"], next_year=None),
    Row("hcld3-career-man-director-4-5-years", career(DIRECTOR_4_5_YEARS), False, f"{ND152} Điều 21",
        checks={"career_posts": False}, messages={"career_posts": "Tổng thời gian giữ chức vụ lãnh đạo 4.5 năm: chưa đủ"},
        unverified=["career_posts"]),
    Row("hcld3-career-man-director-6-years", career([("director", "2019-06-01", "2025-06-30")]), True,
        f"{ND152} Điều 21", checks={"career_posts": True}, messages={"career_posts": "6.1 năm, cần 6.0 năm"}),
    Row("hcld3-career-woman-with-raised-retirement-age",
        career(DIRECTOR_4_5_YEARS, gender="female", subject={"retirement_age_raised": True}), False,
        f"{ND152} Điều 4 (R7: trừ người có tuổi nghỉ hưu cao hơn)", checks={"career_posts": False}),
    Row("hcld3-career-higher-post-counts-for-lower", career([("director", "2015-01-01", "2018-01-01"),
                                                            ("deputy_director", "2008-01-01", "2015-01-01")]),
        True, f"{ND152} Điều 9 (thời gian giữ chức vụ cao hơn được cộng vào chức vụ thấp hơn); Điều 21",
        checks={"career_posts": True}, messages={"career_posts": "Phó Cục trưởng, Phó Giám đốc sở trở lên 10.0 năm"}),
    Row("hcld3-career-no-retirement-notice", career(DIRECTOR_4_5_YEARS, gender="female", retiring_on=None), False,
        f"{ND152} Điều 9", checks={"career_retiring": False, "career_posts": True},
        messages={"career_retiring": "khi có thông báo hoặc quyết định nghỉ hưu"}),
    Row("hcld3-career-discipline-while-in-post",
        career([("director", "2015-01-01", "2025-06-30")],
               discipline=[{"from": "2018-03-01", "to": "2018-08-31", "level": "reprimand"}]),
        False, f"{ND152} Điều 9 (không khen nếu bị kỷ luật trong thời gian giữ chức vụ)",
        checks={"discipline_period": True, "career_no_discipline": False, "career_posts": True},
        messages={"career_no_discipline": "Bị kỷ luật trong thời gian giữ chức vụ lãnh đạo (từ 01/03/2018)"}),
    Row("hcld3-career-discipline-before-posts-allowed",
        career([("director", "2015-01-01", "2025-06-30")],
               discipline=[{"from": "2010-03-01", "to": "2010-08-31", "level": "reprimand"}]),
        True, f"{ND152} Điều 9", checks={"career_no_discipline": True}),
    Row("hcld3-career-without-posts", career([]), False, f"{ND152} Điều 21",
        checks={"career_posts": False}, messages={"career_posts": "Không có quá trình giữ chức vụ lãnh đạo"}),
]


@pytest.mark.parametrize("row", params(GIAY_KHEN))
def test_giay_khen(row):
    verify(row)


@pytest.mark.parametrize("row", params(BK_TINH))
def test_bang_khen_tinh(row):
    verify(row)


@pytest.mark.parametrize("row", params(BK_TTG))
def test_bang_khen_thu_tuong(row):
    verify(row)


@pytest.mark.parametrize("row", params(HCLD_3))
def test_huan_chuong_lao_dong_hang_ba(row):
    verify(row)


def test_career_kind_has_its_own_standard():
    """A career proposal is judged on posts, retirement and discipline, not on point e's chain."""
    verdict = verify(next(r for r in HCLD_3 if r.id == "hcld3-career-woman-director-4-5-years"))
    codes = [c["code"] for c in verdict["checks"]]
    assert "hcld3_ground" not in codes and "not_already_awarded" not in codes
    assert codes[-3:] == ["career_posts", "career_retiring", "career_no_discipline"]
