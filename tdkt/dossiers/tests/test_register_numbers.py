"""Decision numbers as the issuing office gives them (issue 18): a register of decisions 1–76/QĐ-UBND
of 2026 entered under two spellings of the provincial People's Committee is one body's register;
the leader's signature leaves the decision awaiting its number; the văn thư's number is checked
against the register (taken, out of order) and, once given, is what the Word file, the signed
certificate and the public QR page print; the reward money follows the date given."""
import datetime as dt
import io
import re

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from openpyxl import Workbook

from tdkt.awards import services as award_services
from tdkt.awards.models import Decision, IssuingBody
from tdkt.core import clock
from tdkt.core.models import AuditEvent
from tdkt.core.services import system_actor
from tdkt.documents.text import money_vn, pdf_text
from tdkt.dossiers.models import Certificate, IssuedFile
from tdkt.dossiers.services import decisions, issuance, numbering
from tdkt.imports import services as import_services
from tdkt.org import services as org_services
from tdkt.rules import money
from tdkt.testing import login

from .factories import ready_dossier, through_disclosure

pytestmark = pytest.mark.django_db

YEAR = 2026
SPELLINGS = ("UBND tỉnh Hà Nam", "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam")
AWARD_HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Đối tượng", "Danh hiệu/Hình thức", "Năm", "Loại hình",
                "Thành tích", "Số quyết định", "Ngày quyết định", "Cơ quan ban hành"]


def dated(k: int) -> dt.date:
    """Decision k of the register is dated k days after New Year (76 on 20/03)."""
    return dt.date(YEAR, 3, 20) if k == 76 else dt.date(YEAR, 1, 1) + dt.timedelta(days=k)


def xlsx(header, rows) -> bytes:
    wb = Workbook()
    wb.active.append(header)
    for row in rows:
        wb.active.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def travel_to(day: dt.date) -> None:
    clock.travel((day - clock.today()).days)


@pytest.fixture
def register(world):
    """Decisions 1–74 entered by hand, 75 and 76 by the Excel award import, alternating the two
    spellings of the province's People's Committee."""
    travel_to(dt.date(YEAR, 11, 2))
    for k in range(1, 75):
        award_services.create_decision(world.officer, number=f"{k}/QĐ-UBND", signed_on=dated(k),
                                       authority="province_chair", issuer_name=SPELLINGS[k % 2],
                                       summary=f"Về việc khen thưởng đợt {k}")
    data = xlsx(AWARD_HEADER, [
        [1, "Nguyễn Văn Đức", None, "STC-NS", "Cá nhân", "Bằng khen UBND tỉnh", 2025, "", "", "75/QĐ-UBND",
         dated(75).strftime("%d/%m/%Y"), SPELLINGS[1]],
        [2, "Nguyễn Thị Ánh", None, "SYT-BV", "Cá nhân", "Bằng khen UBND tỉnh", 2025, "", "", "76/QĐ-UBND",
         dated(76).strftime("%d/%m/%Y"), SPELLINGS[0]],
    ])
    result = import_services.commit_sheet(world.officer, "awards", import_services.read_file("awards", data, "so.xlsx"),
                                          "so.xlsx")
    assert result.created == 2 and result.decisions_created == 2
    # The import says which body it chose for the spelling it was given.
    assert any("“Chủ tịch Ủy ban nhân dân tỉnh Hà Nam” được hiểu là cơ quan ban hành “Ủy ban nhân dân tỉnh Hà Nam”" in m
               for m in result.bodies), result.bodies
    return IssuingBody.objects.get(unit=world.province)


@pytest.fixture
def signed(world, register):
    """A dossier of the Sở Tài chính taken through the council and the disclosure; the leader signs."""
    hoa = org_services.create_person(system_actor(), world.unit_a_child, full_name="Đặng Thị Hoà", gender="female",
                                     position="Phó Trưởng phòng")
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": hoa}, "BK_TINH"),
                                                          ({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    through_disclosure(world, dossier)
    decision = decisions.issue_decision(world.leader, dossier, signer_name="Trương Quốc Huy",
                                        sign_prefix="KT. CHỦ TỊCH", signer_title="Phó Chủ tịch")
    dossier.refresh_from_db()
    return dossier, decision


def test_two_spellings_are_one_register_of_one_body(world, register):
    assert Decision.objects.filter(year=YEAR).count() == 76
    assert set(Decision.objects.filter(year=YEAR).values_list("body", flat=True)) == {register.pk}
    assert {n.key for n in register.names.all()} == {"uy ban nhan dan tinh ha nam"}
    with pytest.raises(ValidationError, match="Số 12 năm 2026 của Ủy ban nhân dân tỉnh Hà Nam đã cấp cho "
                                              "Quyết định số 12/QĐ-UBND ngày 13/01/2026"):
        award_services.create_decision(world.officer, number="12/QĐ-UBND", signed_on=dated(12),
                                       authority="province_chair", issuer_name="Chủ tịch UBND tỉnh Hà Nam")


def test_signing_waits_for_the_number_and_issues_no_certificate(world, signed, client):
    dossier, decision = signed
    assert decision.awaiting_number and decision.number == "" and decision.body.unit == world.province
    assert not Certificate.objects.filter(dossier=dossier).exists()
    assert not IssuedFile.objects.filter(dossier=dossier).exists()
    with pytest.raises(ValidationError, match="chờ văn thư cấp số"):
        issuance.generate_documents(dossier)
    page = login(world.officer).get(dossier.get_absolute_url()).content.decode()
    assert "chờ cấp số" in page and 'id="give-number"' in page
    queue = login(world.leader).get("/ho-so/cho-ky/").content.decode()
    awaiting = queue[queue.index('id="queue-awaiting-number"'):queue.index('id="queue-numbered"')]
    assert dossier.code in awaiting and "Chờ cấp số" in awaiting and "chưa cấp bằng" in awaiting
    api = login(world.clerk_a).get(f"/api/dossiers/{dossier.pk}/documents").json()
    assert api["awaiting_number"] is True and api["decision_number"] is None and api["certificates"] == []


def test_the_register_proposes_77(world, signed):
    dossier, decision = signed
    assert numbering.proposal(decision) == "77/QĐ-UBND"
    body = login(world.officer).get(f"/ho-so/{dossier.pk}/cap-so/").content.decode()
    assert 'value="77/QĐ-UBND"' in body and "Ủy ban nhân dân tỉnh Hà Nam" in body
    api = login(world.officer).get(f"/api/dossiers/{dossier.pk}/decision-number").json()
    assert api == {"awaiting_number": True, "number": None, "signed_on": decision.signed_on.isoformat(),
                   "issuing_body": "Ủy ban nhân dân tỉnh Hà Nam", "proposed_number": "77/QĐ-UBND", "number_note": ""}


@pytest.mark.parametrize("number", [12, 76])
def test_a_number_in_use_is_refused_naming_the_decision_that_holds_it(world, signed, number):
    dossier, _ = signed
    with pytest.raises(ValidationError) as exc:
        numbering.give_number(world.officer, dossier, number=f"{number}/QĐ-UBND", signed_on=clock.today(),
                              reason="Văn thư xác nhận")
    assert exc.value.message_dict["number"] == [
        f"Số {number} năm 2026 của Ủy ban nhân dân tỉnh Hà Nam đã cấp cho Quyết định số {number}/QĐ-UBND ngày "
        f"{dated(number):%d/%m/%Y}."]
    # The API answers the same, and the page shows it on the field.
    response = login(world.officer).post(f"/api/dossiers/{dossier.pk}/decision-number",
                                         {"number": f"{number}/QĐ-UBND", "signed_on": clock.today().isoformat()},
                                         content_type="application/json")
    assert response.status_code == 422 and f"Quyết định số {number}/QĐ-UBND" in response.content.decode()
    page = login(world.officer).post(f"/ho-so/{dossier.pk}/cap-so/", {
        "number": f"{number}/QĐ-UBND", "signed_on": clock.today().strftime("%d/%m/%Y")}).content.decode()
    assert f"đã cấp cho Quyết định số {number}/QĐ-UBND" in page
    assert Decision.objects.get(pk=dossier.decision_id).awaiting_number


def test_120_dated_before_76_is_refused_unless_confirmed_with_a_reason(world, signed, settings,
                                                                       django_capture_on_commit_callbacks):
    dossier, decision = signed
    before_76 = dt.date(YEAR, 3, 18)
    with pytest.raises(ValidationError) as exc:
        numbering.give_number(world.officer, dossier, number="120/QĐ-UBND", signed_on=before_76)
    messages = exc.value.message_dict
    assert ("Số 120/QĐ-UBND ngày 18/03/2026 lớn hơn số của Quyết định số 76/QĐ-UBND ngày 20/03/2026 nhưng ngày lại "
            "trước ngày đó.") in messages["number"]
    assert "xác nhận và ghi lý do" in messages["reason"][0]
    page = login(world.officer).post(f"/ho-so/{dossier.pk}/cap-so/", {"number": "120/QĐ-UBND", "signed_on": "18/03/2026",
                                                                      "confirm": "on"}).content.decode()
    assert "Ghi lý do khi xác nhận số không theo thứ tự" in page
    with pytest.raises(PermissionDenied):
        numbering.give_number(world.clerk_a, dossier, number="120/QĐ-UBND", signed_on=before_76, reason="x")
    settings.TDKT_PUBLIC_URL = "https://thiduakhenthuong.hanam.gov.vn"
    reason = "Số 120 đã lấy trong sổ ngày 18/03/2026, quyết định ký lại do thay đổi danh sách"
    with django_capture_on_commit_callbacks(execute=True):
        response = login(world.officer).post(f"/ho-so/{dossier.pk}/cap-so/", {
            "number": "120/QĐ-UBND", "signed_on": "18/03/2026", "confirm": "on", "reason": reason})
    assert response.status_code == 302
    decision.refresh_from_db()
    assert (decision.number, decision.signed_on, decision.seq) == ("120/QĐ-UBND", before_76, 120)
    assert reason in decision.number_note
    events = AuditEvent.objects.filter(model="awards.decision", object_id=str(decision.pk), note__contains=reason)
    assert events.exists() and "76/QĐ-UBND" in events.first().note
    assert AuditEvent.objects.filter(action="dossier.number", object_id=str(dossier.pk)).exists()

    # What carries the number shows the number and the date given.
    word = docx.Document(io.BytesIO(IssuedFile.objects.get(dossier=dossier, kind="decision_docx").file.read()))
    text = " ".join([p.text for p in word.paragraphs]
                    + [cell.text for table in word.tables for row in table.rows for cell in row.cells])
    assert "Số: 120/QĐ-UBND" in text and "Hà Nam, ngày 18 tháng 03 năm 2026" in text
    assert "Kèm theo Quyết định số 120/QĐ-UBND ngày 18 tháng 03 năm 2026" in text
    certs = list(Certificate.objects.filter(dossier=dossier))
    assert len(certs) == 2 and all(c.file for c in certs)
    for cert in certs:
        printed = re.sub(r"\s+", " ", pdf_text(cert.file.read()))
        assert "Quyết định số 120/QĐ-UBND, ngày 18/03/2026" in printed
        page = login(world.viewer).get(f"/xac-minh/{cert.code}/").content.decode()
        assert "Số 120/QĐ-UBND ngày 18/03/2026" in page
    queue = login(world.leader).get("/ho-so/cho-ky/").content.decode()
    numbered = queue[queue.index('id="queue-numbered"'):]
    assert "Số 120/QĐ-UBND ngày 18/03/2026" in numbered and "2/2" in numbered
    # The next proposal follows the highest number of the year.
    assert issuance.document_status(dossier)["complete"]
    with pytest.raises(ValidationError, match="đã có số 120/QĐ-UBND"):
        numbering.give_number(world.officer, dossier, number="121/QĐ-UBND", signed_on=clock.today())


def test_the_api_and_an_import_of_register_numbers_do_the_same(world, signed, client):
    dossier, decision = signed
    rows = [{"dossier": dossier.code, "number": "76/QĐ-UBND", "signed_on": clock.today().isoformat()}]
    response = login(world.officer).post("/api/decision-numbers", rows, content_type="application/json")
    assert response.status_code == 422 and "Quyết định số 76/QĐ-UBND" in response.content.decode()
    assert login(world.clerk_a).post("/api/decision-numbers", rows, content_type="application/json").status_code == 403
    # An .xlsx exported from the document system: refused rows name the row; nothing is saved.
    data = xlsx(["Mã hồ sơ", "Số, ký hiệu", "Ngày ban hành", "Lý do"],
                [[dossier.code, "120/QĐ-UBND", dt.datetime(YEAR, 3, 18), ""]])
    with pytest.raises(ValidationError) as exc:
        numbering.import_numbers(world.officer, numbering.read_number_rows(data))
    assert any(m.startswith(f"Dòng 2 ({dossier.code}): Số 120/QĐ-UBND ngày 18/03/2026 lớn hơn") for m in exc.value.messages)
    assert Decision.objects.get(pk=decision.pk).awaiting_number
    data = xlsx(["Mã hồ sơ", "Số, ký hiệu", "Ngày ban hành"], [[dossier.code, "77/QĐ-UBND", clock.today()]])
    done = numbering.import_numbers(world.officer, numbering.read_number_rows(data))
    assert [d.number for d in done] == ["77/QĐ-UBND"]
    assert login(world.officer).get(f"/api/dossiers/{dossier.pk}/decision-number").json()["number"] == "77/QĐ-UBND"


def test_the_reward_money_follows_the_date_given(world, register, django_capture_on_commit_callbacks):
    """Signed on 30/06/2026 under the old base salary, numbered 01/07/2026 under the new one (NĐ 161/2026)."""
    travel_to(dt.date(YEAR, 6, 12))
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    through_disclosure(world, dossier)
    travel_to(dt.date(YEAR, 6, 30))
    decisions.issue_decision(world.leader, dossier, signer_name="Trương Quốc Huy")
    dossier.refresh_from_db()
    travel_to(dt.date(YEAR, 7, 1))
    with django_capture_on_commit_callbacks(execute=True):
        decision = numbering.give_number(world.officer, dossier, number="77/QĐ-UBND", signed_on=clock.today())
    old = money.reward("BK_TINH", "collective", dt.date(YEAR, 6, 30)).amount
    new = money.reward("BK_TINH", "collective", decision.signed_on).amount
    assert new > old
    word = docx.Document(io.BytesIO(IssuedFile.objects.get(dossier=dossier, kind="decision_docx").file.read()))
    cells = " ".join(cell.text for table in word.tables for row in table.rows for cell in row.cells)
    assert money_vn(new) in cells and money_vn(old) not in cells
