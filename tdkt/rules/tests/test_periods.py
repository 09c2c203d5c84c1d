"""Each rule set cites the texts in force in its own period (legal-rules.md §1.1, "Citations follow
the period"): NĐ 98/2023/NĐ-CP until 30/06/2025, NĐ 152/2025/NĐ-CP from 01/07/2025, Luật
06/2026/QH16 from 01/10/2026. A 2024 verdict never names NĐ 152, and an article of NĐ 98 the fact
sheet does not give is cited as the decree alone and reported unverified."""
import datetime as dt
import json

import pytest

from tdkt.rules import evaluate
from tdkt.rules.money import reward
from tdkt.rules.rulesets import RULE_SETS, VN2022, VN2024_ND98, VN2026

from .cases import VN2022_98, VN2022_152, Row, case, held, ini, params, rated, verify

ND98, ND152, L2026 = "NĐ 98/2023/NĐ-CP", "NĐ 152/2025/NĐ-CP", "Luật 06/2026/QH16"


def career(proposal_date: str, year: int) -> dict:
    return case("HCLD_3", year, proposal_date=proposal_date, proposal_kind="career",
                subject={"gender": "female", "posts": [{"level": "director", "from": "2015-01-01"}],
                         "retiring_on": proposal_date})


def text_of(verdict: dict) -> str:
    return json.dumps(verdict, ensure_ascii=False)


PERIODS = [
    # id, case, the text its verdict cites, the texts it must not cite, the basis of the row
    ("2024-ldtt-cites-nd-98", case("LDTT", 2024, ratings=rated("good", 2024)), ND98, (ND152, L2026),
     "NĐ 98/2023/NĐ-CP (hiệu lực 01/01/2024 – 30/6/2025)"),
    ("2024-cstd-tinh-cites-nd-98", case("CSTD_TINH", 2024, ratings=rated("excellent", 2022, 2023, 2024),
                                        awards=held("CSTD_CS", 2022, 2023, 2024), initiatives=[ini(2024, "province")]),
     ND98, (ND152, L2026), "Luật TĐKT 2022 Điều 22; NĐ 98/2023/NĐ-CP"),
    ("2024-career-cites-nd-98", career("2024-11-15", 2024), ND98, (ND152, L2026),
     "NĐ 98/2023/NĐ-CP (quá trình cống hiến; điều khoản cần xác minh)"),
    ("2025-06-30-last-day-of-nd-98", case("LDTT", 2025, proposal_date="2025-06-30", ratings=rated("good", 2025)),
     ND98, (ND152, L2026), "NĐ 152/2025/NĐ-CP Điều 59 (bãi bỏ NĐ 98/2023 từ 01/7/2025)"),
    ("2025-07-01-cites-nd-152", case("LDTT", 2025, proposal_date="2025-07-01", ratings=rated("good", 2025)),
     ND152, (ND98, L2026), "NĐ 152/2025/NĐ-CP (hiệu lực 01/7/2025)"),
    ("2025-career-cites-nd-152-articles", career("2025-11-15", 2025), f"{ND152} Điều 9", (ND98, L2026),
     "NĐ 152/2025/NĐ-CP Điều 9, 21"),
    ("2026-09-30-no-amending-law-yet", case("LDTT", 2026, proposal_date="2026-09-30", ratings=rated("good", 2026)),
     ND152, (ND98, L2026), "Luật 06/2026/QH16 (hiệu lực 01/10/2026)"),
    ("2026-10-01-amending-law", case("LDTT", 2026, proposal_date="2026-10-01", ratings=rated("good", 2026)),
     L2026, (ND98,), "Luật 06/2026/QH16 (hiệu lực 01/10/2026)"),
]


@pytest.mark.parametrize("raw,cites,never,basis", [pytest.param(*p[1:], id=p[0]) for p in PERIODS])
def test_verdict_cites_the_texts_of_its_period(raw, cites, never, basis):
    assert basis
    text = text_of(evaluate(raw))
    assert cites in text
    for other in never:
        assert other not in text, other


def test_nd_98_principles_are_cited_without_an_unknown_article_and_reported():
    verdict = evaluate(case("LDTT", 2024, ratings=rated("good", 2024)))
    review = next(c for c in verdict["checks"] if c["code"] == "no_open_review")
    assert review["basis"] == "NĐ 98/2023/NĐ-CP (số điều cần xác minh) (R4)"
    assert {"no_open_review", "discipline_period", "service_time"} <= set(verdict["unverified"])
    note = next(n for n in verdict["unverified_notes"] if n["parameter"] == "basis_principles")
    assert "NĐ 98/2023/NĐ-CP" in note["label"]
    # under NĐ 152 the article is known: nothing to verify for the principles
    later = evaluate(case("LDTT", 2025, ratings=rated("good", 2025)))
    review = next(c for c in later["checks"] if c["code"] == "no_open_review")
    assert review["basis"] == "NĐ 152/2025/NĐ-CP Điều 4 (R4)"
    assert "no_open_review" not in later["unverified"]


def test_the_ldtt_service_rule_is_confirmed_under_tt_01_2024_only():
    """TT 01/2024/TT-BNV (6 months) is confirmed; its carry-over into TT 15/2025/TT-BNV is not."""
    assert VN2024_ND98.params["ldtt_min_service_months"].unconfirmed is False
    assert VN2022.params["ldtt_min_service_months"].unconfirmed is True


@pytest.mark.parametrize("rule_set", RULE_SETS, ids=[r.code for r in RULE_SETS])
def test_no_parameter_cites_a_decree_not_yet_in_force(rule_set):
    for p in rule_set.params.values():
        text = f"{p.basis} {p.value if isinstance(p.value, str) else ''}"
        if rule_set.valid_to and rule_set.valid_to < dt.date(2025, 7, 1):
            assert ND152 not in text, p.name
        if rule_set.valid_from < dt.date(2026, 10, 1):
            assert L2026 not in text, p.name


def test_parameter_tables_are_built_per_decree_not_shared():
    assert VN2024_ND98.params is not VN2022.params
    assert VN2022.params["basis_principles"].value == "NĐ 152/2025/NĐ-CP Điều 4"
    assert VN2024_ND98.params["basis_principles"].value.startswith("NĐ 98/2023/NĐ-CP")
    assert VN2026.params["commendation_kinds"].value > VN2022.params["commendation_kinds"].value


MONEY = [
    # decision date, decree cited, unverified, basis of the row
    (dt.date(2024, 12, 20), ND98, True, "NĐ 98/2023/NĐ-CP; NĐ 73/2024/NĐ-CP (lương cơ sở 2.340.000 đ)"),
    (dt.date(2025, 6, 30), ND98, True, "NĐ 98/2023/NĐ-CP đến 30/6/2025"),
    (dt.date(2025, 7, 1), f"{ND152} Điều 49–54", False, "NĐ 152/2025/NĐ-CP Điều 49–54"),
    (dt.date(2026, 7, 1), f"{ND152} Điều 49–54", False, "NĐ 152/2025/NĐ-CP; NĐ 161/2026/NĐ-CP"),
]


@pytest.mark.parametrize("day,decree,unverified,basis", MONEY, ids=[str(m[0]) for m in MONEY])
def test_money_cites_the_decree_of_the_decision_date(day, decree, unverified, basis):
    assert basis
    r = reward("BK_TINH", "individual", day)
    assert r.basis.startswith(decree)
    assert r.unverified is unverified
    if day < dt.date(2025, 7, 1):
        assert ND152 not in r.basis + r.note


ROWS = [
    Row("rule-set-2024", case("LDTT", 2024, ratings=rated("good", 2024)), True, "NĐ 98/2023/NĐ-CP",
        rule_set=VN2022_98),
    Row("rule-set-2025", case("LDTT", 2025, ratings=rated("good", 2025)), True, "NĐ 152/2025/NĐ-CP",
        rule_set=VN2022_152),
]


@pytest.mark.parametrize("row", params(ROWS))
def test_rule_set_rows(row):
    verify(row)
