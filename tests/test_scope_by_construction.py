"""Scope by construction: the @fetch decorator, the models' scope rules it relies on, one definition
of the office, and core's place at the bottom of the layers. Each test names the hole it keeps shut."""
from __future__ import annotations

import ast
import datetime
import pathlib
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from tdkt.core import clock
from tdkt.testing import PASSWORD, login


def test_core_scope_imports_no_other_app():
    """core is the bottom Django layer: scope.py reaches the unit subtree through the unit itself."""
    tree = ast.parse(pathlib.Path(__file__).parents[1].joinpath("tdkt", "core", "scope.py").read_text())
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    imported += [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    assert not [m for m in imported if m.startswith("tdkt.") and not m.startswith("tdkt.core")]


def test_office_roles_are_defined_once():
    from tdkt.core import scope
    from tdkt.core.choices import OFFICE_ROLES, PROVINCE_WIDE_ROLES, Role
    from tdkt.dossiers import workflow as dossier_workflow
    from tdkt.emulation import workflow as emulation_workflow

    assert dossier_workflow.is_office is scope.is_office is emulation_workflow.is_office
    assert dossier_workflow.require_office is scope.require_office is emulation_workflow.require_office
    assert OFFICE_ROLES == {Role.ADMIN, Role.OFFICER} and OFFICE_ROLES < PROVINCE_WIDE_ROLES


def test_fetch_refuses_a_model_without_a_scope_rule():
    """A page cannot fetch a model whose queryset has no visible_to: refused when the view is defined."""
    from tdkt.core.fetch import fetch
    from tdkt.dossiers.models import Quota

    with pytest.raises(ImproperlyConfigured):
        fetch(Quota)


def test_unit_subtree_is_the_units_own_and_follows_mergers(world):
    from tdkt.core.scope import unit_subtree_ids
    from tdkt.org.models import Unit

    assert unit_subtree_ids(world.unit_a) == world.unit_a.subtree_ids() == {world.unit_a.pk, world.unit_a_child.pk}
    Unit.objects.filter(pk=world.commune.pk).update(merged_into=world.unit_a)
    assert world.commune.pk in Unit.objects.subtree_ids(world.unit_a)


def test_an_id_too_big_for_the_database_is_404_not_an_error(world):
    """@fetch refuses ids outside bigint before the query, as the API's get_visible always did."""
    client = login(world.officer)
    assert client.get("/ho-so/99999999999999999999/").status_code == 404
    assert client.get("/ca-nhan/99999999999999999999/").status_code == 404


@pytest.mark.django_db
def test_an_eligibility_run_is_seen_by_roles_not_by_an_account_without_one(world):
    """run_status fetched the run by bare pk: any signed-in account saw any run."""
    from tdkt.eligibility.models import EligibilityRun

    run = EligibilityRun.objects.create(year=2024, awards="CSTD_CS")
    url = f"/xet-hang-loat/{run.pk}/"
    assert login(world.clerk_b).get(url).status_code == 200          # a province-wide run: counts only
    User.objects.create_user("khong-vai-tro", password=PASSWORD)
    roleless = Client()
    roleless.login(username="khong-vai-tro", password=PASSWORD)
    assert roleless.get(url).status_code == 404
    assert EligibilityRun.objects.editable_by(world.clerk_a).count() == 0
    assert EligibilityRun.objects.editable_by(world.officer).count() == 1


def _session_with_item(world):
    from tdkt.dossiers import services
    from tdkt.dossiers.models import AgendaItem, CouncilSession, SessionMember
    from tdkt.dossiers.tests.factories import award

    dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị", year=2025,
                                      authority="province_chair")
    nominee = services.add_nominee(world.clerk_a, dossier, award_type=award("BK_TINH"), subject_kind="individual",
                                   person=world.person_a, achievement="Hoàn thành xuất sắc nhiệm vụ")
    session = CouncilSession.objects.create(title="Phiên họp", held_on=clock.today(), quorum=Decimal("0.5"))
    SessionMember.objects.create(session=session, user=world.council)
    item = AgendaItem.objects.create(session=session, nominee=nominee, threshold=Decimal("0.5"))
    return session, item


def test_council_sessions_are_seen_by_members_the_office_and_the_leader(world):
    from tdkt.dossiers.models import AgendaItem, CouncilSession
    from tdkt.testing import make_user

    session, item = _session_with_item(world)
    outsider = make_user("tv-khac", "council")
    for user, expected in ((world.officer, 1), (world.leader, 1), (world.council, 1), (outsider, 0),
                           (world.clerk_a, 0), (world.viewer, 0)):
        assert CouncilSession.objects.visible_to(user).count() == expected, user
        assert AgendaItem.objects.visible_to(user).count() == expected, user
    assert CouncilSession.objects.editable_by(world.leader).count() == 0
    assert login(world.leader).get(f"/hoi-dong/{session.pk}/").status_code == 200
    assert login(outsider).get(f"/hoi-dong/{session.pk}/").status_code == 404


def test_a_clerk_of_unit_b_gets_404_on_an_agenda_item(world):
    """item_conflict fetched the agenda item by bare pk (a service check stood behind it)."""
    _session, item = _session_with_item(world)
    response = login(world.clerk_b).post(f"/hoi-dong/muc/{item.pk}/xung-dot/", {"reason": "Người quen"})
    assert response.status_code == 404
    assert item.recusals.count() == 0


def test_the_disclosure_page_is_public_only_while_the_dossier_is_disclosed(world):
    from tdkt.dossiers import services
    from tdkt.dossiers.models import Dossier

    dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị", year=2025,
                                      authority="province_chair")
    assert Client().get(f"/cong-khai/{dossier.pk}/").status_code == 404          # a draft is not public
    Dossier.objects.filter(pk=dossier.pk).update(status="disclosure", disclosure_start=clock.today(),
                                                 disclosure_end=clock.today() + datetime.timedelta(days=3))
    assert Client().get(f"/cong-khai/{dossier.pk}/").status_code == 200
    assert list(Dossier.objects.on_disclosure()) == [Dossier.objects.get(pk=dossier.pk)]


def test_a_clerk_of_unit_b_gets_404_on_unit_as_issued_file_and_certificate(world):
    from django.core.files.base import ContentFile

    from tdkt.dossiers import services
    from tdkt.dossiers.models import IssuedFile

    dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị", year=2025,
                                      authority="province_chair")
    IssuedFile.objects.create(dossier=dossier, kind="decision_pdf", file=ContentFile(b"%PDF-1.4", "qd.pdf"),
                              download_name="qd.pdf", size=8, sha256="0" * 64)
    url = f"/ho-so/{dossier.pk}/van-ban/decision_pdf/"
    assert login(world.clerk_a).get(url).status_code == 200
    assert login(world.clerk_b).get(url).status_code == 404
    assert IssuedFile.objects.visible_to(world.clerk_b).count() == 0


def test_api_get_visible_looks_up_by_other_fields_through_the_scope(world):
    """The registration endpoint filtered by hand; it now goes through get_visible(…, unit_id=, year=)."""
    from tdkt.emulation.models import Registration
    from tdkt.testing import token_client

    Registration.objects.create(unit=world.unit_a, year=2025)
    path = f"/api/emulation/registrations/{world.unit_a.pk}/2025"
    assert token_client(world.clerk_a).get(path).status_code == 200
    assert token_client(world.clerk_b).get(path).status_code == 404
