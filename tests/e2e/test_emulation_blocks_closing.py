"""The office closes a block's scoring in the browser while one member still lacks the block's score:
the page warns (which unit, which step, which criteria), the close button asks first and says what
will happen, closing without a reason is refused, closing with a reason publishes the ranking, and
reopening with a reason withdraws it. Then the scoring-table editor: a row added with "Thêm dòng",
its own message after a bad number, what was typed kept. Screenshots at 1366 and 390 px."""
import os
import pathlib

import pytest

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path(os.environ.get("TDKT_SHOTS", "var"))


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-1366.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / f"{name}-390.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def test_office_closes_a_block_with_a_missing_score_then_reopens_it(page, live_server, e2e_world):
    from tdkt.emulation.models import Block, Score
    from tdkt.emulation.tests.factories import make_block
    from tdkt.emulation.tests.test_scoring import head_score_all

    bw = make_block(e2e_world, 4)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0), (35, 20, 30, 0, 0)])
    late = bw.units[3]
    Score.objects.filter(unit=late, stage="head").update(is_current=False)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))

    log_in(page, live_server, e2e_world.officer)
    page.goto(f"{live_server.url}{bw.block.get_absolute_url()}")
    warning = page.locator("#missing-scores")
    assert "Còn 1 đơn vị thiếu điểm của khối" in warning.inner_text()
    assert "1.1, 1.2, 2.1" in warning.locator(f"tr[data-unit='{late.name}'][data-stage='head']").inner_text()
    shoot(page, "emu-blocks-missing-warning")

    # Without a reason: the question first, then the refusal; nothing is published.
    page.click("#close-scoring")
    page.wait_for_selector("text=Chưa khóa điểm: còn 1 đơn vị thiếu điểm của khối")
    assert asked and "Khóa điểm sẽ công bố bảng xếp hạng cho 4 đơn vị" in asked[-1]
    assert "Còn 1 đơn vị thiếu điểm của khối" in asked[-1]
    assert page.locator("#ranking").count() == 0
    assert Block.objects.get(pk=bw.block.pk).status == "scoring"

    # With a reason: the ranking is published.
    page.fill("#id_override_reason", "Đơn vị không gửi báo cáo tổng kết, khối thống nhất tính theo điểm tự chấm")
    page.click("#close-scoring")
    page.wait_for_selector("#ranking")
    assert page.locator("#ranking tbody tr").count() == 4
    shoot(page, "emu-blocks-closed")

    # Reopening with a reason withdraws the ranking until scoring is closed again.
    page.click("#reopen summary")
    page.fill("#id_reopen_reason", "Bổ sung điểm của khối cho đơn vị còn thiếu")
    page.click("#reopen-scoring")
    page.wait_for_selector("#reopened")
    assert "Mở lại chấm điểm sẽ rút bảng xếp hạng" in asked[-1]
    assert "Bổ sung điểm của khối cho đơn vị còn thiếu" in page.inner_text("#reopened")
    assert page.locator("#ranking").count() == 0
    assert Block.objects.get(pk=bw.block.pk).status == "scoring"
    shoot(page, "emu-blocks-reopened")


def test_office_edits_the_scoring_table_as_a_table(page, live_server, e2e_world):
    from tdkt.emulation.tests.factories import make_block

    bw = make_block(e2e_world, 3, open_scoring=False)
    log_in(page, live_server, e2e_world.officer)
    page.goto(f"{live_server.url}/thi-dua/khoi/{bw.block.pk}/bang-diem/")
    rows = page.locator("[data-formset-body='tc'] tr")
    before = rows.count()
    page.click("button[data-formset-add='tc']")
    assert rows.count() == before + 1
    new = rows.nth(before)
    new.locator("input[name$='-group']").fill("II")
    new.locator("input[name$='-code']").fill("2.2")
    new.locator("input[name$='-name']").fill("Nhân rộng điển hình tiên tiến")
    new.locator("input[name$='-max_points']").fill("mười")
    page.fill("#id_women_share_threshold", "75")
    page.click("#template-form button[type=submit]")
    page.wait_for_selector("#table-errors")
    body = page.inner_text("#table-tc")
    assert "Điểm tối đa: “mười” không phải là số." in body
    assert page.locator("input[value='Nhân rộng điển hình tiên tiến']").count() == 1
    assert page.input_value("#id_women_share_threshold") == "75"
    shoot(page, "emu-blocks-table-editor")


def test_clerk_sheet_keeps_what_was_typed_and_the_file_after_a_bad_row(page, live_server, e2e_world, tmp_path):
    from tdkt.core.uploads import BLANK_PDF
    from tdkt.emulation.models import Evidence
    from tdkt.emulation.tests.factories import make_block

    bw = make_block(e2e_world, 3)
    evidence = tmp_path / "bao-cao-tong-ket.pdf"
    evidence.write_bytes(BLANK_PDF)
    log_in(page, live_server, bw.clerks[2])
    page.goto(f"{live_server.url}/thi-dua/khoi/{bw.block.pk}/cham-diem/{bw.units[2].pk}/tu-cham/")
    page.get_by_label("Điểm tiêu chí 1.1", exact=True).fill("45")
    page.get_by_label("Nhận xét tiêu chí 1.1", exact=True).fill("Vượt 2 chỉ tiêu")
    page.get_by_label("Điểm tiêu chí 2.1", exact=True).fill("35")
    page.get_by_label("Minh chứng tiêu chí 2.1", exact=True).set_input_files(str(evidence))
    page.click("#score-sheet button[type=submit]")
    page.wait_for_selector("#row-errors")
    assert page.get_by_label("Nhận xét tiêu chí 1.1", exact=True).input_value() == "Vượt 2 chỉ tiêu"
    assert page.get_by_label("Điểm tiêu chí 2.1", exact=True).input_value() == "35"
    assert "45 điểm vượt điểm tối đa 40 điểm" in page.inner_text("tr[data-code='1.1']")
    kept = page.inner_text("tr[data-code='2.1']")
    assert "bao-cao-tong-ket.pdf" in kept and "đã giữ tệp, không cần chọn lại" in kept
    assert Evidence.objects.filter(block=bw.block, unit=bw.units[2]).count() == 1
    shoot(page, "emu-blocks-score-sheet")
