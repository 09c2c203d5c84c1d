"""Registration for emulation: by the deadline, for the unit and its people; roll-ups per block and
province; registered against achieved."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tdkt.awards import services as award_services
from tdkt.core import clock
from tdkt.core.services import system_actor
from tdkt.dossiers.tests.factories import award
from tdkt.emulation.models import Registration, RegistrationItem
from tdkt.emulation.services import registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(world):
    return registrations.set_period(world.officer, year=2026, deadline=clock.today() + dt.timedelta(days=5))


def test_unit_registers_titles_for_itself_and_its_people(world, period):
    reg = registrations.save_registration(
        world.clerk_a, world.unit_a, 2026, commitments="Hoàn thành 100% chỉ tiêu được giao",
        unit_titles=[award("TTLDXS")], individuals=[(world.person_a, award("CSTD_CS")), (world.person_a, award("LDTT"))])
    assert reg.items.count() == 3
    reg = registrations.submit_registration(world.clerk_a, reg)
    assert reg.status == "submitted" and reg.submitted_by == world.clerk_a
    # Saving again replaces the list.
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDTT")])
    assert list(RegistrationItem.objects.values_list("award_type__code", flat=True)) == ["TTLDTT"]


def test_bad_rows_are_named_and_nothing_saved(world, period):
    with pytest.raises(ValidationError) as exc:
        registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("LDTT")],
                                        individuals=[(world.person_b, award("CSTD_CS")),
                                                     (world.person_a, award("TTLDXS"))])
    messages = exc.value.message_dict
    assert messages["unit_titles"] == ["“Lao động tiên tiến” không dành cho tập thể."]
    assert "Dòng 1: Nguyễn Thị Ánh không thuộc Sở Tài chính." in messages["individuals"]
    assert "Dòng 2: “Tập thể lao động xuất sắc” không dành cho cá nhân." in messages["individuals"]
    assert not Registration.objects.exists()


def test_after_the_deadline_registration_is_refused(world, period):
    clock.travel(6)
    with pytest.raises(ValidationError) as exc:
        registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDXS")])
    assert exc.value.message_dict["year"] == [
        f"Đã quá hạn đăng ký thi đua năm 2026 (hạn {period.deadline:%d/%m/%Y})."]
    assert not Registration.objects.exists()


def test_no_registration_before_the_province_opens_it(world):
    with pytest.raises(ValidationError) as exc:
        registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDXS")])
    assert exc.value.message_dict["year"] == ["Tỉnh chưa mở đăng ký thi đua năm 2026."]


def test_clerks_register_only_their_own_unit(world, period):
    with pytest.raises(Http404):
        registrations.save_registration(world.clerk_b, world.unit_a, 2026, unit_titles=[award("TTLDXS")])
    with pytest.raises(PermissionDenied):
        registrations.save_registration(world.viewer, world.unit_a, 2026, unit_titles=[award("TTLDXS")])


def test_rollup_and_registered_vs_achieved(world, period):
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDXS")],
                                    individuals=[(world.person_a, award("LDTT"))])
    registrations.save_registration(world.clerk_b, world.unit_b, 2026, unit_titles=[award("TTLDXS")],
                                    individuals=[(world.person_b, award("LDTT")), (world.person_b, award("CSTD_CS"))])
    rows = {r["award"].code: r for r in registrations.rollup(2026)}
    assert (rows["TTLDXS"]["collectives"], rows["TTLDXS"]["units"]) == (2, 2)
    assert rows["LDTT"]["individuals"] == 2 and rows["CSTD_CS"]["individuals"] == 1
    only_a = {r["award"].code: r for r in registrations.rollup(2026, [world.unit_a.pk])}
    assert set(only_a) == {"TTLDXS", "LDTT"}
    root = system_actor()
    award_services.create_award_record(root, award_type=award("LDTT"), subject_kind="individual",
                                       person=world.person_b, year=2026)
    award_services.create_award_record(root, award_type=award("TTLDXS"), subject_kind="collective",
                                       recipient_unit=world.unit_a, year=2026)
    award_services.create_award_record(root, award_type=award("LDTT"), subject_kind="individual",
                                       person=world.person_a, year=2025)   # another year: not counted
    result = {r["award"].code: (r["registered"], r["achieved"], r["percent"])
              for r in registrations.registered_vs_achieved(2026)}
    assert result == {"TTLDXS": (2, 1, 50), "LDTT": (2, 1, 50), "CSTD_CS": (1, 0, 0)}


def test_block_rollup_counts_only_member_units(world, period):
    from .factories import make_block

    bw = make_block(world, 3, open_scoring=False)
    registrations.save_registration(bw.clerks[0], bw.units[0], 2026, unit_titles=[award("TTLDXS")])
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDXS")])
    rows = registrations.block_rollup(bw.block)
    assert [(r["award"].code, r["collectives"]) for r in rows] == [("TTLDXS", 1)]
