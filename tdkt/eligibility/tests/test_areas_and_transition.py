"""Cases built from the database carry the unit's area flags (held by the units under it too) and the
person's ethnicity by its official name; the engine reports the priority they give (Luật TĐKT 2022
Điều 5; Luật 06/2026/QH16 from 01/10/2026) without ever blocking, and a dossier's received date
selects the transition of Luật 06/2026/QH16."""
import datetime as dt

import pytest

from tdkt.core.services import system_actor
from tdkt.eligibility.cases import (
    COLLECTIVE_AWARDS,
    INDIVIDUAL_AWARDS,
    case_json,
    load_person_histories,
    person_case,
    person_subject,
    unit_case,
    unit_history,
)
from tdkt.org import services as org_services
from tdkt.rules import evaluate_case
from tdkt.rules.procedure import batch_awards

pytestmark = pytest.mark.django_db
AFTER = dt.date(2026, 11, 2)


def _flag(unit, **flags):
    org_services.update_unit(system_actor(), unit, **flags)
    unit.refresh_from_db()


def test_a_person_in_a_mountain_unit_is_reported_for_priority_from_october_2026(world):
    _flag(world.unit_a, is_mountainous=True)  # the person works in a division under it
    person = world.person_a
    org_services.update_person(system_actor(), person, ethnicity="H'Mông")
    person.refresh_from_db()
    assert person.ethnicity == "Mông"
    history = load_person_histories([person.pk])[person.pk]
    assert history.areas == ("mountain",)
    case = person_case(person, history, "LDTT", 2026, AFTER)
    assert case.subject.areas == ("mountain",) and case.subject.ethnicity == "Mông"
    data = case_json(case)
    assert data["subject"]["areas"] == ["mountain"] and data["subject"]["ethnicity"] == "Mông"
    verdict = evaluate_case(case)
    priority = next(c for c in verdict["checks"] if c["code"] == "priority_area")
    assert priority["passed"] is True and "miền núi, người dân tộc Mông" in priority["message"]
    assert "Luật 06/2026/QH16" in priority["basis"] and "priority_area" in verdict["unverified"]
    # a subject built without the history (the dossier appraisal passes its own) gets the areas too
    again = person_case(person, history, "LDTT", 2026, AFTER, subject=person_subject(person))
    assert again.subject.areas == ("mountain",)


def test_a_border_commune_gets_the_2022_law_priority_as_a_collective(world):
    _flag(world.commune, is_border=True)
    history = unit_history(world.commune)
    case = unit_case(world.commune, history, "TTLDTT", 2025, dt.date(2025, 12, 5))
    assert case.subject.areas == ("border",)
    verdict = evaluate_case(case)
    priority = next(c for c in verdict["checks"] if c["code"] == "priority_area")
    assert priority["basis"] == "Luật TĐKT 2022 Điều 5" and "biên giới" in priority["message"]


def test_units_without_flags_and_the_batch_carry_no_areas(world):
    histories = load_person_histories(None)
    assert all(h.areas == () for h in histories.values())
    history = load_person_histories([world.person_b.pk])[world.person_b.pk]
    assert history.areas == ()


def test_a_dossier_received_before_october_2026_follows_the_old_law(world):
    person = world.person_a
    history = load_person_histories([person.pk])[person.pk]
    case = person_case(person, history, "LDTT", 2026, AFTER, received_on=dt.date(2026, 9, 20))
    assert case_json(case)["received_on"] == "2026-09-20"
    verdict = evaluate_case(case)
    assert verdict["rule_set"].startswith("VN-2022 (")
    assert verdict["transition"]["more_favourable"] is False


def test_batch_award_lists_come_from_the_rule_data(world):
    assert INDIVIDUAL_AWARDS == batch_awards("individual", dt.date(2025, 12, 5))
    assert COLLECTIVE_AWARDS == batch_awards("collective", dt.date(2025, 12, 5))
