"""Issue 12 point 7: one searchable picker for units, people and households. The choices stay the
form's own (scoped) queryset; each option carries its context (the parent unit), and a multiple
choice is a picker with chips instead of a Ctrl-click list."""
import re

import pytest
from django import forms

from tdkt.core.widgets import SearchSelect, SearchSelectMultiple, searchable
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def select_tag(page: str, name: str) -> str:
    return re.search(rf'<select[^>]*name="{name}"[^>]*>', page).group(0)


def option_tag(page: str, label: str) -> str:
    return re.search(rf'<option[^>]*>(?:— )*{re.escape(label)}[^<]*</option>', page).group(0)


def test_point7_unit_pickers_search_and_show_the_parent_unit(world):
    client = login(world.admin)
    for url, name in [("/ca-nhan/them/", "unit"), ("/don-vi/them/", "parent"), ("/tai-khoan/them/", "unit"),
                      ("/khen-thuong-kip-thoi/", "unit")]:
        page = client.get(url).content.decode()
        assert 'data-picker="single"' in select_tag(page, name), url
        assert 'data-context="Sở Tài chính"' in option_tag(page, "Phòng Ngân sách"), url
        assert "core/picker.js" in page, url


def test_point7_a_multiple_unit_choice_is_a_picker_not_a_ctrl_click_list(world):
    page = login(world.admin).get("/don-vi/sap-nhap/").content.decode()
    tag = select_tag(page, "sources")
    assert 'data-picker="multiple"' in tag and "multiple" in tag and 'size="10"' not in tag


def test_searchable_keeps_the_fields_choices_and_requiredness(world):
    class F(forms.Form):
        one = forms.ChoiceField(choices=[("1", "Văn phòng")])
        many = forms.MultipleChoiceField(choices=[("1", "Văn phòng")], required=False)

    form = F()
    searchable(form.fields["one"])
    searchable(form.fields["many"], placeholder="Chọn đơn vị")
    assert isinstance(form.fields["one"].widget, SearchSelect)
    assert isinstance(form.fields["many"].widget, SearchSelectMultiple)
    html = str(form["many"])
    assert 'data-picker="multiple"' in html and 'data-placeholder="Chọn đơn vị"' in html and "Văn phòng" in html
    assert form.fields["one"].widget.is_required


def test_point7_the_pickers_search_folds_diacritics_and_keeps_to_the_users_scope(world):
    client = login(world.clerk_a)
    found = client.get("/to-chuc/tim/", {"loai": "ca-nhan", "q": "nguyen van duc"}).json()
    assert found["results"] == [{"id": world.person_a.pk, "label": "Nguyễn Văn Đức",
                                 "context": "Trưởng phòng – Phòng Ngân sách"}]
    assert client.get("/to-chuc/tim/", {"loai": "ca-nhan", "q": "nguyen thi anh"}).json()["results"] == []
    units = client.get("/to-chuc/tim/", {"loai": "don-vi", "q": "PHONG NGAN SACH"}).json()["results"]
    assert [(u["label"], u["context"]) for u in units] == [("Phòng Ngân sách", "Sở Tài chính")]
    assert client.get("/to-chuc/tim/", {"loai": "ca-nhan", "q": "nguyen", "trong": world.unit_b.pk}).status_code == 404
    office = login(world.officer).get("/to-chuc/tim/", {"loai": "ca-nhan", "q": "nguyen",
                                                        "trong": world.unit_b.pk}).json()["results"]
    assert [p["label"] for p in office] == ["Nguyễn Thị Ánh"]
