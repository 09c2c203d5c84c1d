"""The unit clerk's year in the browser (issue 12, acceptance): Lê Văn Bình, clerk of Sở Tài chính,
logs in, reads his home page and his unit's people, registers the unit for the year's emulation,
drafts the year-end dossier with a nominee and its documents, and submits it; every step asserts
what he reads. Screenshots: /tmp/tdkt-shots/<test>/ (TDKT_SHOTS)."""
import pytest

from tdkt.core.uploads import BLANK_PDF as PDF  # a blank one-page PDF that pypdf opens

from .conftest import log_in, main_text, record_dialogs

pytestmark = pytest.mark.e2e


def upload(page, tmp_path, kind, filename, nominee_label=None):
    path = tmp_path / filename
    path.write_bytes(PDF)
    page.select_option("#attachment-form select[name=kind]", kind)
    if nominee_label:
        page.select_option("#attachment-form select[name=nominee]", label=nominee_label)
    page.set_input_files("#attachment-form input[type=file]", str(path))
    page.click("#attachment-form button")
    page.wait_for_selector(f"text={filename}")


def test_clerk_drafts_a_dossier_with_a_nominee_and_submits_it(page, live_server, e2e_world, tmp_path, shots):
    from tdkt.core import clock

    w = e2e_world
    dialogs = record_dialogs(page)
    year = clock.today().year

    # Home: the figures of his scope.
    log_in(page, live_server, w.clerk_a)
    assert "Tổng hợp công tác thi đua, khen thưởng năm" in main_text(page)
    assert "Lê Văn Bình" in page.inner_text("nav")
    # The home desk says what waits for him, each a link (issue 12, point 11):
    assert "Việc chờ bạn xử lý" in main_text(page)
    shots("1-trang-chu")

    # His unit's people, and only them.
    page.click("nav >> text=Cá nhân")
    people = main_text(page)
    assert "Tra cứu cá nhân" in people and "Nguyễn Văn Đức" in people
    assert "Nguyễn Thị Ánh" not in people  # Sở Y tế's doctor is outside his scope
    shots("2-ca-nhan")

    # The year's emulation registration of his unit.
    page.click("#nav-emulation")
    page.click("text=Đăng ký thi đua")
    assert f"Đăng ký thi đua năm {year}" in main_text(page)
    assert f"Tỉnh chưa mở đăng ký năm {year}" in main_text(page)
    page.click("#my-registration")
    assert f"Đăng ký thi đua năm {year}: Sở Tài chính" in main_text(page)
    assert "chưa mở đăng ký" in page.inner_text("#period-notice")  # said before the form is filled (issue 12, point 4)
    shots("3-dang-ky-thi-dua")

    # The dossier: title, authority, year; a nominee; the documents.
    page.click("nav >> text=Hồ sơ")
    page.click("text=Lập hồ sơ")
    page.fill("#id_title", f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {year - 1}")
    page.select_option("#id_authority", "province_chair")
    page.fill("#id_year", str(year - 1))
    page.click("button[type=submit]")
    page.wait_for_selector("text=Hãy thêm đối tượng đề nghị")
    assert page.get_attribute("#dossier-status", "data-status") == "draft"
    assert "Dự thảo" in page.inner_text("#dossier-status")

    page.click("#add-nominee")
    page.select_option("#id_subject_kind", "individual")
    options = page.eval_on_selector_all("#id_person option", "els => els.map(e => e.textContent)")
    page.select_option("#id_person", label=next(o for o in options if o.startswith("Nguyễn Văn Đức")))
    page.select_option("#id_award_type", label="Bằng khen của bộ, ban, ngành, tỉnh")
    page.fill("#id_achievement", "Hoàn thành xuất sắc nhiệm vụ hai năm liên tục, có sáng kiến cấp cơ sở")
    # The grounds only people can judge (claims) are offered with their evidence, and the
    # engine's verdict shows live while drafting (issue 12, point 2):
    page.wait_for_selector("#live-verdict-badge")
    assert page.locator("#grounds").is_visible()
    shots("4-them-doi-tuong")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Đã thêm đối tượng đề nghị")
    nominee = page.locator(".nominee[data-name='Nguyễn Văn Đức']")
    assert "Bằng khen của bộ, ban, ngành, tỉnh" in nominee.inner_text()
    assert "Hồ sơ chưa đủ để nộp" in main_text(page)  # the documents are still missing

    upload(page, tmp_path, "proposal", "to-trinh.pdf")
    upload(page, tmp_path, "minutes", "bien-ban-hop-xet.pdf")
    upload(page, tmp_path, "report", "bao-cao-thanh-tich.pdf", nominee_label="Nguyễn Văn Đức")
    assert "Hồ sơ chưa đủ để nộp" not in main_text(page)
    shots("5-ho-so-du-thao")

    # Submit: the status says so, the list too.
    page.click("#submit-dossier")
    page.wait_for_selector("#dossier-status[data-status=submitted]")
    assert "Đã nộp" in page.inner_text("#dossier-status")
    assert "Đã nộp" in page.inner_text(".transitions")
    # Submitting asks first, saying what will happen (issue 12, point 1):
    assert dialogs and "không sửa được hồ sơ nữa" in dialogs[-1]
    assert dialogs == [] or all(dialogs)
    shots("6-da-nop")
    page.click("text=Hồ sơ đề nghị")
    row = page.locator("tr", has_text=f"Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm {year - 1}")
    assert "Đã nộp" in row.inner_text()
    shots("7-danh-sach-ho-so")
