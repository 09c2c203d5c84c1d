"""The downloadable templates: Vietnamese headers, an example row the import skips, the guide sheet."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tdkt.imports.models import BatchStatus

from .helpers import login, upload_and_validate

PEOPLE = ["STT", "Họ và tên*", "Giới tính*", "Ngày sinh", "Dân tộc", "Số CCCD", "Đơn vị*", "Chức vụ", "Lãnh đạo",
          "Trực tiếp LĐSX", "Loại cán bộ", "Ngày vào làm"]
AWARDS = ["STT", "Họ và tên (hoặc Tên tập thể)", "Ngày sinh", "Đơn vị*", "Đối tượng", "Danh hiệu/Hình thức*", "Năm*",
          "Loại hình", "Thành tích", "Số quyết định*", "Ngày quyết định*", "Cơ quan ban hành"]


def download(client, slug):
    response = client.get(reverse("imports:template", args=[slug]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == f'attachment; filename="mau-{slug}.xlsx"'
    return response.content


@pytest.mark.django_db
class TestTemplates:
    @pytest.mark.parametrize("slug,header", [("ca-nhan", PEOPLE), ("khen-thuong", AWARDS)])
    def test_the_template_downloads_and_reads_back_with_its_headers(self, client, world, slug, header):
        login(client, world.clerk_a)
        data = download(client, slug)
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        assert workbook.sheet_names[1] == "Hướng dẫn"
        rows = workbook.get_sheet_by_index(0).to_python()
        assert rows[0] == header
        assert rows[1][0] == "Ví dụ" and rows[1][header.index("Đơn vị*")] == "STC-NS"
        guide = [[str(c) for c in row] for row in workbook.get_sheet_by_index(1).to_python()]
        codes = {row[0] for row in guide}
        assert {"STC", "STC-NS"} <= codes and "SYT" not in codes     # only the units in the clerk's scope
        if slug == "khen-thuong":
            assert {"CSTD_CS", "BK_TINH", "LDTT"} <= codes
            names = {row[1] for row in guide}
            assert "Chiến sĩ thi đua cơ sở" in names
        ws = load_workbook(io.BytesIO(data)).active
        assert ws["B1"].font.bold
        assert ws.data_validations.dataValidation      # drop-down lists

    def test_an_unknown_template_is_404(self, client, world):
        login(client, world.clerk_a)
        assert client.get(reverse("imports:template", args=["khac"])).status_code == 404

    def test_a_filled_in_template_imports_and_its_example_row_is_skipped(self, client, world):
        login(client, world.clerk_a)
        wb = load_workbook(io.BytesIO(download(client, "ca-nhan")))
        ws = wb.active
        ws.append([1, "Tạ Văn Sơn", "Nam", "12/12/1991", "", "035091000777", "STC", "", "", "", "", ""])
        buffer = io.BytesIO()
        wb.save(buffer)
        batch, page = upload_and_validate(client, "people", "mau-ca-nhan.xlsx", buffer.getvalue())
        assert batch.status == BatchStatus.VALID, batch.errors
        assert batch.data_rows == 1 and batch.header_row == 1


@pytest.mark.django_db
def test_the_upload_page_links_both_templates_and_lists_ones_own_batches(client, world):
    login(client, world.clerk_a)
    page = client.get(reverse("imports:upload")).content.decode()
    assert 'href="/nhap-excel/mau-ca-nhan.xlsx"' in page and 'href="/nhap-excel/mau-khen-thuong.xlsx"' in page
    assert 'enctype="multipart/form-data"' in page and "csrfmiddlewaretoken" in page
    batch, _ = upload_and_validate(client, "people", "cua-toi.xlsx", download(client, "ca-nhan"))
    assert "cua-toi.xlsx" in client.get(reverse("imports:upload")).content.decode()
    assert "cua-toi.xlsx" in client.get(reverse("imports:batches")).content.decode()
