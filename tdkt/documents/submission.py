"""The province's submission upward (Tờ trình đề nghị khen thưởng) and its attached list.

Awards the province cannot confer itself (Bằng khen của Thủ tướng Chính phủ, Huân chương, Chiến sĩ
thi đua toàn quốc, Cờ thi đua của Chính phủ …) are proposed to the Prime Minister, and through him
to the President, by a dossier sent through Bộ Nội vụ: the tờ trình, the list of nominees, the
achievement reports and the council minutes (``legal-rules.md`` §4.1). The central electronic
dossier system asks for Word and PDF files (§4.2), so both are rendered here from one source.

- ``SubmissionDoc`` → ``render_submission_pdf`` / ``render_submission_docx``: the tờ trình, A4
  portrait in the ND 30/2020 layout of a document with a type name: header in two columns, number
  and place-date line, "TỜ TRÌNH" and the trích yếu, "Kính gửi: … (qua Bộ Nội vụ)", căn cứ, how
  the proposal was reviewed (council session and vote, public disclosure), the request sentence
  per award with its counts and "(có danh sách kèm theo)", Nơi nhận and the signature block.
- ``NomineeListDoc`` → ``render_nominee_list_pdf`` / ``_docx`` / ``_xlsx``: the DANH SÁCH ĐỀ NGHỊ
  attached to it, A4 landscape, "(Kèm theo Tờ trình số … ngày … của …)" and the table STT / Họ và
  tên (tên tập thể) / Chức vụ, đơn vị công tác / Hình thức đề nghị / Tóm tắt thành tích, one block
  per award numbered I, II, …. ``nominee_list_for(submission)`` builds it from the tờ trình so that
  the two cannot disagree.

Before numbering a tờ trình may carry "…/TTr-UBND" and no date: the date line is then dotted
("Hà Nam, ngày … tháng … năm …"), for the signer's office to fill in.
"""
from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field

from tdkt.documents.decision import counts_phrase
from tdkt.documents.spreadsheet import safe_cell
from tdkt.documents.text import (
    authority_in_text_of,
    clause,
    nfc,
    numeral,
    percent_vn,
    recipient_line,
    sign_lines,
    text_lines,
    vn_date,
    vn_date_line,
    vn_short_date,
)

__all__ = ["Nominee", "NomineeGroup", "SubmissionDoc", "NomineeListDoc", "submission_parts",
           "nominee_list_parts", "nominee_list_for", "council_paragraph", "disclosure_paragraph",
           "render_submission_pdf", "render_submission_docx", "render_nominee_list_pdf",
           "render_nominee_list_docx", "render_nominee_list_xlsx"]

DOTTED_DATE = "ngày … tháng … năm …"
LIST_COLUMNS = ["STT", "Họ và tên (tên tập thể)", "Chức vụ, đơn vị công tác", "Hình thức đề nghị",
                "Tóm tắt thành tích"]


@dataclass
class Nominee:
    order: int
    name: str
    description: str  # position and unit ("Hiệu trưởng Trường THPT …"); "" for collectives
    subject_kind: str  # "individual" | "collective" | "household" (as decision.Recipient)
    achievement_summary: str = ""  # tóm tắt thành tích; the group's achievement when empty


@dataclass
class NomineeGroup:
    award_name: str  # "Bằng khen của Thủ tướng Chính phủ"
    achievement: str  # "đã có thành tích xuất sắc trong công tác từ năm 2021 đến năm 2025"
    nominees: list[Nominee] = field(default_factory=list)
    verb: str = "tặng"  # "tặng thưởng" for Huân chương, "phong tặng" for a danh hiệu vinh dự


@dataclass
class SubmissionDoc:
    number: str  # "15/TTr-UBND", or "…/TTr-UBND" before numbering
    signed_on: dt.date | None  # None: dotted date line
    place: str  # "Hà Nam"
    upper_body: str  # "ỦY BAN NHÂN DÂN" (upright line above the issuer, may be "")
    issuer: str  # "TỈNH HÀ NAM" (bold; a "\n" splits it over lines)
    summary: str  # trích yếu: "Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ" ("V/v …" accepted)
    addressee: str  # "Thủ tướng Chính phủ"
    bases: list[str]  # căn cứ paragraphs
    process: list[str]  # how the proposal was reviewed (see council_paragraph, disclosure_paragraph)
    groups: list[NomineeGroup]
    copies_to: list[str]  # Nơi nhận
    sign_prefix: str  # "TM. ỦY BAN NHÂN DÂN" ("\n" between lines: "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
    signer_title: str  # "CHỦ TỊCH" / "PHÓ CHỦ TỊCH"
    signer_name: str
    via: str = "Bộ Nội vụ"  # printed "(qua Bộ Nội vụ)" after the addressee; "" for none
    # Who decides when it is not the addressee: the Prime Minister proposes Huân chương to the
    # President, so addressee "Thủ tướng Chính phủ" and decider "Chủ tịch nước" give
    # "kính trình Thủ tướng Chính phủ xem xét, trình Chủ tịch nước quyết định tặng thưởng …".
    decider: str = ""
    # The submitting body in running text ("Ủy ban nhân dân tỉnh Hà Nam"); derived from
    # upper_body and issuer when empty.
    submitter: str = ""
    enclosures: list[str] = field(default_factory=list)  # "Hồ sơ kèm theo gồm: …" items


@dataclass
class NomineeListDoc:
    submission_number: str  # "15/TTr-UBND"
    submission_date: dt.date | None
    submitter: str  # "Ủy ban nhân dân tỉnh Hà Nam"
    groups: list[NomineeGroup]
    title_lines: list[str] = field(default_factory=list)  # derived from the awards when empty


# -- wording shared by the renderers ------------------------------------------------------------

def council_paragraph(council_name: str, held_on: dt.date, total_members: int, present_members: int,
                      lowest_agree: int) -> str:
    """The council's review in one sentence, counts only (the ballot is secret).

    ``lowest_agree`` is the smallest number of agreeing votes any proposed case received.
    """
    return (f"Ngày {vn_short_date(held_on)}, {nfc(council_name).strip()} họp xét, có mặt "
            f"{present_members}/{total_members} thành viên, biểu quyết bằng phiếu kín; các trường hợp "
            f"đề nghị đều được từ {lowest_agree}/{total_members} thành viên đồng ý "
            f"({percent_vn(lowest_agree, total_members)} tổng số thành viên Hội đồng) trở lên.")


def disclosure_paragraph(start: dt.date, end: dt.date, where: str, objections: int = 0) -> str:
    """The public disclosure of the list and what came of it."""
    outcome = ("không nhận được ý kiến phản ánh, khiếu nại nào" if objections == 0 else
               f"nhận được {objections} ý kiến phản ánh, đã được xem xét, giải quyết theo quy định")
    return (f"Danh sách đề nghị khen thưởng đã được công khai {nfc(where).strip()} từ ngày "
            f"{vn_short_date(start)} đến ngày {vn_short_date(end)}; hết thời hạn công khai, {outcome}.")


def _submitter(doc: SubmissionDoc) -> str:
    """'Ủy ban nhân dân tỉnh Hà Nam' from the header lines ("ỦY BAN NHÂN DÂN" / "TỈNH HÀ NAM")."""
    title = " ".join([nfc(doc.upper_body).strip()] + text_lines(doc.issuer)).strip()
    return authority_in_text_of(title, doc.place, doc.submitter)


def _summary(text: str) -> str:
    """Under a type name ND 30 writes the trích yếu in full: "V/v" is the công văn form."""
    text = nfc(text).strip()
    if text[:4].lower() == "v/v ":
        text = "Về việc " + text[4:].lstrip()
    return text


def _date_line(place: str, day: dt.date | None) -> str:
    if day is not None:
        return vn_date_line(place, day)
    place = nfc(place).strip()
    return f"{place}, {DOTTED_DATE}" if place else DOTTED_DATE.capitalize()


def _groups(groups: list[NomineeGroup], what: str) -> list[NomineeGroup]:
    kept = [g for g in groups if g.nominees]
    if not kept:
        raise ValueError(f"{what} chưa có tập thể, cá nhân nào được đề nghị khen thưởng.")
    return kept


def submission_parts(doc: SubmissionDoc) -> dict:
    """Everything the tờ trình prints, as plain strings and lists, in reading order."""
    groups = _groups(doc.groups, "Tờ trình")
    addressee = clause(doc.addressee)
    if not addressee:
        raise ValueError("Tờ trình chưa có nơi kính gửi.")
    decider = clause(doc.decider)
    submitter = _submitter(doc)
    deciding = ("quyết định" if not decider or decider == addressee else f"trình {decider} quyết định")
    lead = f"{submitter} kính trình {addressee} xem xét, {deciding}"
    sentences = [f"{clause(g.verb) or 'tặng'} {clause(g.award_name)} cho {counts_phrase(g.nominees)} "
                 f"(có danh sách kèm theo), {clause(g.achievement)}" for g in groups]
    if len(sentences) == 1:
        request = [f"{lead} {sentences[0]}./."]
    else:
        request = [f"{lead} khen thưởng các tập thể, cá nhân như sau:"] + [
            f"{i}. {s[:1].upper()}{s[1:]}{'./.' if i == len(sentences) else ';'}"
            for i, s in enumerate(sentences, 1)]
    enclosures = [clause(e) for e in doc.enclosures if e.strip()]
    via = clause(doc.via)
    number = nfc(doc.number).strip()
    return {
        "title": f"Tờ trình số {number}",
        "upper_body": nfc(doc.upper_body).strip(),
        "issuer_lines": text_lines(doc.issuer),
        "number": number,
        "date_line": _date_line(doc.place, doc.signed_on),
        "summary": _summary(doc.summary),
        "addressee": f"Kính gửi: {addressee}" + (f" (qua {via})" if via else ""),
        "bases": [nfc(b).strip() for b in doc.bases if b.strip()],
        "process": [nfc(p).strip() for p in doc.process if p.strip()],
        "enclosures": ("Hồ sơ kèm theo gồm: " + "; ".join(enclosures) + ".") if enclosures else "",
        "request": request,
        "copies_to": [recipient_line(line) for line in doc.copies_to if line.strip()],
        "sign_lines": sign_lines(doc.sign_prefix, doc.signer_title),
        "signer_name": nfc(doc.signer_name).strip(),
    }


def nominee_list_for(doc: SubmissionDoc) -> NomineeListDoc:
    """The DANH SÁCH attached to a tờ trình: same groups, reference to its number and date."""
    return NomineeListDoc(submission_number=doc.number, submission_date=doc.signed_on,
                          submitter=_submitter(doc), groups=doc.groups)


def nominee_list_parts(doc: NomineeListDoc) -> dict:
    groups = _groups(doc.groups, "Danh sách")
    if any(line.strip() for line in doc.title_lines):
        title_lines = [nfc(line).strip() for line in doc.title_lines if line.strip()]
    elif len(groups) == 1:
        title_lines = ["DANH SÁCH", f"ĐỀ NGHỊ {clause(groups[0].verb) or 'TẶNG'} "
                                    f"{clause(groups[0].award_name)}".upper()]
    else:
        title_lines = ["DANH SÁCH", "TẬP THỂ, CÁ NHÂN ĐỀ NGHỊ KHEN THƯỞNG"]
    number = nfc(doc.submission_number).strip()
    day = vn_date(doc.submission_date) if doc.submission_date else DOTTED_DATE
    list_groups = []
    for i, group in enumerate(groups):
        award = clause(group.award_name)
        fallback = clause(group.achievement)
        fallback = fallback[:1].upper() + fallback[1:] + "." if fallback else ""
        rows = [{"order": str(n.order), "name": nfc(n.name).strip(),
                 "description": nfc(n.description).strip(), "award": award,
                 "achievement": nfc(n.achievement_summary).strip() or fallback}
                for n in sorted(group.nominees, key=lambda n: n.order)]
        list_groups.append({"numeral": numeral(i),
                            "heading": f"{award} ({counts_phrase(group.nominees)})", "rows": rows})
    return {
        "title": " ".join(title_lines).capitalize(),
        "title_lines": title_lines,
        "reference": f"(Kèm theo Tờ trình số {number} {day} của {nfc(doc.submitter).strip()})",
        "columns": LIST_COLUMNS,
        "groups": list_groups,
    }


# -- PDF ----------------------------------------------------------------------------------------

def render_submission_pdf(doc: SubmissionDoc) -> bytes:
    """The tờ trình as an A4 portrait PDF."""
    from tdkt.documents.html import html_to_pdf, render_html

    return html_to_pdf(render_html("documents/submission.html", submission_parts(doc)))


def render_nominee_list_pdf(doc: NomineeListDoc) -> bytes:
    """The attached list as an A4 landscape PDF."""
    from tdkt.documents.html import html_to_pdf, render_html

    return html_to_pdf(render_html("documents/nominee_list.html", nominee_list_parts(doc)))


# -- Word ---------------------------------------------------------------------------------------

def render_submission_docx(doc: SubmissionDoc) -> bytes:
    """The same tờ trình as a .docx (Times New Roman 14 pt, ND 30 margins)."""
    from tdkt.documents import wordprocessing as w

    parts = submission_parts(doc)
    document = w.new_document(title=parts["title"], size_pt=14)
    w.page_number_header(document.sections[0])
    w.nd30_header(document, parts["upper_body"], parts["issuer_lines"], parts["number"], parts["date_line"])

    w.para(document, "TỜ TRÌNH", bold=True, align="center", space_before=18)
    w.para(document, parts["summary"], bold=True, align="center")
    w.rule(document, indent_left_mm=62, indent_right_mm=62)
    w.para(document, parts["addressee"], align="center", space_before=12, space_after=12)
    body = parts["bases"] + parts["process"] + ([parts["enclosures"]] if parts["enclosures"] else [])
    for text in body:
        w.para(document, text, align="justify", first_line_cm=1.27, space_after=6)
    # The request travels with the signature block (never a page holding it alone).
    for text in parts["request"]:
        w.para(document, text, align="justify", first_line_cm=1.27, space_after=6, keep_with_next=True)
    w.signature_block(document, parts["copies_to"], parts["sign_lines"], parts["signer_name"])
    return w.to_bytes(document)


def render_nominee_list_docx(doc: NomineeListDoc) -> bytes:
    """The attached list as a landscape .docx with one Word table (header repeated on each page)."""
    from tdkt.documents import wordprocessing as w

    parts = nominee_list_parts(doc)
    document = w.new_document(title=parts["title"], landscape=True, size_pt=14)
    w.page_number_header(document.sections[0])
    for line in parts["title_lines"]:
        w.para(document, line, bold=True, align="center")
    w.para(document, parts["reference"], italic=True, align="center")
    w.rule(document, indent_left_mm=95, indent_right_mm=95, space_after=8)
    table = w.grid_table(document, [14, 50, 58, 44, 86], parts["columns"], size=12)
    for group in parts["groups"]:
        cells = w.add_row(table, [group["numeral"], group["heading"], "", "", ""], size=12, bold=True,
                          aligns={0: "center"})
        cells[1].merge(cells[4])
        for row in group["rows"]:
            w.add_row(table, [row[k] for k in ("order", "name", "description", "award", "achievement")],
                      size=12, aligns={0: "center", 4: "justify"})
    return w.to_bytes(document)


# -- Excel --------------------------------------------------------------------------------------

XLSX_WIDTHS = [7, 30, 36, 28, 60]  # characters


def render_nominee_list_xlsx(doc: NomineeListDoc) -> bytes:
    """The attached list as one worksheet: title rows, a bold frozen header row, the same rows.

    Every text cell is stored as a string, never as a formula, even when a name starts with "=".
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    parts = nominee_list_parts(doc)
    workbook = Workbook()
    props = workbook.properties
    props.title, props.creator, props.lastModifiedBy, props.language = (
        parts["title"], "Hệ thống TĐKT", "Hệ thống TĐKT", "vi-VN")
    sheet = workbook.active
    sheet.title = "Danh sách đề nghị"
    width = len(parts["columns"])
    last = get_column_letter(width)
    thin = Side(style="thin", color="000000")
    grid = Border(left=thin, right=thin, top=thin, bottom=thin)
    font = {kind: Font(name="Times New Roman", size=12, bold=kind == "bold", italic=kind == "italic")
            for kind in ("plain", "bold", "italic")}

    def put(row: int, col: int, value, *, kind="plain", align="left", border=True):
        cell = safe_cell(sheet.cell(row=row, column=col, value=value))  # "=HYPERLINK(…)" stays text
        cell.font = font[kind]
        cell.alignment = Alignment(horizontal=align, vertical="top" if border else "center",
                                   wrap_text=True)
        if border:
            cell.border = grid
        return cell

    row = 1
    titles = [(line, "bold") for line in parts["title_lines"]] + [(parts["reference"], "italic")]
    for line, kind in titles:
        put(row, 1, line, kind=kind, align="center", border=False)
        sheet.merge_cells(f"A{row}:{last}{row}")
        row += 1
    row += 1
    header_row = row
    for col, label in enumerate(parts["columns"], 1):
        put(header_row, col, label, kind="bold", align="center").alignment = Alignment(
            horizontal="center", vertical="center", wrap_text=True)
    for group in parts["groups"]:
        row += 1
        put(row, 1, group["numeral"], kind="bold", align="center")
        put(row, 2, group["heading"], kind="bold")
        for col in range(3, width + 1):
            put(row, col, None)
        sheet.merge_cells(f"B{row}:{last}{row}")
        for item in group["rows"]:
            row += 1
            order = int(item["order"]) if item["order"].isdigit() else item["order"]
            put(row, 1, order, align="center")
            for col, key in enumerate(("name", "description", "award", "achievement"), 2):
                put(row, col, item[key], align="justify" if key == "achievement" else "left")

    for col, chars in enumerate(XLSX_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(col)].width = chars
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
