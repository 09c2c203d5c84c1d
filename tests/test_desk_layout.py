"""Point 8 of issue 12 (the layout part): the certificate print layout is a form editor, one row per
field in millimetres with its own errors and a drawing of the page, reached from the menu; the JSON
stays as an advanced option."""
import pytest

from tdkt.documents.certificate import FIELDS
from tdkt.dossiers.services import issuance
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def table_post(response) -> dict:
    """The editor's table as the browser would send it back unchanged."""
    data = {"page_width_mm": response.context["page_form"].initial["page_width_mm"],
            "page_height_mm": response.context["page_form"].initial["page_height_mm"]}
    for row in response.context["rows"]:
        for name, value in row.initial.items():
            if isinstance(value, bool):
                if value:
                    data[f"{row.key}-{name}"] = "on"
            else:
                data[f"{row.key}-{name}"] = value
    return data


def test_point8_the_layout_editor_is_a_table_in_millimetres_with_a_preview_linked_from_the_menu(world):
    client = login(world.officer)
    home = client.get("/").content.decode()
    assert 'href="/mau-phoi/bang_khen/" id="nav-layout"' in home
    response = client.get("/mau-phoi/bang_khen/")
    text = response.content.decode()
    assert 'id="layout-table"' in text and 'id="layout-preview"' in text
    assert [row.key for row in response.context["rows"]] == FIELDS
    assert 'name="recipient_name-x_mm"' in text and 'data-field="recipient_name"' in text
    assert 'viewBox="0 0 420 297"' in text


def test_point8_saving_the_table_moves_a_field_and_keeps_the_rest(world):
    client = login(world.officer)
    data = table_post(client.get("/mau-phoi/giay_khen/"))
    data["recipient_name-y_mm"] = "90.5"
    data.pop("serial-on_blank", None)
    response = client.post("/mau-phoi/giay_khen/", data)
    assert response.status_code == 302
    layout = issuance.layout_for("giay_khen")
    assert layout.fields["recipient_name"].y_mm == 90.5
    assert "serial" not in layout.blank_fields and "qr" in layout.blank_fields
    assert layout.fields["issuer_title"].color == "#c00000"  # colours kept


def test_point8_each_bad_row_gets_its_own_error_and_nothing_is_saved(world):
    client = login(world.officer)
    data = table_post(client.get("/mau-phoi/giay_khen/"))
    data["recipient_name-width_mm"] = "290"   # 28 + 290 > 297: off the page
    data["serial-font_size_pt"] = "abc"
    data["qr-y_mm"] = "250"                   # below the page
    response = client.post("/mau-phoi/giay_khen/", data)
    assert response.status_code == 200
    rows = {row.key: row for row in response.context["rows"]}
    assert "Vượt ra ngoài khổ giấy" in rows["recipient_name"].errors["width_mm"][0]
    assert "phải là một số" in rows["serial"].errors["font_size_pt"][0]
    assert "Nằm ngoài khổ giấy" in rows["qr"].errors["y_mm"][0]
    assert response.context["row_errors"] == 3
    text = response.content.decode()
    assert 'value="abc"' in text  # what was typed stays
    assert issuance.layout_for("giay_khen").fields["recipient_name"].width_mm == 241  # not saved


def test_point8_the_json_stays_as_an_advanced_option(world):
    import json

    client = login(world.officer)
    response = client.get("/mau-phoi/bang_khen/")
    data = json.loads(response.context["form"].initial["layout_json"])
    data["fields"]["serial"]["x_mm"] = 40
    saved = client.post("/mau-phoi/bang_khen/", {"layout_json": json.dumps(data)})
    assert saved.status_code == 302 and issuance.layout_for("bang_khen").fields["serial"].x_mm == 40
    bad = client.post("/mau-phoi/bang_khen/", {"layout_json": "{"})
    assert bad.status_code == 200 and "JSON không hợp lệ" in bad.content.decode()
