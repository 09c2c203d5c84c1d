"""Vietnamese formatting helpers and PDF text extraction."""
import datetime as dt
import unicodedata

import pytest

from tdkt.documents.text import (
    authority_in_text_of,
    clause,
    money_vn,
    numeral,
    pdf_text,
    percent_vn,
    recipient_line,
    sign_lines,
    text_lines,
    vn_date,
    vn_date_line,
    vn_short_date,
)


def test_date_line_pads_day_and_month_as_nd30_asks():
    assert vn_date_line("Hà Nam", dt.date(2026, 1, 5)) == "Hà Nam, ngày 05 tháng 01 năm 2026"
    assert vn_date_line("Hà Nam", dt.date(2025, 12, 31)) == "Hà Nam, ngày 31 tháng 12 năm 2025"
    assert vn_date(dt.date(2026, 2, 9)) == "ngày 09 tháng 02 năm 2026"
    assert vn_short_date(dt.date(2026, 1, 5)) == "05/01/2026"


def test_date_line_without_place_is_just_the_date():
    assert vn_date_line("", dt.date(2026, 1, 5)) == "Ngày 05 tháng 01 năm 2026"


def test_place_typed_in_decomposed_unicode_comes_out_composed():
    decomposed = unicodedata.normalize("NFD", "Hà Nam")
    assert vn_date_line(decomposed, dt.date(2026, 1, 5)) == "Hà Nam, ngày 05 tháng 01 năm 2026"


@pytest.mark.parametrize("amount, text", [
    (1_234_000, "1.234.000"), (0, "0"), (999, "999"), (1000, "1.000"), (-2_500_000, "-2.500.000"), (None, ""),
])
def test_money_uses_dots_between_thousands(amount, text):
    assert money_vn(amount) == text


def test_pdf_text_reads_vietnamese_back_composed(decision_pdf):
    text = pdf_text(decision_pdf)
    assert "Nguyễn Thị Ánh" in text
    assert text == unicodedata.normalize("NFC", text)


def test_pdf_text_refuses_garbage_with_a_vietnamese_message():
    with pytest.raises(ValueError, match="không phải PDF"):
        pdf_text(b"this is not a pdf")


@pytest.mark.parametrize("part, whole, text", [(8, 9, "88,9%"), (9, 9, "100%"), (6, 9, "66,7%"), (0, 9, "0%"),
                                               (1, 0, "—")])
def test_percent_uses_a_decimal_comma(part, whole, text):
    assert percent_vn(part, whole) == text


def test_wording_pieces():
    assert clause("  Bằng khen của Thủ tướng Chính phủ.; ") == "Bằng khen của Thủ tướng Chính phủ"
    assert text_lines(" ỦY BAN NHÂN DÂN \n\n TỈNH HÀ NAM ") == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM"]
    assert sign_lines("TM. Ủy ban nhân dân\nKT. Chủ tịch", "Phó Chủ tịch") == [
        "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert sign_lines("", "CHỦ TỊCH") == ["CHỦ TỊCH"]
    assert recipient_line("Như Điều 3;") == "- Như Điều 3;"
    assert recipient_line("- Lưu: VT, NV.") == "- Lưu: VT, NV."
    assert [numeral(i) for i in (0, 3, 19, 20)] == ["I", "IV", "XX", "21"]


def test_authority_in_running_text():
    assert authority_in_text_of("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Hà Nam") == (
        "Chủ tịch Ủy ban nhân dân tỉnh Hà Nam")
    assert authority_in_text_of("ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Hà Nam") == "Ủy ban nhân dân tỉnh Hà Nam"
    assert authority_in_text_of("GIÁM ĐỐC SỞ NỘI VỤ", "Hà Nam", explicit=" Giám đốc Sở Nội vụ ") == (
        "Giám đốc Sở Nội vụ")
