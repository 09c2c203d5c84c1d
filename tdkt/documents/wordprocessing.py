"""python-docx helpers shared by the Word renderers (decision, tờ trình, minutes, lists).

python-docx has no API for a few things ND 30/2020 layouts need (paragraph rules, PAGE fields,
repeated table headers, restarting page numbers in a section), so the few XML tweaks live here,
with the two blocks every ND 30 document repeats: ``nd30_header`` (issuing body and number on the
left, Quốc hiệu, Tiêu ngữ and the place-date line on the right) and ``signature_block`` (Nơi nhận
on the left, the signer on the right).
"""
from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

FONT = "Times New Roman"
ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def new_document(*, title: str = "", landscape: bool = False, size_pt: float = 14):
    """An empty A4 document with ND 30 margins and Times New Roman as the default font."""
    document = Document()
    # The default template's properties name python-docx as author and describe themselves.
    core = document.core_properties
    core.title, core.author, core.last_modified_by = title, "Hệ thống TĐKT", "Hệ thống TĐKT"
    core.comments, core.subject, core.keywords, core.category = "", "", "", ""
    core.language = "vi-VN"
    section = document.sections[0]
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size_pt)
    # Word picks the font per script: set every slot, or Vietnamese text may fall back elsewhere.
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    pf = normal.paragraph_format
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(0), 1.0
    return document


def text_width(section) -> int:
    return section.page_width - section.left_margin - section.right_margin


def para(container, text: str = "", *, size: float | None = None, bold=False, italic=False,
         align: str = "left", first_line_cm: float | None = None, space_before: float = 0,
         space_after: float = 0, keep_with_next: bool = False):
    """A paragraph with one run (or none when text is empty)."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[align]
    fmt.space_before, fmt.space_after = Pt(space_before), Pt(space_after)
    if first_line_cm:
        fmt.first_line_indent = Cm(first_line_cm)
    if keep_with_next:
        fmt.keep_with_next = True
    if text:
        add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def add_run(paragraph, text: str, *, size: float | None = None, bold=False, italic=False):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    if size:
        run.font.size = Pt(size)
    return run


def first_paragraph(cell, text: str = "", **kwargs):
    """Write into the paragraph a new table cell already has instead of adding a second one."""
    paragraph = cell.paragraphs[0]
    fmt = paragraph.paragraph_format
    fmt.alignment = ALIGN[kwargs.pop("align", "left")]
    fmt.space_before = Pt(kwargs.pop("space_before", 0))
    fmt.space_after = Pt(kwargs.pop("space_after", 0))
    if text:
        add_run(paragraph, text, **kwargs)
    return paragraph


def rule(container, *, indent_left_mm: float, indent_right_mm: float, space_after: float = 0):
    """A horizontal rule drawn as the top border of an empty paragraph, shortened by indents."""
    paragraph = container.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Mm(indent_left_mm), Mm(indent_right_mm)
    # The gap above keeps the rule off the descenders of the line it underlines; the paragraph
    # mark is set in 2 pt so that the empty line takes no visible height. (An exact 2 pt line
    # spacing makes LibreOffice draw the border through the line above.)
    fmt.space_before, fmt.space_after = Pt(5), Pt(space_after)
    p_pr = paragraph._p.get_or_add_pPr()
    # Word rejects a document whose elements are out of schema order, so insert, don't append.
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    p_pr.insert_element_before(borders, *_PPR_AFTER_PBDR)
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    p_pr.insert_element_before(mark, "w:sectPr", "w:pPrChange")
    return paragraph


# Children of w:pPr that come after w:pBdr, and of w:sectPr after w:pgNumType (ECMA-376 order).
_PPR_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
                   "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
                   "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                   "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                   "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                   "w:pPrChange")
_SECTPR_AFTER_PGNUMTYPE = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                           "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
                           "w:sectPrChange")


def plain_table(container, columns_mm: list[float]):
    """A table without borders (for header and signature blocks)."""
    table = container.add_table(rows=1, cols=len(columns_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, columns_mm)
    return table


# -- ND 30 blocks -------------------------------------------------------------------------------

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"
TIEU_NGU_RULE_MM = 56  # the rule under the Tiêu ngữ is as long as the line (13 pt bold)


def nd30_header(document, upper_body: str, issuer_lines: list[str], number: str, date_line: str, *,
                columns_mm: tuple[float, float] = (62, 103), issuer_rule_mm: float = 22):
    """ND 30/2020 header as a borderless two-column table; returns the table.

    Left: the parent body upright (13 pt; left out when ``upper_body`` is empty, as for a UBND
    whose two lines are both its own name), each of ``issuer_lines`` bold (13 pt), centred, and a
    short rule. Right: Quốc hiệu (12 pt bold), Tiêu ngữ (13 pt bold) and its rule. Then a second
    row with "Số: …" on the left and the place-date line (14 pt italic) on the right; a document
    without a number (minutes) has no second row and the date line goes under the Tiêu ngữ.
    """
    left_mm, right_mm = columns_mm
    head = plain_table(document, [left_mm, right_mm])
    left, right = head.rows[0].cells
    lines = ([(upper_body, False)] if upper_body else []) + [(line, True) for line in issuer_lines]
    for i, (text, bold) in enumerate(lines):
        (first_paragraph if i == 0 else para)(left, text, size=13, bold=bold, align="center")
    indent = (left_mm - issuer_rule_mm) / 2
    rule(left, indent_left_mm=indent, indent_right_mm=indent)
    first_paragraph(right, QUOC_HIEU, size=12, bold=True, align="center")
    para(right, TIEU_NGU, size=13, bold=True, align="center")
    indent = (right_mm - TIEU_NGU_RULE_MM) / 2
    rule(right, indent_left_mm=indent, indent_right_mm=indent)
    if number:
        number_cell, date_cell = head.add_row().cells
        first_paragraph(number_cell, "Số: " + number, size=13, align="center", space_before=6)
        first_paragraph(date_cell, date_line, size=14, italic=True, align="center", space_before=6)
    else:
        para(right, date_line, italic=True, align="center", space_before=6)
    return head


def signer_cell(cell, sign_lines: list[str], signer_name: str, *, space_before: float = 10) -> None:
    """Sign lines (bold, centred), room for the signature and seal, the signer's name (bold)."""
    for i, line in enumerate(sign_lines):
        if i == 0:
            first_paragraph(cell, line, bold=True, align="center", space_before=space_before)
        else:
            para(cell, line, bold=True, align="center")
    for _ in range(4):
        para(cell, "")
    para(cell, signer_name, bold=True, align="center")


def signature_block(document, copies_to: list[str], sign_lines: list[str], signer_name: str):
    """Nơi nhận (12 pt bold italic label, 11 pt lines) on the left, the signer on the right, in one
    borderless row that never splits across pages; returns the table."""
    sign = plain_table(document, [78, 87])
    keep_row_together(sign.rows[0])
    left, right = sign.rows[0].cells
    first_paragraph(left, "Nơi nhận:", size=12, bold=True, italic=True, space_before=10)
    for line in copies_to:
        para(left, line, size=11)
    signer_cell(right, sign_lines, signer_name)
    return sign


def grid_table(container, columns_mm: list[float], header: list[str], *, size: float = 12):
    """A bordered table whose first row is a header repeated on every page."""
    table = container.add_table(rows=1, cols=len(columns_mm))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _set_widths(table, columns_mm)
    row = table.rows[0]
    tr_pr = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, label in zip(row.cells, header):
        first_paragraph(cell, label, size=size, bold=True, align="center")
    return table


def keep_row_together(row):
    """Forbid a page break inside the row (w:cantSplit), e.g. a signature block."""
    tr_pr = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    tr_pr.insert(0, cant_split)  # first in w:trPr after the rarely used cnfStyle/divId/grid*


def add_row(table, values: list[str], *, size: float = 12, bold=False, aligns=None):
    cells = table.add_row().cells
    for i, (cell, value) in enumerate(zip(cells, values)):
        first_paragraph(cell, value, size=size, bold=bold, align=(aligns or {}).get(i, "left"))
    return cells


def _set_widths(table, columns_mm):
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), columns_mm):
        col.set(qn("w:w"), str(int(Mm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, columns_mm):
            cell.width = Mm(width)


def page_number_header(section, *, restart: bool = False):
    """Page number centred in the header, none on the section's first page (ND 30 Phụ lục I)."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    header = section.header
    paragraph = header.paragraphs[0] if header.paragraphs else header.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, "PAGE", size=13)
    if restart:
        sect_pr = section._sectPr
        pg = sect_pr.find(qn("w:pgNumType"))
        if pg is None:
            pg = OxmlElement("w:pgNumType")
            sect_pr.insert_element_before(pg, *_SECTPR_AFTER_PGNUMTYPE)
        pg.set(qn("w:start"), "1")


def _field(paragraph, instruction: str, size: float):
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = f" {instruction} "
            run._r.append(instr)
        else:
            run.text = text


def new_section(document, *, landscape: bool | None = None):
    section = document.add_section(WD_SECTION.NEW_PAGE)
    if landscape is not None:
        width, height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
    return section


def to_bytes(document) -> bytes:
    # python-docx's default template ships a thumbnail of its own blank page; file browsers would
    # show it as the preview of every decision.
    rels = document.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del rels[r_id]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
