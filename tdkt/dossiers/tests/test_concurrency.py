"""Decision numbers given concurrently by the văn thư (PostgreSQL: real parallel transactions)."""
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from tdkt.awards.models import AwardType, Decision
from tdkt.core import clock
from tdkt.dossiers.models import Dossier, Nominee
from tdkt.dossiers.services import decisions, numbering
from tdkt.org.models import Person

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql",
                                reason="SQLite serialises writers; concurrency is tested on PostgreSQL")

ISSUANCES = 20


def dossier_on_disclosure(world, person, index):
    """A dossier whose council has voted and whose disclosure period has ended (set up directly:
    the workflow itself is tested in test_workflow)."""
    today = clock.today()
    dossier = Dossier.objects.create(title=f"Hồ sơ {index}", proposing_unit=world.unit_a, authority="province_chair",
                                     year=2025, status="disclosure", disclosure_start=today, disclosure_end=today)
    Nominee.objects.create(dossier=dossier, subject_kind="individual", person=person, unit=person.unit,
                           award_type=AwardType.objects.get(code="BK_TINH"), year=2025, achievement="Thành tích",
                           recipient_name=person.full_name, appraisal="passed", vote_result="passed")
    return dossier


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_numberings_get_twenty_consecutive_numbers(world):
    from tdkt.awards.models import AwardType as AT
    from tdkt.rules import catalogue

    if not AT.objects.exists():
        catalogue.load(AT)
    people = [Person.objects.create(full_name=f"Người thứ {i}", gender="male", unit=world.unit_a_child)
              for i in range(ISSUANCES)]
    dossiers = [dossier_on_disclosure(world, p, i) for i, p in enumerate(people)]
    clock.travel(1)
    barrier = threading.Barrier(ISSUANCES)
    numbers, errors, refusals = [], [], []

    def issue(dossier):
        """The leader signs; the văn thư gives the number the register proposes, and when another
        văn thư took it meanwhile (refused, naming the decision that holds it) asks again."""
        try:
            barrier.wait()
            decision = decisions.issue_decision(world.leader, dossier, signer_name="Trương Quốc Huy")
            dossier.refresh_from_db()
            for _ in range(ISSUANCES * 2):
                try:
                    numbered = numbering.give_number(world.officer, dossier, number=numbering.proposal(decision),
                                                     signed_on=clock.today())
                except ValidationError as exc:
                    assert "đã cấp cho Quyết định số" in str(exc)
                    refusals.append(1)
                    continue
                numbers.append(numbered.number)
                break
        except Exception as exc:  # reported below with the numbers
            errors.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(d,)) for d in dossiers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(int(n.split("/")[0]) for n in numbers) == list(range(1, ISSUANCES + 1))
    assert Decision.objects.filter(number__endswith="/QĐ-UBND").count() == ISSUANCES
    assert Dossier.objects.filter(status="decided").count() == ISSUANCES
