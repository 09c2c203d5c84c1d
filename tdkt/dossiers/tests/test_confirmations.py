"""Issue 12 point 1 on the dossier page: submitting, withdrawing, removing a nominee and deleting an
attachment ask first and say what will happen; a nominee the engine finds not eligible is named."""
import re

import pytest

from tdkt.testing import login

from .factories import ready_dossier

pytestmark = pytest.mark.django_db


def confirm_of(page: str, form_marker: str) -> str:
    tag = next(t for t in re.findall(r"<form[^>]*>", page) if form_marker in t)
    found = re.search(r'data-confirm="([^"]*)"', tag)
    return found.group(1) if found else ""


def test_point1_irreversible_dossier_acts_ask_first_and_name_the_not_eligible(world):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    page = login(world.clerk_a).get(f"/ho-so/{dossier.pk}/").content.decode()
    submit = confirm_of(page, "/nop/")
    assert f"hồ sơ {dossier.code}" in submit and "không sửa được" in submit
    assert "1 đối tượng chưa đủ điều kiện" in submit and "Nguyễn Văn Đức" in submit
    assert 'id="not-eligible-warning"' in page
    assert "Rút hồ sơ" in confirm_of(page, "/rut/")
    assert "Bỏ Nguyễn Văn Đức" in confirm_of(page, "/bo/")
    assert "Xóa tệp" in confirm_of(page, "/xoa/")
