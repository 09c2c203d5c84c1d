"""Blocks and clusters: creation with members, head and deputy; scope; rotation and the copy into
the next year."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tdkt.core.models import AuditEvent
from tdkt.emulation import services
from tdkt.emulation.models import Block

from .factories import criteria, make_block, member_units

pytestmark = pytest.mark.django_db


def test_officer_creates_a_block_of_eight_with_head_and_deputy(world):
    bw = make_block(world, open_scoring=False)
    roles = {m.unit_id: m.role for m in bw.block.members.all()}
    assert len(roles) == 8 and roles[bw.head.pk] == "head" and roles[bw.deputy.pk] == "deputy"
    assert AuditEvent.objects.filter(model="emulation.block", object_id=str(bw.block.pk), action="create").exists()


def test_a_clerk_cannot_create_a_block(world):
    units, _ = member_units(world, 3)
    with pytest.raises(PermissionDenied):
        services.create_block(world.clerk_a, name="Khối A", year=2026, units=units)
    assert not Block.objects.exists()


def test_bad_block_input_names_every_field_and_saves_nothing(world):
    units, _ = member_units(world, 3)
    with pytest.raises(ValidationError) as exc:
        services.create_block(world.officer, name=" ", year=1990, units=units[:1], head=units[0], deputy=units[0],
                              vote_threshold="0,3")
    fields = exc.value.message_dict
    assert {"name", "year", "units", "deputy", "vote_threshold"} <= set(fields)
    assert "ít nhất 2 đơn vị" in fields["units"][0]
    assert not Block.objects.exists()


def test_a_unit_belongs_to_one_block_a_year(world):
    bw = make_block(world, 3, open_scoring=False)
    with pytest.raises(ValidationError) as exc:
        services.create_block(world.officer, name="Khối khác", year=bw.block.year, units=[bw.units[0], world.unit_a])
    assert "Sở Nội vụ đã là thành viên Khối các sở quản lý nhà nước" in exc.value.message_dict["units"][0]


def test_members_see_their_block_others_get_nothing(world):
    bw = make_block(world, 3, open_scoring=False)
    assert list(Block.objects.visible_to(bw.clerks[2])) == [bw.block]
    assert not Block.objects.visible_to(world.clerk_b).exists()
    assert Block.objects.visible_to(world.council).count() == 1


def test_copy_to_next_year_keeps_members_advances_rotation_and_copies_the_table(world):
    bw = make_block(world, 4, open_scoring=False)
    head, deputy = services.proposed_next_head(bw.block)
    assert (head, deputy) == (bw.units[1], bw.units[2])
    nxt = services.copy_to_next_year(world.officer, bw.block)
    assert nxt.year == bw.block.year + 1 and nxt.previous == bw.block and nxt.status == "setup"
    members = list(nxt.members.order_by("rotation_order"))
    assert [m.unit for m in members] == bw.units
    assert [m.role for m in members] == ["member", "head", "deputy", "member"]
    assert set(criteria(nxt)) == set(criteria(bw.block))
    with pytest.raises(ValidationError):
        services.copy_to_next_year(world.officer, bw.block)


def test_rotation_wraps_around_to_the_first_member(world):
    units, _ = member_units(world, 3)
    block = services.create_block(world.officer, name="Cụm 1", kind="cluster", year=2026, units=units,
                                  head=units[2], deputy=units[0])
    assert services.proposed_next_head(block) == (units[0], units[1])
