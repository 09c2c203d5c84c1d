"""The rule engine through the application: the CLI and the API give the same verdicts, a
person's and a unit's records become cases, the panel shows every check with its legal basis, and
the scope rules hold (a clerk of unit B gets 404 on unit A's person)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardType
from tdkt.core.services import system_actor
from tdkt.eligibility.cases import load_person_histories, person_case
from tdkt.eligibility.services import person_panel, unit_panel
from tdkt.testing import fields_of, is_vietnamese, login, post, token_client

ROOT = Path(__file__).resolve().parents[3]
TDKT = ROOT / ".venv" / "bin" / "tdkt"

CASES = [
    {"award": "CSTD_TINH", "year": 2025, "proposal_date": "2025-12-05",
     "subject": {"kind": "individual", "gender": "female", "direct_worker": False, "hired_on": "2015-03-01",
                 "jurisdiction": "province"},
     "ratings": {"2023": "excellent", "2024": "excellent", "2025": "excellent"},
     "awards": [{"award": "CSTD_CS", "year": y, "kind": "regular"} for y in (2023, 2024, 2025)],
     "initiatives": [{"year": 2025, "scope": "province"}],
     "discipline": [{"from": "2021-04-01", "to": "2022-03-31", "level": "reprimand"}],
     "under_review": False},
    {"award": "CSTD_TINH", "year": 2025, "proposal_date": "2025-12-05",
     "subject": {"kind": "individual"}, "ratings": {"2024": "excellent", "2025": "excellent"},
     "awards": [{"award": "CSTD_CS", "year": 2023, "kind": "thematic"},
                {"award": "CSTD_CS", "year": 2024}, {"award": "CSTD_CS", "year": 2025}],
     "initiatives": [{"year": 2024, "scope": "province"}]},
    {"award": "TTLDTT", "year": 2025, "proposal_date": "2025-12-05", "subject": {"kind": "collective"},
     "ratings": {"2025": "good"}, "members": {"total": 40, "completed": 40, "ldtt": 20, "cstd_cs": 2,
                                             "disciplined_warning_or_above": 0}},
    {"award": "LDTT", "year": 2026, "proposal_date": "2026-12-10",
     "subject": {"kind": "individual", "hired_on": "2026-08-01"}, "ratings": {"2026": "good"}},
    {"award": "BK_TTG", "year": 2025, "proposal_date": "2025-12-05", "subject": {"kind": "individual"},
     "ratings": {str(y): "good" for y in range(2019, 2026)},
     "awards": [{"award": "BK_TINH", "year": 2020}] + [{"award": "CSTD_CS", "year": y} for y in (2021, 2023, 2025)]},
]


def _cli(case) -> dict:
    done = subprocess.run([str(TDKT), "eligibility", "-"], input=json.dumps(case), capture_output=True, text=True,
                          timeout=20, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.django_db
def test_the_cli_and_the_api_give_identical_verdicts(world):
    client = token_client(world.officer)
    outcomes = set()
    for case in CASES:
        api = post(client, "/api/eligibility", case)
        assert api.status_code == 200, api.content
        assert api.json() == _cli(case)
        outcomes.add(api.json()["eligible"])
    assert outcomes == {True, False}


@pytest.mark.django_db
def test_an_invalid_case_is_refused_alike_by_the_cli_and_the_api(world):
    client = token_client(world.officer)
    bad = {"award": "TTLDTT", "year": 2025, "subject": {"kind": "individual"}}
    answer = post(client, "/api/eligibility", bad)
    assert answer.status_code == 422
    assert "cá nhân" in fields_of(answer)["subject.kind"]
    done = subprocess.run([str(TDKT), "eligibility", "-"], input=json.dumps(bad), capture_output=True, text=True,
                          timeout=20, cwd=ROOT)
    assert done.returncode == 2 and done.stdout == ""
    assert "subject.kind" in done.stderr and "cá nhân" in done.stderr and "Traceback" not in done.stderr
    assert post(client, "/api/eligibility", "{nope").status_code == 400
    assert post(client, "/api/eligibility", {"award": "XYZ", "year": 2025}).status_code == 422


@pytest.mark.django_db
def test_the_api_needs_a_login(world):
    from django.test import Client

    assert post(Client(), "/api/eligibility", CASES[0]).status_code == 401


def _history_for(person, years=(2021, 2022, 2023, 2024, 2025)):
    root = system_actor()
    cs = AwardType.objects.get(code="CSTD_CS")
    for year in years:
        award_services.set_rating(root, person=person, year=year, level="excellent")
        award_services.create_award_record(root, award_type=cs, subject_kind="individual", person=person, year=year)


@pytest.mark.django_db
def test_a_person_case_is_built_from_the_records(world):
    _history_for(world.person_b, years=(2024, 2025))
    history = load_person_histories([world.person_b.pk])[world.person_b.pk]
    case = person_case(world.person_b, history, "CSTD_TINH", 2025)
    assert case.subject.gender == "female" and case.subject.direct_worker
    assert case.ratings == {2024: "excellent", 2025: "excellent"}
    assert sorted(a.year for a in case.awards if a.award == "CSTD_CS") == [2024, 2025]
    panel = person_panel(world.person_b, 2025)
    row = next(r for r in panel["rows"] if r["award"].code == "CSTD_TINH")
    failed = [c for c in row["verdict"]["checks"] if c["passed"] is False]
    assert failed[0]["code"] == "consecutive_cstd_cs"
    assert "2 lần liên tục" in failed[0]["message"] and "2024, 2025" in failed[0]["message"]
    # no initiative of provincial scope: keeping the current record never makes her eligible
    assert row["verdict"]["next_eligible_year"] is None
    award_services.create_initiative(system_actor(), unit=world.unit_b_child, authors=[world.person_b],
                                     title="Quy trình tiếp đón người bệnh một cửa", scope="province", year=2025)
    row = next(r for r in person_panel(world.person_b, 2025)["rows"] if r["award"].code == "CSTD_TINH")
    assert row["verdict"]["eligible"] is False and row["verdict"]["next_eligible_year"] == 2026


@pytest.mark.django_db
def test_a_revoked_award_is_no_basis(world):
    _history_for(world.person_b, years=(2023, 2024, 2025))
    record = world.person_b.awards.get(year=2024, award_type__code="CSTD_CS")
    award_services.revoke_award_record(world.officer, record, act_number="01/QĐ-UBND",
                                       act_date=__import__("datetime").date(2026, 1, 5), reason="Kê khai không trung thực")
    history = load_person_histories([world.person_b.pk])[world.person_b.pk]
    assert sorted(a.year for a in history.awards if a.award == "CSTD_CS") == [2023, 2025]


@pytest.mark.django_db
def test_the_person_panel_shows_checks_with_their_legal_basis(world):
    _history_for(world.person_a, years=(2024, 2025))
    page = login(world.clerk_a).get(f"/dieu-kien/ca-nhan/{world.person_a.pk}/?nam=2025")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Điều kiện khen thưởng năm 2025" in html
    assert "Chỉ có 2 lần liên tục đạt Chiến sĩ thi đua cơ sở" in html
    assert "Luật TĐKT 2022 Điều 22 khoản 1 điểm a" in html
    assert 'data-award="LDTT" data-status="awarded"' in html or 'data-award="LDTT"' in html
    # the person page loads the panel
    person_page = login(world.clerk_a).get(f"/ca-nhan/{world.person_a.pk}/").content.decode()
    assert f"/dieu-kien/ca-nhan/{world.person_a.pk}/" in person_page


@pytest.mark.django_db
def test_a_clerk_of_unit_b_gets_404_on_unit_a_s_panel_page_and_api(world):
    clerk_b = login(world.clerk_b)
    assert clerk_b.get(f"/dieu-kien/ca-nhan/{world.person_a.pk}/").status_code == 404
    assert clerk_b.get(f"/dieu-kien/don-vi/{world.unit_a.pk}/").status_code == 404
    assert token_client(world.clerk_b).get(f"/api/people/{world.person_a.pk}/eligibility").status_code == 404
    assert token_client(world.clerk_a).get(f"/api/people/{world.person_a.pk}/eligibility").status_code == 200


@pytest.mark.django_db
def test_the_unit_panel_counts_members_of_the_year(world):
    root = system_actor()
    award_services.set_rating(root, rated_unit=world.unit_b_child, year=2025, level="excellent")
    _history_for(world.person_b, years=(2025,))
    panel = unit_panel(world.unit_b_child, 2025)
    assert panel["members"].total == 1 and panel["members"].cstd_cs == 1
    ttldxs = next(r for r in panel["rows"] if r["award"].code == "TTLDXS")
    codes = {c["code"]: c["passed"] for c in ttldxs["verdict"]["checks"]}
    assert codes["collective_excellent"] is True and codes["member_cstd_cs"] is True
    assert ttldxs["verdict"]["eligible"] is False  # the member holds no LĐTT record for 2025
    api = token_client(world.officer).get(f"/api/units/{world.unit_b_child.pk}/eligibility?year=2025").json()
    assert [v["award"] for v in api["verdicts"]][:2] == ["TTLDTT", "TTLDXS"]


@pytest.mark.django_db
def test_a_bad_year_is_named_and_the_panel_still_answers(world):
    page = login(world.officer).get(f"/dieu-kien/ca-nhan/{world.person_a.pk}/?nam=abc")
    assert page.status_code == 200 and "Năm xét không hợp lệ" in page.content.decode()
    answer = token_client(world.officer).get(f"/api/people/{world.person_a.pk}/eligibility?year=1800")
    assert answer.status_code == 422 and is_vietnamese(fields_of(answer)["year"])


def test_the_engine_never_imports_django():
    code = ("import sys, json; from tdkt.rules import evaluate; "
            "evaluate({'award': 'LDTT', 'year': 2025, 'subject': {'kind': 'individual'}}); "
            "print(any(m == 'django' or m.startswith('django.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=20)
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.django_db
def test_a_province_detail_applies_to_the_panels(world, settings):
    """Luật TĐKT 2022 Điều 28 khoản 3 lets the province detail the TTLĐTT share (Bắc Ninh: ≥ 70%)."""
    root = system_actor()
    award_services.set_rating(root, rated_unit=world.unit_b_child, year=2025, level="good")
    award_services.set_rating(root, person=world.person_b, year=2025, level="good")
    award_services.create_award_record(root, award_type=AwardType.objects.get(code="LDTT"),
                                       subject_kind="individual", person=world.person_b, year=2025)
    national = next(r for r in unit_panel(world.unit_b_child, 2025)["rows"] if r["award"].code == "TTLDTT")
    assert "ldtt_share" in national["verdict"]["unverified"]
    settings.TDKT_RULE_OVERRIDES = {"ttldtt_ldtt_share": 0.7, "ttldtt_ldtt_share_strict": False}
    settings.TDKT_RULE_OVERRIDES_SOURCE = "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh"
    detailed = next(r for r in unit_panel(world.unit_b_child, 2025)["rows"] if r["award"].code == "TTLDTT")
    assert "QĐ 86/2025/QĐ-UBND tỉnh Bắc Ninh" in detailed["verdict"]["rule_set"]
    assert "ldtt_share" not in detailed["verdict"]["unverified"]
    share = next(c for c in detailed["verdict"]["checks"] if c["code"] == "ldtt_share")
    assert share["passed"] is True and "từ 70%" in share["message"]
