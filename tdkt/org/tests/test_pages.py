"""The pages of units and people, read as sentences about personas."""
import pytest
from django.test import Client

from tdkt.org import services
from tdkt.org.models import Person
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_login(world):
    response = Client().get("/ca-nhan/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]


def test_search_ignores_diacritics_case_and_d(world):
    client = login(world.officer)
    for query in ("nguyen van", "NGUYEN VAN DUC", "Nguyễn Văn Đức", "duc"):
        body = client.get("/ca-nhan/", {"q": query}).content.decode()
        assert "Nguyễn Văn Đức" in body, query
    body = client.get("/ca-nhan/", {"q": "nguyen thi"}).content.decode()
    assert "Nguyễn Thị Ánh" in body and "Nguyễn Văn Đức" not in body


def test_clerk_of_unit_b_gets_404_on_unit_a_person(world):
    client = login(world.clerk_b)
    assert client.get(f"/ca-nhan/{world.person_a.pk}/").status_code == 404
    assert client.get(f"/ca-nhan/{world.person_b.pk}/").status_code == 200
    assert "Nguyễn Văn Đức" not in client.get("/ca-nhan/", {"q": "nguyen"}).content.decode()
    assert client.get(f"/don-vi/{world.unit_a.pk}/").status_code == 404


def test_clerk_of_unit_a_sees_sub_unit_people_and_timeline(world):
    client = login(world.clerk_a)
    body = client.get(f"/ca-nhan/{world.person_a.pk}/").content.decode()
    assert "Năm 2024" in body and "Lao động tiên tiến" in body and "Hoàn thành xuất sắc nhiệm vụ" in body


def test_names_sort_the_vietnamese_way(world):
    from tdkt.core.services import system_actor

    for name in ("Trần Văn Bình", "Lê Thị Ánh", "Phạm An", "Đỗ Văn Dũng", "Vũ Thị Ân"):
        services.create_person(system_actor(), world.unit_a, full_name=name, gender="male")
    body = Client()
    client = login(world.officer)
    body = client.get("/ca-nhan/", {"sort": "full_name"}).content.decode()
    order = [n for n in ("Phạm An", "Lê Thị Ánh", "Vũ Thị Ân", "Trần Văn Bình", "Đỗ Văn Dũng", "Nguyễn Văn Đức")]
    positions = [body.index(n) for n in order]
    assert positions == sorted(positions)


def test_unit_tree_shows_merged_units_and_successor_finds_their_people(world):
    import datetime

    from tdkt.core.services import system_actor

    services.merge_units(system_actor(), [world.unit_a_child], world.unit_b, datetime.date(2025, 7, 1))
    person = Person.objects.get(pk=world.person_a.pk)
    assert person.unit_id == world.unit_b.pk
    assert person.employments.count() == 2
    client = login(world.clerk_b)
    # The merged unit and the awards it holds are findable from the successor's scope.
    assert client.get(f"/don-vi/{world.unit_a_child.pk}/").status_code == 200
    body = client.get(f"/don-vi/{world.unit_b.pk}/").content.decode()
    assert "Phòng Ngân sách" in body
    assert "Lao động tiên tiến" in client.get("/khen-thuong/", {"q": "nguyen van duc"}).content.decode()


def test_history_tab_lists_audited_changes(world):
    from tdkt.org.services import update_person

    update_person(world.officer, world.person_a, position="Phó Giám đốc")
    body = login(world.officer).get(f"/nhat-ky/org.person/{world.person_a.pk}/").content.decode()
    assert "Phó Giám đốc" in body and "Trưởng phòng" in body
    assert login(world.clerk_b).get(f"/nhat-ky/org.person/{world.person_a.pk}/").status_code == 404


def test_home_shows_the_years_figures(world):
    body = login(world.officer).get("/", {"nam": 2024}).content.decode()
    assert "Lao động tiên tiến" in body and "năm 2024" in body


def test_scope_follows_chains_of_mergers(world):
    """B absorbs A's sub-unit; later a new unit absorbs B: the last successor finds all of it."""
    import datetime

    from tdkt.core.scope import unit_subtree_ids
    from tdkt.core.services import system_actor

    actor = system_actor()
    services.merge_units(actor, [world.unit_a_child], world.unit_b, datetime.date(2025, 7, 1))
    new = services.create_unit(actor, name="Sở Y tế và Tài chính", code="SYTTC", kind="department",
                               parent=world.province)
    services.merge_units(actor, [world.unit_b], new, datetime.date(2026, 1, 1))
    ids = unit_subtree_ids(new)
    assert {new.pk, world.unit_b.pk, world.unit_b_child.pk, world.unit_a_child.pk} <= ids
    world.unit_b_child.refresh_from_db()
    assert world.unit_b_child.parent_id == new.pk and world.unit_b_child.path.startswith(new.path)
    assert world.unit_a.pk not in ids and world.commune.pk not in ids


def test_search_counts_common_names_only_up_to_the_cap(world, monkeypatch):
    """Counting every match of a common name read the whole register per keystroke: past the cap the
    page says "more than" and pages through the first matches only."""
    from tdkt.org import views

    monkeypatch.setattr(views, "SEARCH_COUNT_CAP", 1)
    client = login(world.officer)
    body = client.get("/ca-nhan/", {"q": "nguyen"}).content.decode()
    assert "Tìm thấy hơn 1 cá nhân; chỉ hiện 1 trang đầu" in body
    assert "Tìm thấy 1 cá nhân." in client.get("/ca-nhan/", {"q": "nguyen van duc"}).content.decode()
