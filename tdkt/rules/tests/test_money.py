"""Reward money, NĐ 152/2025/NĐ-CP Điều 49–54 (legal-rules.md §7.3): multiples of the base salary in
force on the decision date, rounded up to 10,000 đ; households 1.5 times; several titles at once."""
import datetime as dt

import pytest

from tdkt.rules.case import CaseError
from tdkt.rules.money import Item, base_salary_on, combine, reward

NEW = dt.date(2026, 7, 1)    # 2,530,000 đ (NĐ 161/2026)
OLD = dt.date(2026, 6, 30)   # 2,340,000 đ (NĐ 73/2024)

AMOUNTS = [
    # award, subject kind, decision date, amount, basis
    ("CSTD_TQ", "individual", NEW, 11_390_000, "NĐ 152 Điều 50: 4,5 × 2.530.000 = 11.385.000 → 11.390.000"),
    ("CSTD_TINH", "individual", NEW, 7_590_000, "NĐ 152 Điều 50: 3,0 ×"),
    ("CSTD_CS", "individual", NEW, 2_530_000, "NĐ 152 Điều 50: 1,0 ×"),
    ("LDTT", "individual", NEW, 760_000, "NĐ 152 Điều 50: 0,3 × = 759.000 → 760.000"),
    ("TTLDXS", "collective", NEW, 3_800_000, "NĐ 152 Điều 50: 1,5 × = 3.795.000 → 3.800.000"),
    ("TTLDTT", "collective", NEW, 2_030_000, "NĐ 152 Điều 50: 0,8 × = 2.024.000 → 2.030.000"),
    ("CO_TD_CP", "collective", NEW, 30_360_000, "NĐ 152 Điều 50: 12 ×"),
    ("CO_TD_TINH", "collective", NEW, 20_240_000, "NĐ 152 Điều 50: 8 ×"),
    ("XA_TIEU_BIEU", "collective", NEW, 5_060_000, "NĐ 152 Điều 50: 2 ×"),
    ("BK_TTG", "individual", NEW, 8_860_000, "NĐ 152 Điều 54: 3,5 × = 8.855.000 → 8.860.000"),
    ("BK_TTG", "collective", NEW, 17_710_000, "NĐ 152 Điều 54: 7 ×"),
    ("BK_TINH", "individual", NEW, 3_800_000, "NĐ 152 Điều 54: 1,5 ×"),
    ("BK_TINH", "collective", NEW, 7_590_000, "NĐ 152 Điều 54: 3 ×"),
    ("GK", "individual", NEW, 760_000, "NĐ 152 Điều 54: 0,3 ×"),
    ("GK", "collective", NEW, 1_520_000, "NĐ 152 Điều 54: 0,6 × = 1.518.000 → 1.520.000"),
    ("HCLD_3", "individual", NEW, 11_390_000, "NĐ 152 Điều 51: 4,5 ×"),
    ("HCLD_3", "collective", NEW, 22_770_000, "NĐ 152 Điều 51: 9 ×"),
    ("HC_HCM", "individual", NEW, 77_170_000, "NĐ 152 Điều 51: 30,5 × = 77.165.000 → 77.170.000"),
    ("HCDL_3", "collective", NEW, 53_130_000, "NĐ 152 Điều 51 khoản 2: gấp 2 lần (21 ×)"),
    ("AHLD", "collective", NEW, 78_430_000, "NĐ 152 Điều 52: 31 ×"),
    # before 1/7/2026 the base salary is 2,340,000 đ
    ("LDTT", "individual", OLD, 710_000, "0,3 × 2.340.000 = 702.000 → 710.000"),
    ("BK_TINH", "individual", OLD, 3_510_000, "1,5 × 2.340.000"),
    ("CSTD_TQ", "individual", OLD, 10_530_000, "4,5 × 2.340.000"),
    ("TTLDTT", "collective", OLD, 1_880_000, "0,8 × 2.340.000 = 1.872.000 → 1.880.000"),
    # households: 1.5 times the individual amount of the same form (NĐ 152 Điều 49)
    ("BK_TINH", "household", NEW, 5_700_000, "2,25 × 2.530.000 = 5.692.500 → 5.700.000"),
    ("GK", "household", NEW, 1_140_000, "0,45 × 2.530.000 = 1.138.500 → 1.140.000"),
    ("BK_TTG", "household", OLD, 12_290_000, "5,25 × 2.340.000 = 12.285.000 → 12.290.000"),
]


@pytest.mark.parametrize("award,kind,day,amount,basis", AMOUNTS, ids=[f"{a[0]}-{a[1]}-{a[2]}" for a in AMOUNTS])
def test_amount(award, kind, day, amount, basis):
    r = reward(award, kind, day)
    assert r.amount == amount, basis
    assert r.amount % 10_000 == 0
    assert "NĐ 152/2025/NĐ-CP" in r.basis


def test_base_salary_history():
    assert base_salary_on(dt.date(2024, 7, 1))[0] == 2_340_000
    assert base_salary_on(dt.date(2026, 6, 30)) == (2_340_000, "NĐ 73/2024/NĐ-CP")
    assert base_salary_on(dt.date(2026, 7, 1)) == (2_530_000, "NĐ 161/2026/NĐ-CP")
    with pytest.raises(CaseError) as err:
        base_salary_on(dt.date(2020, 1, 1))
    assert "lương cơ sở" in err.value.message


def test_an_unconfirmed_amount_is_reported_not_invented():
    r = reward("GD_VAN_HOA", "household", NEW)
    assert r.amount is None and r.unverified and "cần xác minh" in r.note
    assert reward("HC_HUU_NGHI", "individual", NEW).amount is None


def test_wrong_subject_is_refused():
    with pytest.raises(CaseError) as err:
        reward("LDTT", "collective", NEW)
    assert err.value.field == "subject_kind"


def test_titles_of_the_same_period_pay_only_the_highest():
    out = combine([Item("LDTT", "individual", NEW, (2025, 2025)), Item("CSTD_CS", "individual", NEW, (2025, 2025)),
                   Item("BK_TINH", "individual", NEW, (2024, 2025))])
    paid = {line["award"]: line["paid"] for line in out["lines"]}
    assert paid == {"LDTT": False, "CSTD_CS": True, "BK_TINH": True}
    assert out["total"] == 2_530_000 + 3_800_000
    assert "cao nhất" in out["lines"][0]["reason"]


def test_titles_of_different_periods_are_each_paid():
    out = combine([Item("CSTD_CS", "individual", NEW, (2025, 2025)), Item("CSTD_TINH", "individual", NEW, (2023, 2025))])
    assert all(line["paid"] for line in out["lines"]) and out["total"] == 2_530_000 + 7_590_000
