"""Vietnamese formatting helpers and PDF text extraction."""
import datetime as dt
import unicodedata

import pytest

from tdkt.documents.text import money_vn, pdf_text, vn_date, vn_date_line, vn_short_date


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
