"""Every transition writes an audit row with a typed action ("dossier.submit", "ballot.close"), and
the history tab names it in Vietnamese; the API's forwarding action takes the submission number as
the page does."""
import pytest

from tdkt.core.models import AuditEvent
from tdkt.dossiers.choices import DossierAction
from tdkt.testing import token_client

from .factories import ready_dossier, through_disclosure

pytestmark = pytest.mark.django_db


def _actions(obj) -> list[str]:
    return list(AuditEvent.objects.filter(model=obj._meta.label_lower, object_id=str(obj.pk))
                .order_by("id").values_list("action", flat=True))


def test_the_dossier_workflow_writes_typed_actions_and_the_history_names_them(world):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    through_disclosure(world, dossier)
    actions = _actions(dossier)
    for expected in ("dossier.submit", "dossier.appraise", "dossier.appraised", "dossier.to_council",
                     "dossier.voted", "dossier.disclose"):
        assert expected in actions, expected
    session = dossier.nominees.first().agenda_items.first().session
    assert {"session.agenda", "session.open", "ballot.cast", "ballot.close"} <= set(_actions(session))
    event = AuditEvent.objects.get(model="dossiers.dossier", object_id=str(dossier.pk), action="dossier.submit")
    assert event.get_action_display() == DossierAction.SUBMIT.label == "Nộp hồ sơ"


def test_the_api_forwards_with_the_submission_number_as_the_page_does(world):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TTG")],
                            authority="prime_minister")
    through_disclosure(world, dossier)
    from tdkt.core import clock

    clock.travel(30)
    client = token_client(world.officer)
    response = client.post(f"/api/dossiers/{dossier.pk}/transitions",
                           data={"action": "trinh-cap-tren", "number": "125/TTr-UBND"}, content_type="application/json")
    assert response.status_code == 200, response.content
    dossier.refresh_from_db()
    assert dossier.status == "forwarded" and dossier.forward_number == "125/TTr-UBND"
    assert "dossier.forward" in _actions(dossier)
