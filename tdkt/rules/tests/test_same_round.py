"""A prerequisite title counts when it has been conferred; one considered in the same round counts
only where the law puts both in one round: LĐTT with CSTĐ cơ sở (the unit head's yearly review,
Luật TĐKT 2022 Điều 23 khoản 1, Điều 80) and the third CSTĐ cơ sở with CSTĐ tỉnh (Điều 22 khoản 1
điểm a). Awards proposed upward (Bằng khen, Huân chương, CSTĐ toàn quốc) count only conferred titles:
their articles say "đã được tặng". Messages say which links are "đã có quyết định" and which are
"đang xét cùng đợt"."""
import pytest

from .cases import Row, case, held, ini, params, rated, verify

L = "Luật TĐKT 2022"
NOT_CONFERRED = "đủ tiêu chuẩn nhưng chưa có quyết định: không tính"

ROWS = [
    Row("ldtt-with-cstd-cs-in-one-round",
        case("CSTD_CS", ratings=rated("excellent", 2025), awards=[]), True, f"{L} Điều 23 khoản 1; Điều 80",
        checks={"meets_ldtt": True}, messages={"meets_ldtt": "đang xét cùng đợt"}),
    Row("third-cstd-cs-with-cstd-tinh-in-one-round",
        case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025), awards=held("CSTD_CS", 2023, 2024),
             initiatives=[ini(2025, "province")]), True, f"{L} Điều 22 khoản 1 điểm a",
        checks={"consecutive_cstd_cs": True},
        messages={"consecutive_cstd_cs": "năm 2023, 2024 đã có quyết định; năm 2025 đủ tiêu chuẩn, đang xét cùng đợt"}),
    Row("second-cstd-cs-of-cstd-tinh-is-not-in-the-round",
        case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025), awards=held("CSTD_CS", 2023),
             initiatives=[ini(2025, "province")]), False, f"{L} Điều 22 khoản 1 điểm a (chỉ lần thứ ba xét cùng đợt)",
        checks={"consecutive_cstd_cs": False}, messages={"consecutive_cstd_cs": "Chỉ có 1 lần"}),
    Row("all-links-conferred",
        case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025), awards=held("CSTD_CS", 2023, 2024, 2025),
             initiatives=[ini(2025, "province")]), True, f"{L} Điều 22 khoản 1 điểm a",
        messages={"consecutive_cstd_cs": "(2023, 2024, 2025, đã có quyết định)"}),
    Row("cstd-tq-counts-conferred-cstd-tinh-only",
        case("CSTD_TQ", ratings=rated("excellent", *range(2020, 2026)),
             awards=held("CSTD_CS", *range(2020, 2026)) + held("CSTD_TINH", 2022), initiatives=[ini(2025, "national")]),
        False, f"{L} Điều 21 điểm a", checks={"consecutive_cstd_tinh": False},
        messages={"consecutive_cstd_tinh": f"CSTĐ cấp tỉnh năm 2025 {NOT_CONFERRED}"}),
    Row("bk-ttg-counts-conferred-cstd-cs-only",
        case("BK_TTG", ratings=rated("excellent", *range(2020, 2026)),
             awards=held("BK_TINH", 2020) + held("CSTD_CS", 2021, 2023)),
        False, f"{L} Điều 73 khoản 1 điểm b", checks={"bk_ttg_point_b": False},
        messages={"bk_ttg_point_b": f"CSTĐ cơ sở năm 2025 {NOT_CONFERRED}"}),
    Row("hcld3-counts-conferred-cstd-cs-only",
        case("HCLD_3", ratings=rated("excellent", *range(2020, 2026)),
             awards=held("BK_TTG", 2020) + held("CSTD_CS", 2021, 2023)),
        False, f"{L} Điều 44 khoản 1 điểm e", checks={"hcld3_point_e": False},
        messages={"hcld3_point_e": f"CSTĐ cơ sở năm 2025 {NOT_CONFERRED}"}),
    Row("bk-tinh-counts-conferred-cstd-cs-only",
        case("BK_TINH", ratings=rated("good", 2024, y2025="excellent"), awards=held("CSTD_CS", 2024),
             initiatives=[ini(2024), ini(2025)]),
        False, f"{L} Điều 74 khoản 1 điểm d", checks={"bk_tinh_point_d": False},
        messages={"bk_tinh_point_d": f"CSTĐ cơ sở năm 2025 {NOT_CONFERRED}"}),
    Row("bk-ttg-with-three-conferred-cstd-cs",
        case("BK_TTG", ratings=rated("good", *range(2021, 2026)),
             awards=held("BK_TINH", 2020) + held("CSTD_CS", 2021, 2023, 2025)),
        True, f"{L} Điều 73 khoản 1 điểm b", checks={"bk_ttg_point_b": True},
        messages={"bk_ttg_point_b": "(2021, 2023, 2025) đã có quyết định"}),
    Row("province-counts-conferred-titles-only",
        case("CSTD_TINH", ratings=rated("excellent", 2023, 2024, 2025), awards=held("CSTD_CS", 2023, 2024),
             initiatives=[ini(2025, "province")]), False,
        f"{L} Điều 22 khoản 1 điểm a (tỉnh tổ chức xét CSTĐ tỉnh sau khi có quyết định CSTĐCS)",
        checks={"consecutive_cstd_cs": False}, overrides={"same_round_links": False},
        override_source="quy định của tỉnh"),
]


@pytest.mark.parametrize("row", params(ROWS))
def test_same_round_links(row):
    verify(row)
