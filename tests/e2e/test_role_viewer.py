"""The viewer's year in the browser (issue 12, acceptance): Vũ Thị Mai reads the province's people,
awards and dossiers, is offered no button that writes, and when she types the address of a form
anyway she is refused in Vietnamese. Screenshots: /tmp/tdkt-shots/<test>/."""
import pytest

from .conftest import log_in, main_text

pytestmark = pytest.mark.e2e


def test_viewer_reads_the_lists_and_is_refused_writes_in_vietnamese(page, live_server, e2e_world, shots):
    from tdkt.dossiers.tests.factories import ready_dossier

    w = e2e_world
    ready_dossier(w.clerk_a, w.unit_a, [({"person": w.person_a}, "BK_TINH")],
                  title="Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025")

    log_in(page, live_server, w.viewer)
    assert "Tổng hợp công tác thi đua, khen thưởng năm" in main_text(page)
    assert "Ký, cấp số" not in page.inner_text("nav")
    # The viewer's desk and the guide of her role (issue 12, points 11 and 12):
    assert page.locator("#nav-help").count() == 1 and page.locator("#desk").count() == 1
    shots("1-trang-chu")

    # People of the whole province, read only.
    page.click("nav >> text=Cá nhân")
    people = main_text(page)
    assert "Nguyễn Văn Đức" in people and "Nguyễn Thị Ánh" in people
    assert page.locator("main a", has_text="Thêm cá nhân").count() == 0
    shots("2-ca-nhan")
    page.click("main >> text=Nguyễn Văn Đức")
    assert "Trưởng phòng" in main_text(page) and "Lao động tiên tiến" in main_text(page)
    shots("3-mot-ca-nhan")
    person_url = page.url

    # Awards and dossiers.
    page.click("nav >> text=Khen thưởng")
    assert "Lao động tiên tiến" in main_text(page) and "Nguyễn Văn Đức" in main_text(page)
    shots("4-khen-thuong")
    page.click("nav >> text=Hồ sơ")
    assert "Đề nghị tặng Bằng khen của Chủ tịch UBND tỉnh năm 2025" in main_text(page)
    assert page.locator("main a", has_text="Lập hồ sơ").count() == 0
    shots("5-ho-so")

    # Typing a form's address anyway: refused, in Vietnamese, with the way home.
    response = page.goto(f"{live_server.url}/ho-so/moi/")
    assert response.status == 403
    assert "Không có quyền thực hiện thao tác này" in main_text(page)
    assert "Tài khoản của bạn không có quyền lập hồ sơ." in page.inner_text(".forbidden-reason")
    assert page.locator("main a", has_text="trang chủ").count() == 1
    # The 403 page says what to do next, e.g. whom to ask for the right (issue 12, point 10):
    assert "đề nghị quản trị hệ thống cấp quyền" in main_text(page)
    shots("6-khong-co-quyen")
    response = page.goto(f"{person_url}sua/")
    assert response.status == 403
    assert "Không có quyền thực hiện thao tác này" in main_text(page)
    assert page.title() == "Không có quyền – TĐKT"
    shots("7-khong-co-quyen-sua")
