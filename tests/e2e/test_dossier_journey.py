"""From nomination to decision in the browser: a unit clerk files a dossier with three nominees, the
officer sees the one the rule engine fails and returns it, the clerk resubmits, a council of nine
votes (8 of 9 passes the 80 % flag and fails the 90 % CSTĐ tỉnh), the list is disclosed, the clock
moves past the disclosure period, the leader signs the decision and the văn thư gives it the
register's number. The test then downloads the
decision PDF and a certificate PDF, reads their text back (names with diacritics, the number, the
date) and follows the certificate's QR link to the public page, which verifies the file."""
import datetime as dt
import io
import pathlib
import re

import pytest
from pypdf import PdfReader

from tdkt.core.uploads import BLANK_PDF as PDF  # a blank one-page PDF that pypdf opens
from tdkt.documents.text import pdf_text

from .conftest import log_in

pytestmark = pytest.mark.e2e



def switch_user(page, live_server, user):
    page.context.clear_cookies()
    log_in(page, live_server, user)


def upload(page, tmp_path, kind, filename, nominee_label=None):
    path = tmp_path / filename
    path.write_bytes(PDF)
    page.select_option("#attachment-form select[name=kind]", kind)
    if nominee_label:
        page.select_option("#attachment-form select[name=nominee]", label=nominee_label)
    page.set_input_files("#attachment-form input[type=file]", str(path))
    page.click("#attachment-form button")
    page.wait_for_selector(f"text={filename}")


def add_nominee(page, subject_kind, subject_label, award_label, achievement):
    page.click("#add-nominee")
    page.select_option("#id_subject_kind", subject_kind)
    field = "#id_person" if subject_kind == "individual" else "#id_recipient_unit"
    options = page.eval_on_selector_all(f"{field} option", "els => els.map(e => e.textContent)")
    page.select_option(field, label=next(o for o in options if o.startswith(subject_label)))
    page.select_option("#id_award_type", label=award_label)
    page.fill("#id_achievement", achievement)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Đã thêm đối tượng đề nghị")


def appraise(page, name, outcome, reason="", justification=""):
    row = page.locator(f".nominee[data-name='{name}']")
    row.locator("select").select_option(outcome)
    textareas = row.locator("textarea")
    textareas.nth(0).fill(reason)
    textareas.nth(1).fill(justification)
    row.locator("button", has_text="Ghi kết quả").click()
    page.wait_for_selector(f"text=Đã ghi kết quả thẩm định {name}")


def test_dossier_from_nomination_to_decision(page, live_server, e2e_world, tmp_path, settings):
    # Certificates point to the configured public address (TDKT_PUBLIC_URL), here the live server.
    settings.TDKT_PUBLIC_URL = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())  # irreversible steps ask first; the answer is yes
    from tdkt.awards import services as award_services
    from tdkt.awards.models import AwardRecord
    from tdkt.core import clock
    from tdkt.core.choices import Role
    from tdkt.core.services import system_actor
    from tdkt.dossiers.models import Dossier
    from tdkt.org import services as org_services
    from tdkt.testing import make_user

    w = e2e_world
    root = system_actor()
    org_services.create_person(root, w.unit_a_child, full_name="Hoàng Thị Hương", gender="female",
                               birth_date=dt.date(1995, 1, 9), position="Chuyên viên")
    for year in (2023, 2024, 2025):
        award_services.set_rating(root, person=w.person_a, year=year, level="excellent")
    members = [make_user(f"hoidong{i}", Role.COUNCIL, full_name=f"Ủy viên Hội đồng {i}") for i in range(1, 10)]

    # 1. The clerk of Sở Tài chính files the dossier.
    log_in(page, live_server, w.clerk_a)
    page.click("nav >> text=Hồ sơ")
    page.click("text=Lập hồ sơ")
    page.fill("#id_title", "Đề nghị khen thưởng tổng kết năm 2025")
    page.select_option("#id_authority", "province_chair")
    page.fill("#id_year", "2025")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Hãy thêm đối tượng đề nghị")
    add_nominee(page, "individual", "Nguyễn Văn Đức", "Chiến sĩ thi đua cấp bộ, ban, ngành, tỉnh",
                "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến cấp tỉnh")
    add_nominee(page, "collective", "Phòng Ngân sách", "Cờ thi đua của bộ, ban, ngành, tỉnh",
                "Dẫn đầu khối thi đua các sở năm 2025")
    add_nominee(page, "individual", "Hoàng Thị Hương", "Bằng khen của bộ, ban, ngành, tỉnh",
                "Hoàn thành xuất sắc nhiệm vụ năm 2025")
    upload(page, tmp_path, "proposal", "to-trinh.pdf")
    upload(page, tmp_path, "minutes", "bien-ban-hop-xet.pdf")
    for name, filename in (("Nguyễn Văn Đức", "bao-cao-duc.pdf"), ("Phòng Ngân sách", "bao-cao-phong.pdf"),
                           ("Hoàng Thị Hương", "bao-cao-huong.pdf")):
        upload(page, tmp_path, "report", filename, nominee_label=name)
    page.click("#submit-dossier")
    page.wait_for_selector("#dossier-status[data-status=submitted]")
    dossier = Dossier.objects.get()
    url = f"{live_server.url}/ho-so/{dossier.pk}/"

    # 2. The officer appraises: the engine fails the newcomer (no rating for 2025); she is returned.
    switch_user(page, live_server, w.officer)
    page.goto(url)
    page.click("#start-appraisal")
    page.wait_for_selector("#dossier-status[data-status=appraising]")
    failing = page.locator(".nominee[data-name='Hoàng Thị Hương']")
    assert failing.get_attribute("data-verdict") == "failed"
    assert failing.locator(".check-failed").count() >= 1
    page.screenshot(path="var/e2e-appraisal.png", full_page=True)
    appraise(page, "Nguyễn Văn Đức", "passed", justification="Sáng kiến cấp tỉnh đã được công nhận")
    appraise(page, "Phòng Ngân sách", "passed", justification="Dẫn đầu khối theo biên bản bình xét")
    appraise(page, "Hoàng Thị Hương", "returned", reason="Bổ sung xác nhận mức hoàn thành xuất sắc nhiệm vụ năm 2025")
    page.click("#return-dossier")
    page.wait_for_selector("#dossier-status[data-status=returned]")

    # 3. The clerk reads the reason, adds the confirmation and resubmits.
    switch_user(page, live_server, w.clerk_a)
    page.click("#notifications-link")
    assert "Bổ sung xác nhận mức hoàn thành xuất sắc" in page.inner_text("main")
    page.goto(url)
    upload(page, tmp_path, "rating", "xac-nhan-xep-loai.pdf", nominee_label="Hoàng Thị Hương")
    page.click("#submit-dossier")
    page.wait_for_selector("#dossier-status[data-status=resubmitted]")

    switch_user(page, live_server, w.officer)
    page.goto(url)
    page.click("#start-appraisal")
    appraise(page, "Hoàng Thị Hương", "passed", justification="Đã bổ sung xác nhận xếp loại của đơn vị")
    page.click("#complete-appraisal")
    page.wait_for_selector("#dossier-status[data-status=appraised]")

    # 4. The council session: nine members, the dossier on the agenda.
    page.click("nav >> text=Hội đồng")
    page.click("text=Tạo phiên họp")
    page.fill("#id_title", "Phiên họp xét khen thưởng tổng kết năm 2025")
    for m in members:
        page.check(f"input[name=members][value='{m.pk}']")
    page.check(f"input[name=dossiers][value='{dossier.pk}']")
    page.click("button[type=submit]")
    page.click("#open-session")
    page.wait_for_selector("#session-status[data-status=open]")
    session_url = page.url

    for index, member in enumerate(members):
        switch_user(page, live_server, member)
        page.goto(session_url)
        choice = "disagree" if index == 8 else "agree"
        for row in page.locator(".ballot-row").all():
            row.locator(f"input[value={choice}]").check()
        page.click("#cast-ballot")
        page.wait_for_selector("text=Đã ghi nhận phiếu của bạn cho 3 đối tượng")
        assert page.locator(".votes-agree").count() == 0  # no counts while voting is open

    switch_user(page, live_server, w.officer)
    page.goto(session_url)
    page.click("#close-session")
    page.wait_for_selector("#session-status[data-status=closed]")
    results = {page.locator(".agenda-item").nth(i).get_attribute("data-name"):
               page.locator(".agenda-item").nth(i).get_attribute("data-result") for i in range(3)}
    assert results == {"Nguyễn Văn Đức": "failed", "Phòng Ngân sách": "passed", "Hoàng Thị Hương": "passed"}
    assert page.locator(".agenda-item[data-name='Phòng Ngân sách'] .votes-agree").inner_text() == "8"
    page.screenshot(path="var/e2e-council.png", full_page=True)

    # 5. Public disclosure, then the clock moves past its end.
    page.goto(url)
    page.click("#start-disclosure")
    page.wait_for_selector("#dossier-status[data-status=disclosure]")
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/cong-khai/")
    public = page.inner_text("main")
    assert "Phòng Ngân sách" in public and "Hoàng Thị Hương" in public and "Nguyễn Văn Đức" not in public
    dossier.refresh_from_db()
    clock.travel((dossier.disclosure_end - clock.today()).days + 1)

    # 6. The leader issues the decision.
    log_in(page, live_server, w.leader)
    page.goto(url)
    page.click("#issue-decision")
    page.click("button[type=submit]")
    page.wait_for_selector("#dossier-status[data-status=decided]")
    assert "chờ văn thư cấp số" in page.inner_text("main")
    # The văn thư (the office, TDKT_DECISION_REGISTRY_USERS being empty) gives the register's number.
    switch_user(page, live_server, w.officer)
    page.goto(url)
    page.click("#give-number")
    assert page.input_value("#id_number") == "1/QĐ-UBND"
    page.click("button[type=submit]")
    page.wait_for_selector("#issued-documents")
    assert "Đã cấp số: Quyết định số 1/QĐ-UBND" in page.inner_text("main")
    records = AwardRecord.objects.filter(decision__dossiers=dossier)
    assert sorted(r.recipient_name for r in records) == ["Hoàng Thị Hương", "Phòng Ngân sách"]
    page.screenshot(path="var/e2e-decided.png", full_page=True)

    # 7. The decision and a certificate, downloaded and read back.
    decision = dossier.__class__.objects.get(pk=dossier.pk).decision
    day = decision.signed_on
    date_line = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    with page.expect_download() as info:
        page.click(".issued-file[data-kind=decision_pdf]")
    info.value.save_as("var/e2e-decision.pdf")  # kept to look at, like the screenshots
    decision_text = re.sub(r"\s+", " ", pdf_text(pathlib.Path(info.value.path()).read_bytes()))
    assert "Số: 1/QĐ-UBND" in decision_text and f"Hà Nam, {date_line}" in decision_text
    assert "Bà Hoàng Thị Hương" in decision_text and "Phòng Ngân sách" in decision_text
    assert "Nguyễn Văn Đức" not in decision_text
    with page.expect_download() as info:
        page.click(".nominee[data-name='Hoàng Thị Hương'] .certificate-link")
    certificate_path = pathlib.Path(info.value.path())
    info.value.save_as("var/e2e-certificate.pdf")
    certificate = certificate_path.read_bytes()
    certificate_text = re.sub(r"\s+", " ", pdf_text(certificate))
    assert "Hoàng Thị Hương" in certificate_text and "BẰNG KHEN" in certificate_text
    assert f"Quyết định số 1/QĐ-UBND, ngày {day:%d/%m/%Y}" in certificate_text
    assert f"Hà Nam, {date_line}" in certificate_text

    # 8. The QR link opens the public verification page, which checks the file itself.
    links = [str(a.get_object()["/A"]["/URI"]) for p in PdfReader(io.BytesIO(certificate)).pages
             for a in (p.get("/Annots") or []) if "/A" in a.get_object()]
    assert len(links) == 1 and links[0].startswith(f"{live_server.url}/xac-minh/")
    page.context.clear_cookies()
    page.goto(links[0])
    assert "còn hiệu lực" in page.inner_text("#verify-status")
    assert page.inner_text("#verify-name") == "Hoàng Thị Hương"
    page.set_input_files("#verify-form input[type=file]", str(certificate_path))
    page.click("#verify-form button")
    page.wait_for_selector("#verify-result")
    assert page.get_attribute("#verify-result", "data-valid") == "1"
    assert "hợp lệ" in page.inner_text("#verify-result")
    page.screenshot(path="var/e2e-verified.png", full_page=True)
