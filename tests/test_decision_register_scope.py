"""Issue 11 §1, "The decision register is scoped at every lookup": recording an award that names
another unit's decision (number, issuer, year) through the person page, the API or the Excel award
import made that decision and its file visible to the recording clerk. A lookup sees only decisions
in the actor's scope; anything else is a new register entry or a clear refusal, never a link to a
hidden record. Issuers are matched as one body however spelt (issue 18), so a variant spelling
cannot slip past the refusal either."""
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from tdkt.awards import services
from tdkt.awards.models import AwardRecord, AwardType, Decision
from tdkt.imports import services as import_services
from tdkt.testing import login

pytestmark = pytest.mark.django_db

SIGNED = dt.date(2025, 3, 10)
REFUSAL = "đã có trong sổ quyết định nhưng không thuộc phạm vi của bạn"


@pytest.fixture
def hidden(world):
    """A decision of the Sở Y tế, entered by its own clerk with its scanned file: the Sở Tài chính's
    clerk does not see it."""
    decision = services.create_decision(world.clerk_b, number="5/QĐ-SYT", signed_on=SIGNED, authority="unit_head",
                                        issuer_name="Sở Y tế", summary="Về việc tặng Giấy khen (nội bộ)",
                                        file=SimpleUploadedFile("qd.pdf", b"%PDF-1.4 noi dung mat"))
    assert decision.issuer_unit == world.unit_b
    assert not Decision.objects.visible_to(world.clerk_a).filter(pk=decision.pk).exists()
    return decision


def still_hidden(world, decision):
    client = login(world.clerk_a)
    assert not Decision.objects.visible_to(world.clerk_a).filter(pk=decision.pk).exists()
    assert not AwardRecord.objects.filter(decision=decision).exists()
    assert client.get(f"/quyet-dinh/{decision.pk}/").status_code == 404
    assert client.get(f"/quyet-dinh/{decision.pk}/tep/").status_code == 404
    assert client.get(f"/api/decisions/{decision.pk}").status_code == 404


@pytest.mark.parametrize("spelling", ["Sở Y tế", "Giám đốc Sở Y tế", "SO Y TE"])
def test_the_decision_register_is_scoped_at_every_lookup_person_page(world, hidden, spelling):
    client = login(world.clerk_a)
    response = client.post(f"/ca-nhan/{world.person_a.pk}/khen-thuong/", {
        "award_type": AwardType.objects.get(code="GK").pk, "year": 2024, "kind": "regular", "achievement": "",
        "decision_number": "5/QĐ-SYT", "decision_date": "10/03/2025", "authority": "unit_head",
        "issuer_name": spelling})
    assert response.status_code == 200 and REFUSAL in response.content.decode()
    still_hidden(world, hidden)
    # A number the register does not hold is a new entry, seen by the clerk through the award.
    response = client.post(f"/ca-nhan/{world.person_a.pk}/khen-thuong/", {
        "award_type": AwardType.objects.get(code="GK").pk, "year": 2024, "kind": "regular", "achievement": "",
        "decision_number": "6/QĐ-SYT", "decision_date": "12/03/2025", "authority": "unit_head",
        "issuer_name": spelling})
    assert response.status_code == 302
    entry = Decision.objects.get(number="6/QĐ-SYT")
    assert entry.body == hidden.body and entry.pk != hidden.pk and not entry.file
    assert AwardRecord.objects.filter(decision=entry, person=world.person_a).exists()


def test_the_decision_register_is_scoped_at_every_lookup_api(world, hidden):
    client = login(world.clerk_a)
    response = client.post("/api/awards", {"award_type": "GK", "subject_kind": "individual",
                                           "person": world.person_a.pk, "year": 2024, "decision": hidden.pk},
                           content_type="application/json")
    assert response.status_code == 422
    assert f"Không tìm thấy quyết định có mã số {hidden.pk} trong phạm vi của bạn" in response.content.decode()
    response = client.post("/api/decisions", {"number": "5/QĐ-SYT", "signed_on": SIGNED.isoformat(),
                                              "authority": "unit_head", "issuer_name": "Giám đốc Sở Y tế"},
                           content_type="application/json")
    assert response.status_code == 422 and "đã cấp cho Quyết định số 5/QĐ-SYT" in response.content.decode()
    assert Decision.objects.filter(body=hidden.body).count() == 1
    still_hidden(world, hidden)


@pytest.mark.parametrize("spelling", ["Sở Y tế", "Giám đốc Sở Y tế"])
def test_the_decision_register_is_scoped_at_every_lookup_excel_import(world, hidden, spelling):
    wb = Workbook()
    wb.active.append(["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Đối tượng", "Danh hiệu/Hình thức", "Năm",
                      "Loại hình", "Thành tích", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"])
    wb.active.append([1, "Nguyễn Văn Đức", None, "STC-NS", "Cá nhân", "Giấy khen", 2024, "", "", "5/QĐ-SYT",
                      "10/03/2025", spelling])
    out = io.BytesIO()
    wb.save(out)
    sheet = import_services.read_file("awards", out.getvalue(), "khen-thuong.xlsx")
    with pytest.raises(import_services.ImportRowsError) as exc:
        import_services.commit_sheet(world.clerk_a, "awards", sheet, "khen-thuong.xlsx")
    assert [(e["row"], REFUSAL in e["message"]) for e in exc.value.errors] == [(2, True)]
    still_hidden(world, hidden)
