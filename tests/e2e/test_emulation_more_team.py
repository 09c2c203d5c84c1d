"""Issue 12, point 8 in the browser: the office sets a block's inspection team in the members table
(a row added with "Thêm dòng", the role chosen from a list), gets the bad rows' messages at once,
fixes them and saves; screenshots at 1366 px and 390 px."""
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path("/tmp/shots-emu-more")


def test_point8_office_sets_the_inspection_team_in_a_table(page, live_server, e2e_world):
    from tdkt.emulation.models import InspectionTeam
    from tdkt.emulation.tests.factories import make_block, template_spec

    SHOTS.mkdir(parents=True, exist_ok=True)
    w = e2e_world
    bw = make_block(w, 3, open_scoring=False, spec=template_spec(block_scorer="inspection"))
    page.on("dialog", lambda d: d.accept())
    log_in(page, live_server, w.officer)
    page.goto(f"{live_server.url}/thi-dua/khoi/{bw.block.pk}/doan-kiem-tra/")
    page.fill("[name='tv-0-full_name']", "Nguyễn Văn Hùng")
    page.fill("[name='tv-0-position']", "Phó Trưởng ban")
    page.select_option("[name='tv-0-role']", "leader")
    page.fill("[name='tv-1-position']", "Chuyên viên")          # no name
    page.get_by_role("button", name="Thêm dòng").click()
    page.fill("[name='tv-2-full_name']", "Lê Thị Mai")
    page.fill("[name='tv-2-username']", "khong.co")
    page.get_by_role("button", name="Lưu đoàn kiểm tra").click()
    page.wait_for_selector("#row-errors")
    table = page.inner_text("#table-tv")
    assert "Dòng 2: Họ và tên: không được để trống." in table
    assert "Dòng 3: Không có tài khoản “khong.co” đang hoạt động." in table
    assert page.input_value("[name='tv-0-role']") == "leader"
    page.screenshot(path=str(SHOTS / "team-errors-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "team-errors-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})
    page.check("[name='tv-1-DELETE']")
    page.fill("[name='tv-2-username']", w.clerk_b.username)
    page.get_by_role("button", name="Lưu đoàn kiểm tra").click()
    page.wait_for_selector("text=Đã lưu đoàn kiểm tra của khối")
    team = InspectionTeam.objects.get()
    assert [(m.full_name, m.role, m.user) for m in team.members.all()] == [
        ("Nguyễn Văn Hùng", "leader", None), ("Lê Thị Mai", "member", w.clerk_b)]
