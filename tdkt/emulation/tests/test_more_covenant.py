"""Issue 12, point 8 on the covenant page: the indicators are an editable table (content, unit of
measure, target, "lower is better" as a tick), every row's messages at once, nothing typed lost."""
from decimal import Decimal

import pytest

from tdkt.emulation.choices import Direction
from tdkt.emulation.year_forms import number_text
from tdkt.testing import login

from .factories import make_block

pytestmark = pytest.mark.django_db


def covenant_post(rows, **fields) -> dict:
    """A covenant page's POST: the covenant's fields and one table row per (name, unit, target, lower)."""
    data = {"kind": "block", "title": "Giao ước năm 2026", "year": 2026, "ct-TOTAL_FORMS": len(rows),
            "ct-INITIAL_FORMS": 0, "ct-MIN_NUM_FORMS": 0, "ct-MAX_NUM_FORMS": 200, **fields}
    for i, (name, measure, target, lower) in enumerate(rows):
        data.update({f"ct-{i}-name": name, f"ct-{i}-unit_of_measure": measure, f"ct-{i}-target": target})
        if lower:
            data[f"ct-{i}-lower"] = "on"
    return data


def test_point8_covenant_indicators_are_table_rows_with_a_lower_is_better_tick(world):
    bw = make_block(world, 3, open_scoring=False)
    client = login(world.officer)
    page = client.get(f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}").content.decode()
    assert 'data-formset-add="ct"' in page and "Càng thấp càng tốt" in page and "emulation/table-rows.js" in page
    assert "nội dung | đơn vị tính" not in page and 'name="indicators"' not in page
    response = client.post(f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}", covenant_post([
        ("Thu ngân sách", "tỷ đồng", "1.500.000", False), ("", "", "", False),
        ("Tỷ lệ hồ sơ trễ hạn", "%", "1,5", True)]))
    assert response.status_code == 302
    covenant = bw.block.covenants.get()
    assert [(i.order, i.name, i.unit_of_measure, i.target, i.direction) for i in covenant.indicators.all()] == [
        (1, "Thu ngân sách", "tỷ đồng", Decimal("1500000"), Direction.HIGHER),
        (2, "Tỷ lệ hồ sơ trễ hạn", "%", Decimal("1.5"), Direction.LOWER)]


def test_point8_every_bad_indicator_row_has_its_message_and_nothing_typed_is_lost(world):
    bw = make_block(world, 3, open_scoring=False)
    client = login(world.officer)
    response = client.post(f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}", covenant_post([
        ("Chỉ tiêu tốt", "%", "95", False), ("Chỉ tiêu chưa có đơn vị", "", "nhiều", True),
        ("", "hồ sơ", "-3", False)], theme="Đoàn kết, đổi mới"))
    assert response.status_code == 200 and not bw.block.covenants.exists()
    page = response.content.decode()
    assert "Chưa lưu: 2 dòng chỉ tiêu có lỗi" in page
    assert "Dòng 2: Đơn vị tính: không được để trống." in page
    assert "Dòng 2: Chỉ tiêu đăng ký: “nhiều” không phải là số." in page
    assert "Dòng 3: Nội dung chỉ tiêu: không được để trống." in page
    assert "Dòng 3: Chỉ tiêu đăng ký: không được nhỏ hơn 0." in page
    # What was typed is still there, the tick too.
    for text in ('value="Chỉ tiêu tốt"', 'value="Chỉ tiêu chưa có đơn vị"', 'value="nhiều"', 'value="-3"',
                 'value="Đoàn kết, đổi mới"', 'value="hồ sơ"'):
        assert text in page
    assert 'name="ct-1-lower"' in page and 'id="id_ct-1-lower" checked' in page


def test_point8_a_covenant_without_indicators_says_so_above_the_table(world):
    bw = make_block(world, 3, open_scoring=False)
    response = login(world.officer).post(f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}",
                                         covenant_post([("", "", "", False)]))
    assert response.status_code == 200
    assert "Giao ước phải có ít nhất một chỉ tiêu" in response.content.decode()


def test_point8_a_deleted_row_is_dropped(world):
    bw = make_block(world, 3, open_scoring=False)
    data = covenant_post([("Giữ lại", "%", "90", False), ("Bỏ đi", "", "sai", False)])
    data["ct-1-DELETE"] = "on"
    assert login(world.officer).post(f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}", data).status_code == 302
    assert [i.name for i in bw.block.covenants.get().indicators.all()] == ["Giữ lại"]


@pytest.mark.parametrize("typed, read", [("1.500.000", "1500000"), ("1.500,5", "1500,5"), ("12,5", "12,5"),
                                         ("12.5", "12.5"), (" 7 ", "7")])
def test_numbers_as_typed_the_vietnamese_way(typed, read):
    assert number_text(typed) == read


def test_a_blocks_covenant_page_does_not_ask_for_communes(world):
    bw = make_block(world, 3, open_scoring=False)
    client = login(world.officer)
    assert 'name="parties"' not in client.get(f"/thi-dua/giao-uoc/moi/?khoi={bw.block.pk}").content.decode()
    assert 'name="parties"' in client.get("/thi-dua/giao-uoc/moi/").content.decode()
