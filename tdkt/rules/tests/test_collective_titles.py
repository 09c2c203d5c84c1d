"""Collective and household titles: TTLĐTT, TTLĐXS, Cờ thi đua tỉnh, Cờ thi đua Chính phủ, Gia đình
văn hóa (legal-rules.md §2.3, §2.4; Luật TĐKT 2022 Điều 25–28; NĐ 86/2023/NĐ-CP)."""
import pytest

from .cases import (
    BAC_NINH,
    BAC_NINH_SOURCE,
    VN2022_152,
    Row,
    collective,
    held,
    household,
    members,
    params,
    rated,
    verify,
)

L = "Luật TĐKT 2022"
TTLDTT_UNVERIFIED = ["ldtt_share", "no_member_warning"]


def ttldtt(ldtt, total=20, rating="good", **extra):
    return collective("TTLDTT", ratings=rated(rating, 2025),
                      members=members(total, ldtt=ldtt, disciplined_warning_or_above=extra.pop("warned", 0)), **extra)


def ttldxs(total=40, completed=40, ldtt=28, cstd_cs=1, rating="excellent"):
    return collective("TTLDXS", ratings=rated(rating, 2025),
                      members=members(total, completed=completed, ldtt=ldtt, cstd_cs=cstd_cs))


TTLDTT = [
    Row("ttldtt-11-of-20-over-half", ttldtt(11), True, f"{L} Điều 28 (tỷ lệ trên 50% theo luật cũ, cần xác minh)",
        checks={"collective_rating_good": True, "ldtt_share": True, "no_member_warning": True, "united": None},
        messages={"ldtt_share": "11/20 thành viên đạt Lao động tiên tiến (55%): đạt tỷ lệ trên 50%"},
        unverified=TTLDTT_UNVERIFIED, rule_set=VN2022_152, next_year=None),
    Row("ttldtt-10-of-20-one-member-short", ttldtt(10), False, f"{L} Điều 28",
        checks={"ldtt_share": False},
        messages={"ldtt_share": "10/20 thành viên đạt Lao động tiên tiến (50%): cần trên 50% (ít nhất 11 người, thiếu 1)"},
        unverified=TTLDTT_UNVERIFIED, next_year=None),
    Row("ttldtt-3-of-7-one-member-short", ttldtt(3, total=7), False, f"{L} Điều 28",
        checks={"ldtt_share": False}, messages={"ldtt_share": "(ít nhất 4 người, thiếu 1)"}),
    Row("ttldtt-member-warned", ttldtt(15, warned=1), False, "Luật TĐKT 2022 Điều 28; legal-rules.md §7.2",
        checks={"ldtt_share": True, "no_member_warning": False},
        messages={"no_member_warning": "Có 1 thành viên bị kỷ luật từ cảnh cáo trở lên"}),
    Row("ttldtt-only-completed", ttldtt(15, rating="completed"), False, f"{L} Điều 28 khoản 1",
        checks={"collective_rating_good": False},
        messages={"collective_rating_good": "Năm 2025 tập thể hoàn thành nhiệm vụ: cần hoàn thành tốt nhiệm vụ, kế hoạch trở lên"}),
    Row("ttldtt-no-member-figures", collective("TTLDTT", ratings=rated("good", 2025)), False, f"{L} Điều 28",
        checks={"ldtt_share": False, "no_member_warning": True},
        messages={"ldtt_share": "Chưa có số liệu thành viên của tập thể (số đạt Lao động tiên tiến)"}),
    Row("ttldtt-bac-ninh-14-of-20", ttldtt(14), True, "QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 2 (từ 70% LĐTT)",
        checks={"ldtt_share": True}, messages={"ldtt_share": "14/20 thành viên đạt Lao động tiên tiến (70%): đạt tỷ lệ từ 70%"},
        unverified=["no_member_warning"], rule_set=f"{VN2022_152}; {BAC_NINH_SOURCE}",
        overrides=BAC_NINH, override_source=BAC_NINH_SOURCE),
    Row("ttldtt-bac-ninh-13-of-20-one-member-short", ttldtt(13), False,
        "QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 2 (từ 70% LĐTT)", checks={"ldtt_share": False},
        messages={"ldtt_share": "cần từ 70% (ít nhất 14 người, thiếu 1)"}, unverified=["no_member_warning"],
        overrides=BAC_NINH, override_source=BAC_NINH_SOURCE),
    Row("ttldtt-bac-ninh-refuses-what-the-national-default-accepts", ttldtt(11), False,
        "QĐ 86/2025/QĐ-UBND Bắc Ninh Điều 4 khoản 2", checks={"ldtt_share": False},
        messages={"ldtt_share": "thiếu 3"}, overrides=BAC_NINH, override_source=BAC_NINH_SOURCE),
    Row("ttldtt-already-awarded", ttldtt(15, awards=held("TTLDTT", 2025)), False, f"{L} Điều 5",
        checks={"not_already_awarded": False}),
]

TTLDXS = [
    Row("ttldxs-all-conditions", ttldxs(), True, f"{L} Điều 27 khoản 1",
        checks={"collective_excellent": True, "all_members_completed": True, "ldtt_share_70": True,
                "member_cstd_cs": True, "movement": None, "united": None},
        messages={"ldtt_share_70": "28/40 thành viên đạt Lao động tiên tiến (70%): đạt từ 70%",
                  "all_members_completed": "100% thành viên (40/40)"},
        unverified=[], next_year=None),
    Row("ttldxs-27-of-40-one-member-short", ttldxs(ldtt=27), False, f"{L} Điều 27 khoản 1 điểm c",
        checks={"ldtt_share_70": False, "all_members_completed": True},
        messages={"ldtt_share_70": "27/40 thành viên đạt Lao động tiên tiến (68%): cần từ 70% (ít nhất 28 người, thiếu 1)"},
        next_year=None),
    Row("ttldxs-7-of-10-exactly-70", ttldxs(total=10, completed=10, ldtt=7), True, f"{L} Điều 27 khoản 1 điểm c",
        checks={"ldtt_share_70": True}),
    Row("ttldxs-one-member-not-completed", ttldxs(completed=39), False, f"{L} Điều 27 khoản 1 điểm c",
        checks={"all_members_completed": False},
        messages={"all_members_completed": "39/40 thành viên hoàn thành nhiệm vụ: cần 100%"}),
    Row("ttldxs-no-cstd-cs-member", ttldxs(cstd_cs=0), False, f"{L} Điều 27 khoản 1 điểm d",
        checks={"member_cstd_cs": False},
        messages={"member_cstd_cs": "Không có cá nhân nào đạt Chiến sĩ thi đua cơ sở"}),
    Row("ttldxs-only-good", ttldxs(rating="good"), False, f"{L} Điều 27 khoản 1 điểm a",
        checks={"collective_excellent": False},
        messages={"collective_excellent": "Năm 2025 tập thể hoàn thành tốt nhiệm vụ: cần hoàn thành xuất sắc nhiệm vụ"}),
    Row("ttldxs-no-member-figures", collective("TTLDXS", ratings=rated("excellent", 2025)), False,
        f"{L} Điều 27 khoản 1 điểm c, d",
        checks={"all_members_completed": False, "ldtt_share_70": False, "member_cstd_cs": False},
        messages={"member_cstd_cs": "Chưa có số liệu thành viên của tập thể"}),
]


def flag(award, rating="excellent", **extra):
    return collective(award, ratings=rated(rating, 2025), **extra)


CO_THI_DUA = [
    Row("co-tinh-block-leader", flag("CO_TD_TINH", block={"rank": 1, "size": 8}), True, f"{L} Điều 26 khoản 1",
        checks={"collective_excellent": True, "co_td_tinh_ground": True, "block_leader": True, "exemplary": None},
        messages={"co_td_tinh_ground": "Dẫn đầu cụm, khối thi đua năm 2025 (hạng 1/8)"}, unverified=[]),
    Row("co-tinh-second-in-block", flag("CO_TD_TINH", block={"rank": 2, "size": 8}), False, f"{L} Điều 26 khoản 1",
        checks={"co_td_tinh_ground": False, "block_leader": False, "leading_thematic_movement": False},
        messages={"block_leader": "Xếp hạng 2/8 trong cụm, khối thi đua năm 2025: chưa dẫn đầu"}, next_year=None),
    Row("co-tinh-second-but-leads-thematic-movement-claimed",
        flag("CO_TD_TINH", block={"rank": 2, "size": 8}, claims=["leading_thematic_movement"]), True,
        f"{L} Điều 26 khoản 1 (dẫn đầu phong trào chuyên đề từ 3 năm)",
        checks={"co_td_tinh_ground": None, "leading_thematic_movement": None},
        messages={"co_td_tinh_ground": "Đơn vị đề nghị nêu: dẫn đầu phong trào thi đua theo chuyên đề được tổng kết"}),
    Row("co-tinh-no-block-result", flag("CO_TD_TINH"), False, f"{L} Điều 26 khoản 1",
        checks={"block_leader": False},
        messages={"block_leader": "Chưa có kết quả xếp hạng trong cụm, khối thi đua năm 2025"}),
    Row("co-tinh-leader-but-only-good", flag("CO_TD_TINH", rating="good", block={"rank": 1, "size": 5}), False,
        f"{L} Điều 26 khoản 1", checks={"collective_excellent": False, "co_td_tinh_ground": True}),
    Row("co-tinh-leader-under-review", flag("CO_TD_TINH", block={"rank": 1, "size": 5}, under_review=True), False,
        "NĐ 152/2025/NĐ-CP Điều 4 (R4)", checks={"no_open_review": False, "co_td_tinh_ground": True},
        next_year=None),
    Row("co-cp-holds-province-flag", flag("CO_TD_CP", awards=held("CO_TD_TINH", 2025)), True, f"{L} Điều 25 khoản 1",
        checks={"co_td_cp_ground": True, "province_flag_leader": True},
        messages={"province_flag_leader": "Đã được tặng Cờ thi đua của tỉnh năm 2025"}),
    Row("co-cp-block-leader", flag("CO_TD_CP", block={"rank": 1, "size": 12}), True, f"{L} Điều 25 khoản 2",
        checks={"province_flag_leader": True}, messages={"province_flag_leader": "(hạng 1/12)"}),
    Row("co-cp-third-in-block", flag("CO_TD_CP", block={"rank": 3, "size": 12}), False, f"{L} Điều 25",
        checks={"co_td_cp_ground": False},
        messages={"province_flag_leader": "Không thuộc các tập thể dẫn đầu cụm, khối thi đua năm 2025"}),
    Row("co-cp-five-year-movement-claimed",
        flag("CO_TD_CP", block={"rank": 3, "size": 12}, claims=["movement_review_5_years"]), True,
        f"{L} Điều 25 khoản 3", checks={"co_td_cp_ground": None, "movement_review_5_years": None}),
    Row("co-cp-province-flag-only-thematic", flag("CO_TD_CP", awards=held("CO_TD_TINH", 2025, kind="thematic")),
        False, "NĐ 152/2025/NĐ-CP Điều 4 (R3)", checks={"province_flag_leader": False}),
]

GD_VAN_HOA = [
    Row("gdvh-household", household("GD_VAN_HOA"), True, "NĐ 86/2023/NĐ-CP",
        checks={"gdvh_law": None, "gdvh_movement": None, "gdvh_family": None, "no_open_review": True},
        messages={"gdvh_family": "Cần Hội đồng đánh giá"}, unverified=[], next_year=None),
    Row("gdvh-under-review", household("GD_VAN_HOA", under_review=True), False, "NĐ 152/2025/NĐ-CP Điều 4 (R4)",
        checks={"no_open_review": False},
        messages={"no_open_review": "chưa khen thưởng, chưa đề nghị"}, next_year=None),
    Row("gdvh-already-recognised", household("GD_VAN_HOA", awards=held("GD_VAN_HOA", 2025)), False, f"{L} Điều 5",
        checks={"not_already_awarded": False}, next_year=2026),
]


@pytest.mark.parametrize("row", params(TTLDTT))
def test_tap_the_lao_dong_tien_tien(row):
    verify(row)


@pytest.mark.parametrize("row", params(TTLDXS))
def test_tap_the_lao_dong_xuat_sac(row):
    verify(row)


@pytest.mark.parametrize("row", params(CO_THI_DUA))
def test_co_thi_dua(row):
    verify(row)


@pytest.mark.parametrize("row", params(GD_VAN_HOA))
def test_gia_dinh_van_hoa(row):
    verify(row)
