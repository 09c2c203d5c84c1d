"""What an issued decision produces, read back from the files: the signed decision PDF and its Word
twin with the list and reward money, one signed certificate per recipient with a QR link to the
public verification page, print-on-blank output with the province's layout, and the minutes."""
import io
import json
import re

import docx
import pytest
from django.urls import reverse

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardRecord
from tdkt.core import clock
from tdkt.core.services import system_actor
from tdkt.documents.signing import verify_pdf
from tdkt.documents.text import money_vn, pdf_text
from tdkt.dossiers.models import Certificate, CertificateLayoutSetting, IssuedFile
from tdkt.dossiers.services import decisions, issuance
from tdkt.org import services as org_services
from tdkt.rules import money

from .factories import ready_dossier, sign_and_number, through_disclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(world, settings, django_capture_on_commit_callbacks):
    """A decision for three recipients: two Bằng khen (a person, a collective) and a Chiến sĩ thi đua
    cấp tỉnh, with every file made after the commit."""
    hoa = org_services.create_person(system_actor(), world.unit_a_child, full_name="Đặng Thị Hoà", gender="female",
                                     position="Phó Trưởng phòng")
    for year in (2023, 2024, 2025):
        award_services.set_rating(system_actor(), person=world.person_a, year=year, level="excellent")
    dossier = ready_dossier(world.clerk_a, world.unit_a, [
        ({"person": hoa}, "BK_TINH"),
        ({"recipient_unit": world.unit_a_child}, "BK_TINH"),
        ({"person": world.person_a}, "CSTD_TINH"),
    ], authority="province_chair")
    dossier.letter_number, dossier.letter_date = "25/TTr-STC", clock.today()
    dossier.save()
    through_disclosure(world, dossier)
    settings.TDKT_PUBLIC_URL = "https://thiduakhenthuong.hanam.gov.vn"
    with django_capture_on_commit_callbacks(execute=True):
        decision = sign_and_number(world, dossier, sign_prefix="KT. CHỦ TỊCH", signer_title="Phó Chủ tịch")
    dossier.refresh_from_db()
    return dossier, decision


def read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def test_the_decision_pdf_is_signed_and_lists_the_recipients_with_money(decided, settings):
    dossier, decision = decided
    data = read(IssuedFile.objects.get(dossier=dossier, kind="decision_pdf").file)
    assert verify_pdf(data, settings.TDKT_SIGNER_DIR).valid
    text = re.sub(r"\s+", " ", pdf_text(data))
    assert "Số: 1/QĐ-UBND" in text
    day = decision.signed_on
    assert f"Hà Nam, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" in text
    assert "Bà Đặng Thị Hoà" in text and "Phòng Ngân sách" in text and "Ông Nguyễn Văn Đức" in text
    assert "Tờ trình số 25/TTr-STC" in text and "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text
    # Reward money from the rule engine (NĐ 152/2025): 1.5 × base salary for a person's Bằng khen
    # tỉnh, 3 × for a collective's, rounded up to 10,000 đ.
    person = money.reward("BK_TINH", "individual", day).amount
    collective = money.reward("BK_TINH", "collective", day).amount
    assert collective == 2 * person - 10_000 or collective == 2 * person
    assert f"Phó Trưởng phòng, Phòng Ngân sách {money_vn(person)}" in text
    assert f"Trực thuộc Sở Tài chính {money_vn(collective)}" in text


def test_the_decision_word_file_has_the_same_list(decided):
    dossier, _ = decided
    document = docx.Document(io.BytesIO(read(IssuedFile.objects.get(dossier=dossier, kind="decision_docx").file)))
    cells = " ".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
    body = " ".join(p.text for p in document.paragraphs)
    assert "Đặng Thị Hoà" in cells and "Phòng Ngân sách" in cells
    assert "1/QĐ-UBND" in body + cells


def test_one_signed_certificate_per_printed_award_numbered_in_list_order(decided, settings):
    dossier, decision = decided
    certs = list(Certificate.objects.filter(dossier=dossier).select_related("award_record"))
    assert sorted(c.award_record.recipient_name for c in certs) == ["Nguyễn Văn Đức", "Phòng Ngân sách", "Đặng Thị Hoà"]
    records = list(issuance.decision_records(decision))
    for cert in certs:
        assert cert.order == records.index(cert.award_record) + 1
        data = read(cert.file)
        assert verify_pdf(data, settings.TDKT_SIGNER_DIR).valid
        text = pdf_text(data)
        assert cert.award_record.recipient_name.replace("Phòng", "Phòng") in text
        assert f"Số sổ vàng: {cert.order:02d}" in text and "1/QĐ-UBND" in text
        assert ("BẰNG KHEN" if cert.award_record.award_type.code == "BK_TINH" else "CHIẾN SĨ THI ĐUA CẤP TỈNH") in text
        assert cert.layout_name == "bang_khen"
    hoa = next(c for c in certs if c.award_record.recipient_name == "Đặng Thị Hoà")
    assert "Phó Trưởng phòng, Phòng Ngân sách" in pdf_text(read(hoa.file))


def test_the_qr_link_opens_the_public_entry(decided, client):
    dossier, decision = decided
    cert = Certificate.objects.get(dossier=dossier, award_record__recipient_name="Đặng Thị Hoà")
    pdf = read(cert.file)
    assert f"https://thiduakhenthuong.hanam.gov.vn/xac-minh/{cert.code}/" in link_targets(pdf)  # beside the QR code
    page = client.get(f"/xac-minh/{cert.code}/")
    html = page.content.decode()
    assert page.status_code == 200 and "còn hiệu lực" in html and "Đặng Thị Hoà" in html and "1/QĐ-UBND" in html
    assert client.get("/xac-minh/khong-ton-tai-123/").status_code == 404


def test_an_uploaded_certificate_is_checked_against_signature_and_register(decided, client):
    dossier, _ = decided
    cert = Certificate.objects.filter(dossier=dossier).first()
    genuine = read(cert.file)
    ok = client.post(f"/xac-minh/{cert.code}/", {"upload": _upload(genuine)})
    assert 'data-valid="1"' in ok.content.decode()
    tampered = genuine.replace(b"/Title (", b"/Title (X", 1) if b"/Title (" in genuine else genuine[:-200] + genuine[-100:]
    bad = client.post("/xac-minh/", {"upload": _upload(tampered)}).content.decode()
    assert 'data-valid="0"' in bad
    not_pdf = client.post("/xac-minh/", {"upload": _upload(b"MZ\x90\x00 not a pdf", "bang.pdf")}).content.decode()
    assert "Tệp không phải PDF." in not_pdf


def test_a_revoked_award_shows_as_revoked(decided, client, world):
    dossier, _ = decided
    cert = Certificate.objects.filter(dossier=dossier).first()
    award_services.revoke_award_record(world.officer, cert.award_record, reason="Phát hiện kê khai sai thành tích",
                                       act_number="9/QĐ-UBND", act_date=clock.today())
    html = client.get(f"/xac-minh/{cert.code}/").content.decode()
    assert 'data-status="revoked"' in html and "không còn giá trị" in html


def test_files_are_served_only_within_scope(decided, client, world):
    dossier, _ = decided
    cert = Certificate.objects.filter(dossier=dossier).first()
    urls = [reverse("dossiers:issued_file", args=[dossier.pk, "decision_pdf"]),
            reverse("dossiers:certificate", args=[dossier.pk, cert.pk]),
            reverse("dossiers:certificates_zip", args=[dossier.pk])]
    client.force_login(world.clerk_b)
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]
    client.force_login(world.clerk_a)
    responses = [client.get(u) for u in urls]
    assert [r.status_code for r in responses] == [200, 200, 200]
    assert b"".join(responses[0].streaming_content).startswith(b"%PDF")


def test_print_on_blank_prints_only_the_variable_text(decided, client, world):
    dossier, _ = decided
    client.force_login(world.clerk_a)
    assert client.get(reverse("dossiers:print_on_blank", args=[dossier.pk, "bang_khen"])).status_code == 403
    client.force_login(world.officer)
    response = client.get(reverse("dossiers:print_on_blank", args=[dossier.pk, "bang_khen"]))
    text = pdf_text(response.content)
    assert response["Content-Type"] == "application/pdf"
    assert text.count("\f") == 2  # three pages
    assert "Đặng Thị Hoà" in text and "Phòng Ngân sách" in text
    assert "BẰNG KHEN" not in text and "CỘNG HÒA" not in text  # pre-printed on the blank


def test_the_province_saves_its_blank_layout_with_checks(world, client):
    client.force_login(world.officer)
    url = reverse("dossiers:layout", args=["giay_khen"])
    page = client.get(url)
    data = json.loads(page.context["form"].initial["layout_json"])
    data["fields"]["recipient_name"]["x_mm"] = 500
    bad = client.post(url, {"layout_json": json.dumps(data)})
    assert bad.status_code == 200 and "Họ và tên" in bad.content.decode()
    assert not CertificateLayoutSetting.objects.exists()
    broken = client.post(url, {"layout_json": "{\"fields\": "})
    assert "JSON không hợp lệ ở dòng 1" in broken.content.decode()
    data["fields"]["recipient_name"]["x_mm"] = 40
    assert client.post(url, {"layout_json": json.dumps(data)}).status_code == 302
    assert issuance.layout_for("giay_khen").fields["recipient_name"].x_mm == 40
    preview = client.get(reverse("dossiers:layout_preview", args=["giay_khen"]))
    assert "Nguyễn Thị Phương Thảo" in pdf_text(preview.content)
    client.force_login(world.clerk_a)
    assert client.get(url).status_code == 403


def test_minutes_of_a_closed_session_show_counts_only(world, client):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    session = through_disclosure(world, dossier, members=5)
    client.force_login(world.officer)
    pdf = client.get(reverse("dossiers:minutes", args=[session.pk, "pdf"]))
    text = re.sub(r"\s+", " ", pdf_text(pdf.content))
    assert "BIÊN BẢN KIỂM PHIẾU" in text and "Phòng Ngân sách" in text and "Lê Thị Ngọc Ánh" in text
    assert "Thành viên 1" not in text  # never who voted
    word = client.get(reverse("dossiers:minutes", args=[session.pk, "docx"]))
    document = docx.Document(io.BytesIO(word.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Phòng Ngân sách" in cells and "5" in cells and "100%" in cells
    client.force_login(world.clerk_b)
    assert client.get(reverse("dossiers:minutes", args=[session.pk, "pdf"])).status_code == 404


def test_missing_files_are_made_again(decided, world, client):
    dossier, _ = decided
    cert = Certificate.objects.filter(dossier=dossier).first()
    Certificate.objects.filter(pk=cert.pk).update(file="", sha256="")
    IssuedFile.objects.filter(dossier=dossier, kind="decision_docx").delete()
    client.force_login(world.officer)
    page = client.get(dossier.get_absolute_url()).content.decode()
    assert 'data-done="2" data-total="3"' in page
    client.post(reverse("dossiers:regenerate", args=[dossier.pk]))
    assert not Certificate.objects.filter(dossier=dossier, file="").exists()
    assert IssuedFile.objects.filter(dossier=dossier).count() == 2
    assert AwardRecord.objects.filter(decision=dossier.decision).count() == 3


def _upload(data: bytes, name: str = "bang.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, data, content_type="application/pdf")


def link_targets(data: bytes) -> list[str]:
    from pypdf import PdfReader

    targets = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action is not None and "/URI" in action:
                targets.append(str(action["/URI"]))
    return targets


def test_forwarding_keeps_the_package_sent_upward(world, client, django_capture_on_commit_callbacks):
    import zipfile

    import openpyxl

    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TTG"),
                                                          ({"recipient_unit": world.unit_a_child}, "BK_TTG")],
                            authority="prime_minister", title="Đề nghị tặng Bằng khen của Thủ tướng Chính phủ")
    through_disclosure(world, dossier)
    client.force_login(world.officer)
    preview = client.get(reverse("dossiers:package", args=[dossier.pk]))
    assert preview.status_code == 200 and "Du-thao" in preview["Content-Disposition"]
    with django_capture_on_commit_callbacks(execute=True):
        decisions.forward_dossier(world.officer, dossier, "15/TTr-UBND")
    kept = IssuedFile.objects.get(dossier=dossier, kind="package")
    archive = zipfile.ZipFile(io.BytesIO(read(kept.file)))
    names = archive.namelist()
    for expected in ("01-To-trinh/To-trinh.docx", "01-To-trinh/To-trinh.pdf", "02-Danh-sach/Danh-sach-de-nghi.xlsx",
                     "05-Bien-ban-kiem-phieu/Bien-ban-kiem-phieu.pdf"):
        assert expected in names
    assert sum(n.startswith("03-Bao-cao-thanh-tich/") for n in names) == 2
    letter = re.sub(r"\s+", " ", pdf_text(archive.read("01-To-trinh/To-trinh.pdf")))
    assert "15/TTr-UBND" in letter and "Kính gửi: Thủ tướng Chính phủ" in letter
    assert "Ông Nguyễn Văn Đức" in letter or "Nguyễn Văn Đức" in pdf_text(archive.read("02-Danh-sach/Danh-sach-de-nghi.pdf"))
    sheet = openpyxl.load_workbook(io.BytesIO(archive.read("02-Danh-sach/Danh-sach-de-nghi.xlsx"))).active
    values = [str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None]
    assert any("Nguyễn Văn Đức" in v for v in values) and any("Phòng Ngân sách" in v for v in values)
    minutes = pdf_text(archive.read("05-Bien-ban-kiem-phieu/Bien-ban-kiem-phieu.pdf"))
    assert "Phòng Ngân sách" in minutes
    # The kept package is what the page serves from now on.
    again = client.get(reverse("dossiers:package", args=[dossier.pk]))
    assert b"".join(again.streaming_content) == read(kept.file)
    client.force_login(world.clerk_a)
    assert client.get(reverse("dossiers:package", args=[dossier.pk])).status_code == 403


def test_the_api_lists_the_documents_in_scope_and_verifies_publicly(decided, client, world):
    dossier, decision = decided
    client.force_login(world.clerk_a)
    data = client.get(f"/api/dossiers/{dossier.pk}/documents").json()
    assert data["decision_number"] == "1/QĐ-UBND" and data["complete"] is True
    assert {f["kind"] for f in data["files"]} == {"decision_pdf", "decision_docx"}
    assert [c["golden_book_number"] for c in data["certificates"]] == [1, 2, 3]
    first = data["certificates"][0]
    assert first["signed"] and first["verify_url"].startswith("https://thiduakhenthuong.hanam.gov.vn/xac-minh/")
    client.force_login(world.clerk_b)
    assert client.get(f"/api/dossiers/{dossier.pk}/documents").status_code == 404
    client.logout()
    code = first["verify_url"].rstrip("/").rsplit("/", 1)[1]
    public = client.get(f"/api/certificates/{code}")
    assert public.status_code == 200
    body = public.json()
    assert body["valid"] is True and body["decision_number"] == "1/QĐ-UBND"
    assert body["recipient_name"] == first["recipient_name"]
    assert client.get("/api/certificates/khong-co-ma-nay").status_code == 404


def test_a_web_request_leaves_the_documents_to_a_background_job(transactional_db, settings):
    """What the leader's click does outside the tests: the decision commits at once, and a job
    (dossiers.tasks.render_documents, queued after the commit) renders and signs the files, which
    the page then counts. Here the queue runs a job as soon as it is queued (tests' TASKS); the
    real worker is tested in tests/test_worker.py."""
    from tdkt.awards.models import AwardType
    from tdkt.rules import catalogue
    from tdkt.testing import make_world

    catalogue.load(AwardType)  # a transactional test starts from empty tables
    world = make_world()
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    through_disclosure(world, dossier)
    settings.TDKT_DOCUMENTS_IN_BACKGROUND = True
    sign_and_number(world, dossier)
    dossier.refresh_from_db()
    status = issuance.document_status(dossier)
    assert status["complete"] and status["certificates_done"] == 1 and status["percent"] == 100


def test_certificate_links_carry_the_public_url_not_the_host_the_signer_used(decided, client, world):
    """TDKT_PUBLIC_URL, required in production, is the only address certificates point to."""
    dossier, _ = decided
    client.force_login(world.clerk_a)
    data = client.get(f"/api/dossiers/{dossier.pk}/documents", HTTP_HOST="localhost:8123").json()
    assert all(c["verify_url"].startswith("https://thiduakhenthuong.hanam.gov.vn/") for c in data["certificates"])
    assert not any("localhost" in c["verify_url"] for c in data["certificates"])
