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
