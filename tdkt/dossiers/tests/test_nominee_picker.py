"""Issue 12 point 7 on the nominee form: the person picker is the searchable picker, scoped to the
proposing unit's people, each shown with position and unit."""
import re

import pytest

from tdkt.testing import login

from .factories import ready_dossier

pytestmark = pytest.mark.django_db


def select_tag(page: str, name: str) -> str:
    return re.search(rf'<select[^>]*name="{name}"[^>]*>', page).group(0)


def option_tag(page: str, label: str) -> str:
    return re.search(rf'<option[^>]*>(?:— )*{re.escape(label)}[^<]*</option>', page).group(0)


def test_point7_the_nominee_picker_shows_position_and_unit_and_only_the_dossiers_people(world):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [])
    page = login(world.clerk_a).get(f"/ho-so/{dossier.pk}/doi-tuong/them/").content.decode()
    assert 'data-picker="single"' in select_tag(page, "person")
    assert 'data-context="Trưởng phòng – Phòng Ngân sách"' in option_tag(page, "Nguyễn Văn Đức")
    assert "Nguyễn Thị Ánh" not in page          # a person of another unit is not offered
    assert 'data-context="Sở Tài chính"' in option_tag(page, "Phòng Ngân sách")


def test_point7_a_long_list_of_people_is_searched_on_the_server(world, monkeypatch):
    from tdkt.dossiers import forms
    from tdkt.dossiers.models import Nominee
    from tdkt.dossiers.tests.factories import award

    monkeypatch.setattr(forms, "PEOPLE_SENT_WITH_THE_PAGE", 0)
    dossier = ready_dossier(world.clerk_a, world.unit_a, [])
    client = login(world.clerk_a)
    url = f"/ho-so/{dossier.pk}/doi-tuong/them/"
    tag = select_tag(client.get(url).content.decode(), "person")
    assert f'data-picker-url="/to-chuc/tim/?loai=ca-nhan&amp;trong={world.unit_a.pk}"' in tag
    assert "Nguyễn Văn Đức" not in client.get(url).content.decode()     # not sent with the page
    live = client.post(url, {"subject_kind": "individual", "person": world.person_a.pk,
                             "award_type": award("BK_TINH").pk, "achievement": "Thành tích", "kiem_tra": "1"})
    assert 'data-verdict="failed"' in live.content.decode()
    # The chosen person is checked against the form's own queryset and shown again with the page.
    response = client.post(url, {"subject_kind": "individual", "person": world.person_a.pk,
                                 "award_type": award("BK_TINH").pk, "achievement": ""})
    assert response.status_code == 200 and "Nguyễn Văn Đức" in select_tag_and_options(response.content.decode())
    response = client.post(url, {"subject_kind": "individual", "person": world.person_a.pk,
                                 "award_type": award("BK_TINH").pk, "achievement": "Thành tích"})
    assert response.status_code == 302
    assert Nominee.objects.get().person == world.person_a


def select_tag_and_options(page: str) -> str:
    return re.search(r'<select[^>]*name="person".*?</select>', page, re.S).group(0)
