"""Vietnamese formatting helpers shared by every renderer, and PDF text extraction.

- ``vn_date_line("Hà Nam", date(2026, 1, 5))`` gives the ND 30/2020 place-and-date line
  "Hà Nam, ngày 05 tháng 01 năm 2026" (days below 10 and months 1-2 with a leading zero;
  every month is padded, which the decree allows and offices do in practice).
- ``money_vn(1234000)`` gives "1.234.000" (dot as the thousands separator); ``percent_vn(8, 9)``
  gives "88,9%" (decimal comma).
- Wording pieces shared by the decision, the tờ trình and their lists: ``clause`` (a phrase set
  inside a sentence), ``text_lines`` (non-empty stripped lines), ``sign_lines`` (the signature's upper
  lines), ``recipient_line`` (one Nơi nhận line), ``numeral`` (I, II, … for groups of a list) and
  ``authority_in_text_of`` ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM" in running text).
- ``pdf_text(data)`` reads the text of a PDF back as NFC Unicode. pypdf is used rather than
  pdfminer.six: on WeasyPrint's output (CID TrueType fonts with ToUnicode maps) both return the
  same composed text for Vietnamese ("Nguyễn Thị Ánh" compares equal), pypdf is already needed to
  read PDFs elsewhere, and it has no further dependencies. The result is normalised to NFC anyway
  so that a PDF whose ToUnicode map yields decomposed marks still compares equal.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

__all__ = ["vn_date", "vn_date_line", "vn_short_date", "money_vn", "percent_vn", "pdf_text", "nfc",
           "clause", "text_lines", "sign_lines", "recipient_line", "ROMAN", "numeral", "authority_in_text_of"]

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
         "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]


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


def percent_vn(part: int, whole: int) -> str:
    """'88,9%' (Vietnamese decimal comma, one decimal at most); '—' when ``whole`` is not positive."""
    if whole <= 0:
        return "—"
    value = round(100 * part / whole, 1)
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return text.replace(".", ",") + "%"


# -- wording pieces -----------------------------------------------------------------------------

def clause(text: str) -> str:
    """The phrase ready to sit inside a sentence: NFC, stripped, without trailing '.', ';' or ','."""
    return nfc(text).strip().rstrip(".;,").strip()


def text_lines(text: str) -> list[str]:
    """The non-empty lines of the text, stripped, in NFC."""
    return [line.strip() for line in nfc(text).splitlines() if line.strip()]


def sign_lines(sign_prefix: str, signer_title: str) -> list[str]:
    """The upper lines of a signature block ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), upper case.

    Either part may hold several lines separated by "\\n" ("TM. ỦY BAN NHÂN DÂN\\nKT. CHỦ TỊCH").
    """
    return [line.upper() for line in text_lines(sign_prefix) + text_lines(signer_title)]


def recipient_line(line: str) -> str:
    """One Nơi nhận line, starting with '- ' unless it already starts with a dash."""
    line = nfc(line).strip()
    return line if line.startswith(("-", "–")) else "- " + line


def numeral(index: int) -> str:
    """'I', 'II', … for the 0-based index of a group in a list; Arabic digits past XX."""
    return ROMAN[index] if 0 <= index < len(ROMAN) else str(index + 1)


# Heads and bodies that keep their capital in running text. Only phrases that cannot occur inside
# one another; other issuers ("GIÁM ĐỐC SỞ NỘI VỤ") should pass the running text explicitly.
_CAPITALISED = ["Chủ tịch", "Ủy ban nhân dân", "Hội đồng nhân dân", "Thủ tướng Chính phủ"]


def authority_in_text_of(title: str, place: str = "", explicit: str = "") -> str:
    """'Chủ tịch Ủy ban nhân dân tỉnh Hà Nam' from 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM' and 'Hà Nam'.

    ``explicit``, when not blank, is the answer as given (for titles the rule cannot case).
    """
    if explicit.strip():
        return nfc(explicit).strip()
    text = nfc(title).strip().lower()
    place = nfc(place).strip()
    for phrase in _CAPITALISED:
        text = re.sub(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", phrase, text)
    if place:
        text = re.sub(rf"(?<!\w){re.escape(place.lower())}(?!\w)", place, text)
    return text[:1].upper() + text[1:]


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
