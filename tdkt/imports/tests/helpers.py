"""Building real .xlsx files for the import tests, and driving the pages like a browser with HTMX."""
from __future__ import annotations

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from tdkt.imports.models import ImportBatch
from tdkt.testing import PASSWORD

PEOPLE_HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Dân tộc", "Số CCCD", "Đơn vị", "Chức vụ", "Lãnh đạo",
                 "Trực tiếp LĐSX", "Loại cán bộ", "Ngày vào làm"]
AWARD_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Đối tượng", "Danh hiệu/Hình thức", "Năm", "Loại hình",
                "Thành tích", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def xlsx(header: list, rows: list[list], *, title_rows: list[list] | None = None) -> bytes:
    """A workbook whose first sheet has optional title lines, the header, then the rows."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for line in title_rows or []:
        ws.append(line)
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client, kind: str, name: str, data: bytes):
    return client.post(reverse("imports:upload"), {"kind": kind, "file": upload_file(name, data)})


def run_steps(client, batch_id: int, limit: int = 1000):
    """POST the step URL as HTMX does until the fragment stops asking for another step; returns the
    fragments in order."""
    fragments = []
    for _ in range(limit):
        response = client.post(reverse("imports:step", args=[batch_id]), HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        html = response.content.decode()
        fragments.append(html)
        if 'hx-trigger="load"' not in html:
            return fragments
    raise AssertionError("validation never finished")


def upload_and_validate(client, kind: str, name: str, data: bytes):
    """Upload, follow the progress steps, and return (batch, preview page HTML)."""
    response = upload(client, kind, name, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    batch = ImportBatch.objects.latest("id")
    assert response["Location"] == reverse("imports:batch", args=[batch.pk])
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'hx-trigger="load"' in page.content.decode()
    run_steps(client, batch.pk)
    page = client.get(response["Location"]).content.decode()
    batch.refresh_from_db()
    return batch, page


def error_rows(page: str) -> list[tuple[str, str, str]]:
    """(row, column, reason) of the preview's error table."""
    table = page.split('id="import-errors"', 1)[1].split("</table>", 1)[0]
    cells = re.findall(r"<tr><td[^>]*>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", table, re.S)
    return [tuple(c.strip() for c in cell) for cell in cells]
