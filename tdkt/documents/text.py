"""Vietnamese formatting helpers shared by every renderer, and PDF text extraction.

- ``vn_date_line("Hà Nam", date(2026, 1, 5))`` gives the ND 30/2020 place-and-date line
  "Hà Nam, ngày 05 tháng 01 năm 2026" (days below 10 and months 1-2 with a leading zero;
  every month is padded, which the decree allows and offices do in practice).
- ``money_vn(1234000)`` gives "1.234.000" (dot as the thousands separator).
- ``pdf_text(data)`` reads the text of a PDF back as NFC Unicode. pypdf is used rather than
  pdfminer.six: on WeasyPrint's output (CID TrueType fonts with ToUnicode maps) both return the
  same composed text for Vietnamese ("Nguyễn Thị Ánh" compares equal), pypdf is already needed to
  read PDFs elsewhere, and it has no further dependencies. The result is normalised to NFC anyway
  so that a PDF whose ToUnicode map yields decomposed marks still compares equal.
"""
from __future__ import annotations

import datetime as dt
import io
import unicodedata

__all__ = ["vn_date", "vn_date_line", "vn_short_date", "money_vn", "pdf_text", "nfc"]


def nfc(text: str | None) -> str:
    """The text in NFC form ("" for None), so that names typed on different keyboards compare equal."""
    return unicodedata.normalize("NFC", text or "")


def vn_date(day: dt.date) -> str:
    """'ngày 05 tháng 01 năm 2026'."""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def vn_date_line(place: str, day: dt.date) -> str:
    """'Hà Nam, ngày 05 tháng 01 năm 2026' (ND 30/2020 element 4); just the date when place is empty."""
    place = nfc(place).strip()
    return f"{place}, {vn_date(day)}" if place else vn_date(day).capitalize()


def vn_short_date(day: dt.date) -> str:
    """'05/01/2026' (dd/mm/yyyy, the house format for dates inside sentences and tables)."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def money_vn(amount: int | None) -> str:
    """'1.234.000' for 1234000; '' for None. Negative amounts keep their sign."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return sign + f"{abs(int(amount)):,}".replace(",", ".")


def pdf_text(data: bytes) -> str:
    """All the text of a PDF, page after page (pages separated by a form feed), in NFC.

    Raises ``ValueError`` with a Vietnamese message when the bytes are not a readable PDF.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValueError("Tệp không phải PDF hợp lệ.") from exc
    return nfc("\f".join(pages))
