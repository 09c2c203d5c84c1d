"""Certificates (Bằng khen, Giấy khen, Chiến sĩ thi đua certificates) as one PDF each.

Content follows ND 98/2023 Đ104 and the ND 50/2006 specimen (documents-and-reports.md §3):
Quốc hiệu and Tiêu ngữ, the issuer's title in red, "TẶNG" ("TẶNG DANH HIỆU" for a title), the
award name in red, the recipient, position/unit and achievement; bottom left the decision number
and date and "Số sổ vàng"; bottom right place and date, the signer's title and name. A QR code
with the public verification URL (linked as well) and the certificate's serial are added.

Positions come from a ``CertificateLayout`` in millimetres, one ``FieldBox`` per field, so that a
province can match its own blank (phôi). Layouts travel as JSON (``layout_to_dict`` /
``layout_from_dict``, which validates and names the bad field in Vietnamese). Two modes:
- full: a decorative frame and every text block, for printing on plain paper or for the PDF
  that is published and signed;
- print-on-blank: only the fields listed in ``layout.blank_fields`` (by default everything but
  the motto, the issuer's title, "TẶNG" and the award name, which a phôi carries pre-printed),
  with no frame, to print onto pre-printed blanks.

Performance (measured on this 2-core machine, 500 A3 certificates; ``python -m bench.documents``):
- 500 separate ``HTML().write_pdf()`` calls: ~50 ms each, mostly fixed per-document cost.
- One document for all pages, written once and split with pypdf: the split is cheap (~3 ms a
  page) while pages hold vector content only, but WeasyPrint shares one resource dictionary
  between pages, so every split file carries the font subsets of the whole batch and, once each
  page has its own image (the QR code), every page's image: ~94 kB per file for a batch of 100,
  ~370 kB for 500, and the split then costs ~100 ms a page.
- Chosen: lay out batches of ``BATCH`` certificates as one WeasyPrint document, then write each
  page with ``document.copy([page]).write_pdf()``. Layout is shared, and each file is an ordinary
  self-contained WeasyPrint PDF with fonts subset to that page alone (~21 kB; ~30 kB signed).
  ~30 ms per certificate (of which ~4 ms is segno choosing the QR mask), plus ~12 ms to sign.
Details that matter for speed: fields are styled by class, not inline style (WeasyPrint's
cascade cost grows with every style attribute and box); the frame is one SVG drawn as the page
background and parsed once per batch; the QR code is a PNG with one pixel per module drawn
without interpolation (as sharp as a vector path, while an SVG QR code costs ~11 ms a page to
draw). For two cores, ``batch.render_and_sign_certificates(..., workers=2)`` halves the time.
"""
from __future__ import annotations

import copy
import datetime as dt
import math
import re
from dataclasses import asdict, dataclass, field
from html import escape
from urllib.parse import quote

from tdkt.documents.text import nfc, vn_date_line, vn_short_date

__all__ = ["CertificateDoc", "FieldBox", "CertificateLayout", "DEFAULT_LAYOUTS", "default_layout", "FIELDS",
           "FIELD_LABELS", "DECORATIVE_FIELDS", "layout_from_dict", "layout_to_dict",
           "render_certificates_pdf", "PreviewBox", "preview_boxes"]

BATCH = 100  # certificates laid out per WeasyPrint document: bounds memory, keeps layout shared


@dataclass
class CertificateDoc:
    serial: str
    award_name: str  # "BẰNG KHEN", "GIẤY KHEN", "CHIẾN SĨ THI ĐUA CƠ SỞ"
    issuer_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM"
    recipient_name: str
    recipient_line: str  # position, unit
    achievement: str
    decision_number: str
    decision_date: dt.date
    golden_book_number: str
    place: str
    signed_on: dt.date
    sign_prefix: str
    signer_title: str
    signer_name: str
    verify_url: str


@dataclass
class FieldBox:
    x_mm: float
    y_mm: float  # top of the box
    width_mm: float  # text wraps inside it; for "qr", the side of the square
    font_size_pt: float
    align: str = "center"  # "left" | "center" | "right"
    bold: bool = False
    color: str = "#000000"
    italic: bool = False
    visible: bool = True


@dataclass
class CertificateLayout:
    page_width_mm: float
    page_height_mm: float
    fields: dict[str, FieldBox]
    # Fields printed in print-on-blank mode (the rest is pre-printed on the phôi).
    blank_fields: list[str] = field(default_factory=lambda: list(BLANK_FIELDS_DEFAULT))


# Field keys, in printing order. Several CertificateDoc values share one box: decision_number
# prints "Quyết định số …, ngày …" (with decision_date), place prints the place-and-date line
# (with signed_on), signer_title prints sign_prefix above the title, qr encodes verify_url.
FIELDS = ["motto", "issuer_title", "tang", "award_name", "recipient_name", "recipient_line",
          "achievement", "decision_number", "golden_book_number", "place", "signer_title",
          "signer_name", "serial", "qr"]
OPTIONAL_FIELDS = {"motto", "tang"}
DECORATIVE_FIELDS = ("motto", "issuer_title", "tang", "award_name")
BLANK_FIELDS_DEFAULT = tuple(f for f in FIELDS if f not in DECORATIVE_FIELDS)
FIELD_LABELS = {
    "motto": "Quốc hiệu, tiêu ngữ",
    "issuer_title": "Chức danh người quyết định khen thưởng",
    "tang": "Chữ “TẶNG”",
    "award_name": "Tên hình thức khen thưởng",
    "recipient_name": "Họ và tên (tên tập thể)",
    "recipient_line": "Chức vụ, đơn vị",
    "achievement": "Thành tích",
    "decision_number": "Số, ngày quyết định",
    "golden_book_number": "Số sổ vàng",
    "place": "Địa danh, ngày tháng năm",
    "signer_title": "Chức vụ người ký",
    "signer_name": "Họ và tên người ký",
    "serial": "Mã số bằng",
    "qr": "Mã QR tra cứu",
}
_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_ALIGNS = ("left", "center", "right")
RED = "#c00000"


def _box(x, y, w, size, *, align="center", bold=False, color="#000000", italic=False):
    return FieldBox(x, y, w, size, align, bold, color, italic)


def _bang_khen() -> CertificateLayout:
    """A3 landscape (420 × 297 mm), after the provincial Bằng khen specimen."""
    return CertificateLayout(420, 297, {
        "motto": _box(85, 30, 250, 17, bold=True),
        "issuer_title": _box(40, 62, 340, 24, bold=True, color=RED),
        "tang": _box(85, 80, 250, 19, bold=True),
        "award_name": _box(40, 92, 340, 56, bold=True, color=RED),
        "recipient_name": _box(40, 124, 340, 30, bold=True),
        "recipient_line": _box(55, 142, 310, 18),
        "achievement": _box(55, 155, 310, 18),
        "decision_number": _box(32, 210, 170, 14, bold=True, italic=True),
        "golden_book_number": _box(32, 218, 170, 14, bold=True, italic=True),
        "place": _box(225, 205, 170, 16, italic=True),
        "signer_title": _box(225, 214, 170, 17, bold=True),
        "signer_name": _box(225, 262, 170, 19, bold=True),
        "serial": _box(32, 262, 120, 9, align="left"),
        "qr": _box(32, 234, 24, 9, align="left"),
    })


def _giay_khen() -> CertificateLayout:
    """A4 landscape (297 × 210 mm), ND 98/2023 Đ104."""
    return CertificateLayout(297, 210, {
        "motto": _box(58, 21, 181, 13, bold=True),
        "issuer_title": _box(28, 43, 241, 17, bold=True, color=RED),
        "tang": _box(58, 56, 181, 14, bold=True),
        "award_name": _box(28, 64, 241, 38, bold=True, color=RED),
        "recipient_name": _box(28, 87, 241, 21, bold=True),
        "recipient_line": _box(38, 100, 221, 13),
        "achievement": _box(38, 109, 221, 13),
        "decision_number": _box(24, 146, 118, 10.5, bold=True, italic=True),
        "golden_book_number": _box(24, 152, 118, 10.5, bold=True, italic=True),
        "place": _box(158, 143, 118, 12, italic=True),
        "signer_title": _box(158, 150, 118, 12.5, bold=True),
        "signer_name": _box(158, 182, 118, 13.5, bold=True),
        "serial": _box(24, 183, 90, 7.5, align="left"),
        "qr": _box(24, 160, 18, 7.5, align="left"),
    })


DEFAULT_LAYOUTS: dict[str, CertificateLayout] = {"bang_khen": _bang_khen(), "giay_khen": _giay_khen()}


def default_layout(name: str) -> CertificateLayout:
    """A fresh copy of a default layout (``DEFAULT_LAYOUTS`` is shared: do not edit it in place)."""
    return copy.deepcopy(DEFAULT_LAYOUTS[name])


# -- JSON round trip and validation -------------------------------------------------------------

def layout_to_dict(layout: CertificateLayout) -> dict:
    return {
        "page_width_mm": layout.page_width_mm,
        "page_height_mm": layout.page_height_mm,
        "fields": {key: asdict(box) for key, box in layout.fields.items()},
        "blank_fields": list(layout.blank_fields),
    }


def _field_name(key: str) -> str:
    label = FIELD_LABELS.get(key)
    return f"trường “{key}” ({label})" if label else f"trường “{key}”"


def _number(value, what: str, *, minimum: float | None = None, maximum: float | None = None,
            exclusive_min: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"Bố cục phôi: {what} phải là một số (đang là {value!r}).")
    if minimum is not None and (value <= minimum if exclusive_min else value < minimum):
        bound = f"lớn hơn {minimum:g}" if exclusive_min else f"từ {minimum:g} trở lên"
        if minimum == 0 and not exclusive_min:
            raise ValueError(f"Bố cục phôi: {what} không được âm (đang là {value:g}); phải {bound}.")
        raise ValueError(f"Bố cục phôi: {what} phải {bound} (đang là {value:g}).")
    if maximum is not None and value > maximum:
        raise ValueError(f"Bố cục phôi: {what} vượt quá {maximum:g} (đang là {value:g}).")
    return float(value)


def layout_from_dict(data: dict) -> CertificateLayout:
    """Build and validate a layout from its JSON form; ``ValueError`` names the bad field."""
    if not isinstance(data, dict):
        raise ValueError("Bố cục phôi phải là một đối tượng JSON.")
    for key in ("page_width_mm", "page_height_mm"):
        if key not in data:
            raise ValueError(f"Bố cục phôi: thiếu “{key}” (kích thước khổ giấy, mm).")
    width = _number(data["page_width_mm"], "chiều rộng khổ giấy “page_width_mm”", minimum=50, maximum=2000)
    height = _number(data["page_height_mm"], "chiều cao khổ giấy “page_height_mm”", minimum=50, maximum=2000)
    raw_fields = data.get("fields")
    if not isinstance(raw_fields, dict):
        raise ValueError("Bố cục phôi: thiếu danh sách trường “fields”.")
    unknown = sorted(set(raw_fields) - set(FIELDS))
    if unknown:
        raise ValueError(f"Bố cục phôi: không có trường “{unknown[0]}”; các trường hợp lệ: {', '.join(FIELDS)}.")
    fields = {}
    for key in FIELDS:
        if key not in raw_fields:
            if key in OPTIONAL_FIELDS:
                continue
            raise ValueError(f"Bố cục phôi: thiếu {_field_name(key)}.")
        fields[key] = _field_from_dict(key, raw_fields[key], width, height)
    blank = data.get("blank_fields", list(BLANK_FIELDS_DEFAULT))
    if not isinstance(blank, (list, tuple)) or any(b not in FIELDS for b in blank):
        bad = next((b for b in blank if b not in FIELDS), blank) if isinstance(blank, (list, tuple)) else blank
        raise ValueError(f"Bố cục phôi: “blank_fields” chứa trường không hợp lệ: {bad!r}.")
    return CertificateLayout(width, height, fields, list(blank))


def _field_from_dict(key: str, raw, page_width: float, page_height: float) -> FieldBox:
    name = _field_name(key)
    if not isinstance(raw, dict):
        raise ValueError(f"Bố cục phôi: {name} phải là một đối tượng có tọa độ.")
    for coordinate in ("x_mm", "y_mm", "width_mm"):
        if raw.get(coordinate) is None:
            raise ValueError(f"Bố cục phôi: {name} thiếu tọa độ “{coordinate}”.")
    x = _number(raw["x_mm"], f"tọa độ “x_mm” của {name}", minimum=0)
    y = _number(raw["y_mm"], f"tọa độ “y_mm” của {name}", minimum=0)
    w = _number(raw["width_mm"], f"chiều rộng “width_mm” của {name}", minimum=0, exclusive_min=True)
    if x + w > page_width + 0.01:
        raise ValueError(f"Bố cục phôi: {name} vượt ra ngoài khổ giấy (x_mm + width_mm = {x + w:g} "
                         f"> {page_width:g} mm).")
    if y >= page_height:
        raise ValueError(f"Bố cục phôi: {name} nằm ngoài khổ giấy (y_mm = {y:g} ≥ {page_height:g} mm).")
    size_raw = raw.get("font_size_pt", 10 if key == "qr" else None)
    if size_raw is None:
        raise ValueError(f"Bố cục phôi: {name} thiếu cỡ chữ “font_size_pt”.")
    size = _number(size_raw, f"cỡ chữ “font_size_pt” của {name}", minimum=4, maximum=200)
    align = raw.get("align", "center")
    if align not in _ALIGNS:
        raise ValueError(f"Bố cục phôi: {name} có căn lề “{align}” không hợp lệ (left, center, right).")
    color = raw.get("color", "#000000")
    if not isinstance(color, str) or not _COLOR.fullmatch(color):
        raise ValueError(f"Bố cục phôi: {name} có màu “{color}” không hợp lệ (dạng #RRGGBB).")
    flags = {}
    for flag, default in (("bold", False), ("italic", False), ("visible", True)):
        value = raw.get(flag, default)
        if not isinstance(value, bool):
            raise ValueError(f"Bố cục phôi: {name} có “{flag}” phải là true hoặc false.")
        flags[flag] = value
    return FieldBox(x, y, w, size, align, flags["bold"], color, flags["italic"], flags["visible"])


# -- rendering ----------------------------------------------------------------------------------

def _tang(award_name: str) -> str:
    """'TẶNG' before a form of award, 'TẶNG DANH HIỆU' before a title (ND 98/2023 Đ104)."""
    name = nfc(award_name).upper().strip()
    forms = ("BẰNG KHEN", "GIẤY KHEN", "CỜ THI ĐUA", "HUÂN CHƯƠNG", "HUY CHƯƠNG", "KỶ NIỆM CHƯƠNG")
    return "TẶNG" if name.startswith(forms) else "TẶNG DANH HIỆU"


def _sentence(text: str) -> str:
    text = nfc(text).strip()
    return text[:1].upper() + text[1:]


def _field_lines(key: str, doc: CertificateDoc) -> list[str]:
    if key == "motto":
        return ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    if key == "tang":
        return [_tang(doc.award_name)]
    if key == "award_name":
        return [nfc(doc.award_name).upper().strip()]
    if key == "issuer_title":
        return [nfc(doc.issuer_title).upper().strip()]
    if key == "recipient_name":
        return [nfc(doc.recipient_name).strip()]
    if key == "recipient_line":
        return [nfc(doc.recipient_line).strip()]
    if key == "achievement":
        return [_sentence(doc.achievement)]
    if key == "decision_number":
        return [f"Quyết định số {nfc(doc.decision_number).strip()}, ngày {vn_short_date(doc.decision_date)}"]
    if key == "golden_book_number":
        number = nfc(doc.golden_book_number).strip()
        return [f"Số sổ vàng: {number}"] if number else []
    if key == "place":
        return [vn_date_line(doc.place, doc.signed_on)]
    if key == "signer_title":
        return [nfc(line).upper().strip() for line in (doc.sign_prefix, doc.signer_title) if line.strip()]
    if key == "signer_name":
        return [nfc(doc.signer_name).strip()]
    if key == "serial":
        serial = nfc(doc.serial).strip()
        return [f"Mã số: {serial}"] if serial else []
    return []


# Single-line fields shrink rather than wrap into the next block. Widths are estimated from the
# average advance of Times-like fonts (em fractions per character); precise enough to catch
# "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO …" on a Giấy khen, and never enlarges the text.
_ONE_LINE = {"award_name": 0.74, "issuer_title": 0.70, "recipient_name": 0.56, "tang": 0.70}
PT_TO_MM = 25.4 / 72


def _fitted_size(key: str, text: str, box: FieldBox) -> float:
    factor = _ONE_LINE.get(key)
    if not factor or not text:
        return box.font_size_pt
    estimated = len(text) * factor * box.font_size_pt * PT_TO_MM
    if estimated <= box.width_mm:
        return box.font_size_pt
    return max(box.font_size_pt * box.width_mm / estimated, box.font_size_pt * 0.55)


@dataclass
class PreviewBox:
    """Where a field's text lands on the page, in millimetres, for the layout editor's drawing."""

    key: str
    label: str
    x_mm: float
    y_mm: float
    width_mm: float
    height_mm: float
    printed_on_blank: bool
    visible: bool

    @property
    def text_x_mm(self) -> float:
        return self.x_mm + 1

    @property
    def text_y_mm(self) -> float:
        return self.y_mm + min(self.height_mm - 0.5, max(3.0, self.height_mm * 0.75))


# Lines a field usually takes (the achievement and the recipient's line may wrap onto a second).
_PREVIEW_LINES = {"achievement": 2, "recipient_line": 2, "signer_title": 2, "place": 1}


def preview_boxes(layout: CertificateLayout) -> list[PreviewBox]:
    """Each field's box (the QR code a square; text one or two lines of its font size) to draw the
    layout as a picture before printing a test sheet."""
    boxes = []
    for key, box in layout.fields.items():
        if key == "qr":
            height = box.width_mm
        else:
            height = box.font_size_pt * PT_TO_MM * 1.3 * _PREVIEW_LINES.get(key, 1)
        height = min(height, max(layout.page_height_mm - box.y_mm, 1))
        boxes.append(PreviewBox(key, FIELD_LABELS.get(key, key), box.x_mm, box.y_mm, box.width_mm, round(height, 2),
                                key in layout.blank_fields, box.visible))
    return boxes


def _field_css(key: str, box: FieldBox) -> str:
    return (f".k-{key}{{left:{box.x_mm:.2f}mm;top:{box.y_mm:.2f}mm;width:{box.width_mm:.2f}mm;"
            f"font-size:{box.font_size_pt:.2f}pt;text-align:{box.align};color:{box.color};"
            f"font-weight:{'bold' if box.bold else 'normal'};"
            f"font-style:{'italic' if box.italic else 'normal'}}}")


_qr_cache: dict[str, str] = {}


def _qr_data_uri(url: str) -> str:
    import segno

    uri = _qr_cache.get(url)
    if uri is None:
        # One pixel per module, drawn without interpolation (image-rendering: pixelated), is as
        # sharp as a vector path at any size, and far cheaper: WeasyPrint draws an SVG QR code
        # path segment by path segment (~11 ms a page), a 37 × 37 PNG costs nothing.
        uri = segno.make(url, error="m", micro=False).png_data_uri(scale=1, border=0)
        if len(_qr_cache) > 2048:
            _qr_cache.clear()
        _qr_cache[url] = uri
    return uri


def _page_html(doc: CertificateDoc, layout: CertificateLayout, printed: set[str]) -> str:
    """One certificate page. Every value is HTML-escaped here; the structure is kept flat (one
    absolutely positioned block per field, lines joined with <br>) because WeasyPrint's cost
    grows with the number of boxes and style attributes it must cascade."""
    parts = ['<section class="page">']
    for key in FIELDS:
        box = layout.fields.get(key)
        if box is None or not box.visible or key not in printed:
            continue
        if key == "qr":
            url = nfc(doc.verify_url).strip()
            if url:
                # An empty link laid over the image: wrapping the image in the link makes WeasyPrint
                # write two identical link annotations.
                parts.append(f'<img class="qr k-qr" src="{_qr_data_uri(url)}" alt="QR">'
                             f'<a class="qr k-qr" href="{escape(url)}"></a>')
            continue
        lines = _field_lines(key, doc)
        if not lines:
            continue
        size = _fitted_size(key, lines[0], box)
        style = f' style="font-size:{size:.2f}pt"' if size != box.font_size_pt else ""
        escaped = [escape(line) for line in lines]
        if key == "motto":
            escaped[-1] = f'<span class="underlined">{escaped[-1]}</span>'
        parts.append(f'<div class="f k-{key}"{style}>{"<br>".join(escaped)}</div>')
    parts.append("</section>")
    return "".join(parts)


def _frame_svg(layout: CertificateLayout) -> str:
    """The decorative frame as one SVG, drawn as the page background (parsed once per batch):
    a gold double border, a red inner line and gold diamonds on the inner corners."""
    w, h = layout.page_width_mm, layout.page_height_mm
    k = min(w, h) / 210
    gold, red = "#b8860b", RED
    shapes = []
    for inset, width, color in ((7 * k, 0.9 * k, gold), (9.4 * k, 0.5 * k, gold), (12.5 * k, 0.7 * k, red)):
        shapes.append(f'<rect x="{inset:.2f}" y="{inset:.2f}" width="{w - 2 * inset:.2f}" '
                      f'height="{h - 2 * inset:.2f}" fill="none" stroke="{color}" stroke-width="{width:.2f}"/>')
    c, r = 12.5 * k, 3.4 * k
    for x, y in ((c, c), (w - c, c), (c, h - c), (w - c, h - c)):
        shapes.append(f'<polygon points="{x:.2f},{y - r:.2f} {x + r:.2f},{y:.2f} {x:.2f},{y + r:.2f} '
                      f'{x - r:.2f},{y:.2f}" fill="{gold}"/>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2f}mm" height="{h:.2f}mm" '
           f'viewBox="0 0 {w:.2f} {h:.2f}">{"".join(shapes)}</svg>')
    return "data:image/svg+xml," + quote(svg)


def _document_html(batch: list[CertificateDoc], layout: CertificateLayout, print_on_blank: bool) -> str:
    from tdkt.documents.html import FONT_STACK

    w, h = f"{layout.page_width_mm:.2f}", f"{layout.page_height_mm:.2f}"
    background = ("" if print_on_blank else
                  f'background:url("{_frame_svg(layout)}") no-repeat;background-size:100% 100%;')
    css = [
        f"@page{{size:{w}mm {h}mm;margin:0;{background}}}",
        f"html{{font-family:{FONT_STACK};color:#000}}",
        "body{margin:0}",
        f".page{{position:relative;width:{w}mm;height:{h}mm;overflow:hidden}}",
        ".page+.page{break-before:page}",
        ".f{position:absolute;line-height:1.22}",
        ".underlined{display:inline-block;border-bottom:0.5mm solid currentColor;padding-bottom:0.6mm}",
        ".qr{position:absolute;display:block}",
        "img.qr{image-rendering:pixelated}",
    ]
    for key, box in layout.fields.items():
        css.append(_field_css(key, box))
    if "qr" in layout.fields:
        side = layout.fields["qr"].width_mm
        css.append(f".k-qr{{width:{side:.2f}mm;height:{side:.2f}mm}}")
    printed = set(layout.blank_fields) if print_on_blank else set(FIELDS)
    body = "".join(_page_html(doc, layout, printed) for doc in batch)
    return (f'<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{escape(_title(batch[0]))}'
            f'</title><style>{"".join(css)}</style></head><body>{body}</body></html>')


def _title(doc: CertificateDoc) -> str:
    return f"{nfc(doc.award_name).upper().strip()} - {nfc(doc.recipient_name).strip()} ({nfc(doc.serial).strip()})"


def render_certificates_pdf(docs: list[CertificateDoc], layout: CertificateLayout,
                            print_on_blank: bool = False) -> list[bytes]:
    """One PDF (bytes) per certificate, in the order given.

    The layout is validated again here (it may have been built in code rather than read with
    ``layout_from_dict``): its values end up in CSS, so nothing unchecked may reach it.
    """
    from tdkt.documents.html import html_to_document

    layout = layout_from_dict(layout_to_dict(layout))
    results: list[bytes] = []
    for start in range(0, len(docs), BATCH):
        batch = docs[start:start + BATCH]
        document = html_to_document(_document_html(batch, layout, print_on_blank))
        if len(document.pages) != len(batch):
            raise RuntimeError(f"Bố cục phôi làm một bằng tràn sang trang khác: {len(batch)} bằng "
                               f"nhưng {len(document.pages)} trang.")
        for doc, page in zip(batch, document.pages):
            single = document.copy([page])
            single.metadata = copy.copy(document.metadata)
            single.metadata.title = _title(doc)
            results.append(single.write_pdf())
    return results
