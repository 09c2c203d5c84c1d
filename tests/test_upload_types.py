"""Issue 11 §3: an upload must parse as the type it claims (a PDF header followed by an executable passed).

`tdkt.core.uploads.check_document` sniffs the signature, then `opens_as` parses the whole file: a PDF
with pypdf, a .xlsx with openpyxl, a .docx with python-docx; a zip that would unpack too large is
refused unopened. The refusal is in Vietnamese and names the field.
"""
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tdkt.core import uploads
from tdkt.core.uploads import BLANK_PDF as PDF, check_document, opens_as
from tdkt.dossiers import services
from tdkt.dossiers.models import Attachment
from tdkt.dossiers.tests.factories import docx

EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode."


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_a_pdf_header_followed_by_an_executable_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_document(upload("to-trinh.pdf", b"%PDF-1.7\n" + EXECUTABLE), field_label="Tờ trình")
    message = exc.value.messages[0]
    assert message.startswith("Tờ trình: tệp mang dấu hiệu PDF nhưng không mở được") and "giả dạng" in message


@pytest.mark.parametrize("name, data", [
    ("bao-cao.docx", _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})),
    ("bao-cao.docx", _zip({"word/document.xml": EXECUTABLE})),
    ("danh-sach.xlsx", _zip({"xl/workbook.xml": "<workbook/>", "payload.exe": EXECUTABLE})),
])
def test_a_zip_that_only_names_the_office_parts_is_refused(name, data):
    with pytest.raises(ValidationError) as exc:
        check_document(upload(name, data))
    assert "không mở được như một tệp" in exc.value.messages[0]


@pytest.mark.parametrize("name, data, kind", [
    ("to-trinh.pdf", PDF, "pdf"), ("bao-cao.docx", docx().read(), "docx"), ("danh-sach.xlsx", _xlsx(), "xlsx")])
def test_real_files_of_each_kind_still_pass(name, data, kind):
    assert check_document(upload(name, data)) == kind


def test_a_zip_that_would_unpack_too_large_is_refused_unopened(monkeypatch):
    data = docx().read()
    assert opens_as(upload("a.docx", data), "docx")
    monkeypatch.setattr(uploads, "UNZIPPED_MAX_BYTES", 1000)
    assert not opens_as(upload("a.docx", data), "docx")


@pytest.mark.django_db
def test_an_attachment_with_a_pdf_header_and_an_executable_is_not_stored(world):
    dossier = services.create_dossier(world.clerk_a, proposing_unit=world.unit_a, title="Đề nghị khen năm 2025",
                                      authority="province_chair", year=2025)
    with pytest.raises(ValidationError) as exc:
        services.add_attachment(world.clerk_a, dossier, upload=upload("to-trinh.pdf", b"%PDF-1.4\n" + EXECUTABLE),
                                kind="proposal")
    assert "file" in exc.value.message_dict
    assert not Attachment.objects.exists()


@pytest.mark.django_db
def test_the_verification_page_refuses_a_pdf_header_followed_by_an_executable(client):
    body = client.post("/xac-minh/", {"upload": upload("bang.pdf", b"%PDF-1.7\n" + EXECUTABLE)}).content.decode()
    assert "Tệp không phải PDF hợp lệ: chỉ phần đầu giống PDF" in body
