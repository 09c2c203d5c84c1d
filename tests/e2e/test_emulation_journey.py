"""A block's year in the browser: the officer creates a block of 8 units with its scoring table and
opens scoring; each unit's clerk self-scores with an evidence file; the head scores the members (the
deputy scores the head); the officer closes scoring and the ranking appears with the provenance of
every number; the members vote the leading unit in secret; the officer drafts the emulation-flag
dossier; a covenant with 10 indicators is signed and shows its fulfilment after year-end values."""
import datetime as dt
import pathlib

import pytest

from tdkt.core.uploads import BLANK_PDF as PDF  # a blank one-page PDF that pypdf opens

from .conftest import log_in

pytestmark = pytest.mark.e2e

SHOTS = pathlib.Path("var")

TABLE = {
    "nhom": [{"code": "I", "name": "Thực hiện nhiệm vụ chính trị, chuyên môn", "max_points": "60"},
             {"code": "II", "name": "Công tác thi đua, khen thưởng", "max_points": "40"},
             {"code": "III", "name": "Điểm thưởng, điểm trừ", "max_points": "0"}],
    "tc": [{"group": "I", "code": "1.1", "name": "Hoàn thành chỉ tiêu kế hoạch năm", "max_points": "40",
            "guidance": "Đủ chỉ tiêu: 40 điểm; mỗi chỉ tiêu không đạt trừ 1 điểm"},
           {"group": "I", "code": "1.2", "name": "Thực hiện nhiệm vụ đột xuất", "max_points": "20"},
           {"group": "II", "code": "2.1", "name": "Tổ chức phong trào thi đua, sơ kết, tổng kết", "max_points": "40",
            "required_evidence": "Kế hoạch và báo cáo tổng kết", "evidence_required": True},
           {"group": "III", "code": "3.1", "name": "Được tặng Cờ thi đua của Chính phủ", "max_points": "10",
            "kind": "bonus"},
           {"group": "III", "code": "3.2", "name": "Báo cáo chậm so với thời hạn", "max_points": "5",
            "kind": "deduction"}],
    "xl": [{"name": "Xuất sắc", "min_score": "95"}, {"name": "Tốt", "min_score": "85"},
           {"name": "Khá", "min_score": "70"}],
}


def fill_table(page, table):
    """The scoring-table editor: rows added with "Thêm dòng", each cell filled."""
    for prefix, rows in table.items():
        body = page.locator(f"[data-formset-body='{prefix}'] tr")
        while body.count() < len(rows):
            page.click(f"button[data-formset-add='{prefix}']")
        for i, row in enumerate(rows):
            for name, value in row.items():
                cell = page.locator(f"[name='{prefix}-{i}-{name}']")
                if name == "kind":
                    cell.select_option(value)
                elif value is True:
                    cell.check()
                else:
                    cell.fill(value)


def switch_user(page, live_server, user):
    page.context.clear_cookies()
    log_in(page, live_server, user)


def fill_sheet(page, values, evidence=None):
    for code, points in values.items():
        page.get_by_label(f"Điểm tiêu chí {code}", exact=True).fill(str(points))
    if evidence:
        page.get_by_label("Minh chứng tiêu chí 2.1", exact=True).set_input_files(str(evidence))
    page.click("#score-sheet button[type=submit]")
    page.wait_for_selector("text=Đã lưu điểm")


def test_block_year_from_scoring_table_to_flag_dossier_and_covenant(page, live_server, e2e_world, tmp_path):
    from tdkt.emulation.models import Block, Evidence
    from tdkt.emulation.tests.factories import member_units

    w = e2e_world
    units, clerks = member_units(w, 8)
    year = dt.date.today().year
    evidence = tmp_path / "bao-cao-tong-ket.pdf"
    evidence.write_bytes(PDF)

    # The officer creates the block, its scoring table, and opens scoring (each irreversible step
    # asks first: the questions are accepted).
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, live_server, w.officer)
    page.goto(f"{live_server.url}/thi-dua/khoi/")
    page.click("text=Lập khối, cụm")
    page.fill("#id_name", "Khối các sở quản lý nhà nước")
    page.fill("#id_year", str(year))
    page.select_option("#id_units", label=[u.name for u in units])
    page.select_option("#id_head", label=units[0].name)
    page.select_option("#id_deputy", label=units[1].name)
    page.fill("#id_supervising_leader", "Phó Chủ tịch UBND tỉnh")
    page.fill("#id_merit_quota", "2")
    page.click("button[type=submit]")
    page.wait_for_selector("#members")
    assert page.locator("#members li").count() == 8
    block = Block.objects.get()
    page.click("#edit-template")
    fill_table(page, TABLE)
    page.fill("#id_bonus_cap", "10")
    page.fill("#id_deduction_cap", "5")
    page.click("#template-form button[type=submit]")
    page.wait_for_selector("text=Đã lưu bảng điểm của khối")
    page.fill("#id_self_score_deadline", (dt.date.today() + dt.timedelta(days=7)).strftime("%d/%m/%Y"))
    page.click("#open-scoring button")
    page.wait_for_selector("text=Đã mở chấm điểm")

    # Each unit's clerk self-scores with an evidence file; one first tries a number above the max.
    for i, (unit, clerk) in enumerate(zip(units, clerks)):
        switch_user(page, live_server, clerk)
        page.goto(f"{live_server.url}{block.get_absolute_url()}")
        page.click(f"#sheets a[data-mode='tu-cham'][data-unit='{unit.name}']")
        if i == 2:
            page.get_by_label("Điểm tiêu chí 1.1", exact=True).fill("45")
            page.click("#score-sheet button[type=submit]")
            page.wait_for_selector("text=45 điểm vượt điểm tối đa 40 điểm")
        fill_sheet(page, {"1.1": 40 - i, "1.2": 20, "2.1": 35, "3.1": 0, "3.2": 0}, evidence)
    assert Evidence.objects.filter(block=block).count() == 8

    # The head scores the other members, the deputy scores the head.
    switch_user(page, live_server, clerks[0])
    for i, unit in enumerate(units[1:], start=1):
        page.goto(f"{live_server.url}{block.get_absolute_url()}")
        page.click(f"#sheets a[data-mode='khoi'][data-unit='{unit.name}']")
        fill_sheet(page, {"1.1": 40 - i, "1.2": 20, "2.1": 36 - i, "3.1": 0, "3.2": 1 if i == 7 else 0})
    switch_user(page, live_server, clerks[1])
    page.goto(f"{live_server.url}{block.get_absolute_url()}")
    page.click(f"#sheets a[data-mode='khoi'][data-unit='{units[0].name}']")
    fill_sheet(page, {"1.1": 40, "1.2": 20, "2.1": 38, "3.1": 10, "3.2": 0})

    # The officer closes scoring: the ranking appears, every number with who gave it.
    switch_user(page, live_server, w.officer)
    page.goto(f"{live_server.url}{block.get_absolute_url()}")
    page.click("#close-scoring")
    page.wait_for_selector("#ranking")
    first = page.locator("#ranking tbody tr").first
    assert first.get_attribute("data-unit") == units[0].name
    assert "108" in first.inner_text() and "Xuất sắc" in first.inner_text()
    page.screenshot(path=str(SHOTS / "e2e-emulation-ranking.png"), full_page=True)
    page.click(f"#ranking a:text('{units[0].name}')")
    row = page.locator("#provenance tr[data-code='2.1']")
    assert "Trưởng khối chấm" in row.inner_text() and units[1].name in row.inner_text()
    assert "Văn thư" in row.inner_text()

    # The secret vote: the head opens the round, every member votes, the head counts.
    switch_user(page, live_server, clerks[0])
    page.goto(f"{live_server.url}/thi-dua/khoi/{block.pk}/bo-phieu/")
    page.click("#open-round")
    for i, clerk in enumerate(clerks):
        switch_user(page, live_server, clerk)
        page.goto(f"{live_server.url}/thi-dua/khoi/{block.pk}/bo-phieu/")
        choice = units[0] if i < 6 else units[1]
        page.check(f"#ballot input[value='{choice.pk}']")
        page.click("#ballot button")
        page.wait_for_selector("#voted")
    switch_user(page, live_server, clerks[0])
    page.goto(f"{live_server.url}/thi-dua/khoi/{block.pk}/bo-phieu/")
    page.click("#close-round")
    page.wait_for_selector("#vote-result")
    assert f"{units[0].name} trúng cử với 6/8 phiếu" in page.inner_text("#vote-result")

    # The officer drafts the dossier proposing the flag and two Bằng khen.
    switch_user(page, live_server, w.officer)
    page.goto(f"{live_server.url}{block.get_absolute_url()}")
    assert page.inner_text("#leader") == units[0].name
    page.click("#propose")
    page.wait_for_url(f"{live_server.url}/ho-so/**")
    body = page.inner_text("main")
    assert "Dự thảo" in body and "Cờ thi đua" in body and units[0].name in body
    page.screenshot(path=str(SHOTS / "e2e-emulation-dossier.png"), full_page=True)

    # A covenant with 10 indicators: drawn up, signed by every member, year-end values, fulfilment.
    page.goto(f"{live_server.url}{block.get_absolute_url()}")
    page.click("#new-covenant")
    page.fill("#id_title", f"Giao ước thi đua năm {year}")
    page.fill("#id_theme", "Đoàn kết, kỷ cương, đổi mới, sáng tạo")
    fill_table(page, {"ct": [{"name": f"Chỉ tiêu số {i}", "unit_of_measure": "%", "target": str(90 + i)}
                             for i in range(1, 10)]
                            + [{"name": "Tỷ lệ hồ sơ trễ hạn", "unit_of_measure": "%", "target": "1,5", "lower": True}]})
    page.click("button[type=submit]")
    page.wait_for_selector("text=Đã lập giao ước với 10 chỉ tiêu")
    for unit in units:
        form = page.locator(f".sign-form[data-unit='{unit.name}']")
        form.locator("input[name=signatory]").fill(f"Giám đốc {unit.name}")
        form.locator("button").click()
        page.wait_for_selector(f"text={unit.name} đã ký giao ước")
    assert page.inner_text("#covenant-status") == "Đã ký kết"
    assert page.get_by_role("link", name="Khối các sở quản lý nhà nước").count() == 1
    switch_user(page, live_server, clerks[2])
    page.goto(f"{live_server.url}/thi-dua/giao-uoc/{block.covenants.get().pk}/")
    page.click(f".results-form[data-unit='{units[2].name}'] summary")
    for i in range(1, 10):
        page.get_by_label(f"Kết quả chỉ tiêu {i}", exact=True).fill(str(90 + i + (1 if i <= 6 else -1)))
    page.get_by_label("Kết quả chỉ tiêu 10", exact=True).fill("1,2")
    page.get_by_label("Minh chứng chỉ tiêu 1", exact=True).set_input_files(str(evidence))
    page.click(f".results-form[data-unit='{units[2].name}'] button")
    page.wait_for_selector("text=Đã lưu kết quả thực hiện")
    bar = page.locator(f".party-bar[data-unit='{units[2].name}']")
    assert bar.locator(".party-label").inner_text() == "7/10 chỉ tiêu đạt và vượt"
    assert "Toàn giao ước: 7/80 chỉ tiêu đạt và vượt" in page.inner_text("#fulfilment-total")
    page.screenshot(path=str(SHOTS / "e2e-emulation-covenant.png"), full_page=True)
