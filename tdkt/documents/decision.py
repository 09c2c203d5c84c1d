"""The commendation decision (Quyết định khen thưởng) as PDF and Word, laid out per ND 30/2020.

A ``DecisionDoc`` holds everything printed: header (parent body, issuer, number, place and
date), title and trích yếu, the authority line, căn cứ, Điều 1 (one sentence per award group,
each "(có danh sách kèm theo)"), Điều 2 (prize money, optional), Điều 3 (execution), Nơi nhận and
the signature block; then the attached DANH SÁCH on its own page with its own page numbers: a
table STT / Họ và tên (tên tập thể) / Chức vụ, đơn vị / Số tiền thưởng (đồng), one block per award.

Both renderers draw their wording from ``decision_parts`` so the PDF and the Word file say the
same thing. The PDF comes from an HTML template (``templates/documents/decision.html``) through
WeasyPrint. The Word file is built with python-docx directly rather than filled from a docxtpl
template: the structure varies with the data (number of award groups, whether Điều 2 exists,
one or two signature lines, the annex as a second section with its own page numbering), which
a Jinja-in-Word template handles with fragile paragraph and row tags; building it in code keeps
one reviewable source, needs no binary file in the repository, and gives direct control of the
ND 30 details (margins, fonts on every script slot, PAGE fields, repeated table header).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

from tdkt.documents.text import (
    authority_in_text_of,
    clause,
    money_vn,
    nfc,
    numeral,
    recipient_line,
    sign_lines,
    text_lines,
    vn_date,
    vn_date_line,
    vn_short_date,
)

__all__ = ["Recipient", "AwardGroup", "DecisionDoc", "decision_parts", "counts_phrase",
           "authority_in_text", "render_decision_pdf", "render_decision_docx"]

SUBJECT_KINDS = ("collective", "household", "individual")
SUBJECT_NOUNS = {"collective": "tập thể", "household": "hộ gia đình", "individual": "cá nhân"}


@dataclass
class Recipient:
    order: int
    name: str
    description: str  # position and unit; empty for collectives
    subject_kind: str  # "individual" | "collective" | "household"
    money: int | None  # VND
    golden_book_number: str = ""


@dataclass
class AwardGroup:
    award_name: str  # "Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh"
    achievement: str  # "đã có thành tích xuất sắc trong công tác năm 2025"
    recipients: list[Recipient] = field(default_factory=list)


@dataclass
class DecisionDoc:
    number: str  # "125/QĐ-UBND"
    signed_on: dt.date
    place: str  # "Hà Nam"
    # ND 30 element 2: the parent body upright over the issuer in bold ("SỞ NỘI VỤ" under "ỦY BAN
    # NHÂN DÂN TỈNH HÀ NAM"). A body without a parent prints its own name on both lines, both bold:
    # upper_body="" and issuer="ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM" ("\n" splits the issuer into lines).
    upper_body: str  # "ỦY BAN NHÂN DÂN" (upright; may be "")
    issuer: str  # "TỈNH HÀ NAM" (bold, one centred line per "\n")
    authority_title: str  # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM"
    summary: str  # trích yếu
    bases: list[str]  # căn cứ lines
    groups: list[AwardGroup]
    money_article: str  # Điều 2, may be ""
    execution_article: str  # Điều 3
    copies_to: list[str]  # Nơi nhận
    sign_prefix: str  # "" or "KT. CHỦ TỊCH"
    signer_title: str  # "CHỦ TỊCH" / "PHÓ CHỦ TỊCH"
    signer_name: str
    # The authority in running text for the annex reference line, e.g. "Chủ tịch Ủy ban nhân dân
    # tỉnh Hà Nam"; derived from authority_title when empty.
    authority_name: str = ""


# -- wording shared by both renderers -----------------------------------------------------------

class HasSubjectKind(Protocol):
    subject_kind: str  # "individual" | "collective" | "household"


def counts_phrase(people: Iterable[HasSubjectKind]) -> str:
    """'01 tập thể và 02 cá nhân' (collectives, households, individuals; zero counts left out).

    Anything with a ``subject_kind`` counts: decision recipients, tờ trình nominees.
    """
    counts = {kind: 0 for kind in SUBJECT_KINDS}
    for person in people:
        counts[person.subject_kind if person.subject_kind in counts else "individual"] += 1
    parts = [f"{n:02d} {SUBJECT_NOUNS[kind]}" for kind, n in counts.items() if n]
    if len(parts) <= 1:
        return parts[0] if parts else ""
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def authority_in_text(doc: DecisionDoc) -> str:
    """'Chủ tịch Ủy ban nhân dân tỉnh Hà Nam' from 'CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM'
    (``doc.authority_name`` when given; see ``text.authority_in_text_of``)."""
    return authority_in_text_of(doc.authority_title, doc.place, doc.authority_name)


def decision_parts(doc: DecisionDoc) -> dict:
    """Everything printed, as plain strings and lists, in reading order."""
    groups = [g for g in doc.groups if g.recipients]
    if not groups:
        raise ValueError("Quyết định chưa có tập thể, cá nhân nào được khen thưởng.")
    sentences = [f"Tặng {clause(g.award_name)} cho {counts_phrase(g.recipients)} "
                 f"(có danh sách kèm theo), {clause(g.achievement)}" for g in groups]
    if len(sentences) == 1:
        article_one = [sentences[0] + "."]
    else:
        article_one = ["Khen thưởng các tập thể, cá nhân như sau:"] + [
            f"{i}. {s}{'.' if i == len(sentences) else ';'}" for i, s in enumerate(sentences, 1)]
    articles = [article_one]
    if doc.money_article.strip():
        articles.append(text_lines(doc.money_article))
    if doc.execution_article.strip():
        articles.append(text_lines(doc.execution_article))
    labelled = [{"label": f"Điều {n}.", "paragraphs": paragraphs}
                for n, paragraphs in enumerate(articles, 1)]

    number = nfc(doc.number).strip()
    authority = authority_in_text(doc)
    if len(groups) == 1:
        annex_title = ["DANH SÁCH", "TẶNG " + clause(groups[0].award_name).upper()]
    else:
        annex_title = ["DANH SÁCH", "TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG"]
    annex_groups = []
    total = 0
    any_money = False
    for i, group in enumerate(groups):
        rows = []
        for r in sorted(group.recipients, key=lambda r: r.order):
            if r.money is not None:
                total += int(r.money)
                any_money = True
            rows.append({"order": str(r.order), "name": nfc(r.name).strip(),
                         "description": nfc(r.description).strip(), "money": money_vn(r.money)})
        annex_groups.append({"numeral": numeral(i), "heading": clause(group.award_name), "rows": rows})

    return {
        "title": f"Quyết định số {number}",
        "upper_body": nfc(doc.upper_body).strip(),
        "issuer": nfc(doc.issuer).strip(),
        "issuer_lines": text_lines(doc.issuer),
        "number": number,
        "date_line": vn_date_line(doc.place, doc.signed_on),
        "summary": nfc(doc.summary).strip(),
        "authority_title": nfc(doc.authority_title).strip(),
        "bases": [nfc(b).strip() for b in doc.bases if b.strip()],
        "articles": labelled,
        "copies_to": [recipient_line(line) for line in doc.copies_to if line.strip()],
        "sign_lines": sign_lines(doc.sign_prefix, doc.signer_title),
        "signer_name": nfc(doc.signer_name).strip(),
        "annex_title": annex_title,
        "annex_reference": f"(Kèm theo Quyết định số {number} {vn_date(doc.signed_on)} của {authority})",
        "annex_groups": annex_groups,
        "annex_total": money_vn(total) if any_money else "",
        "short_date": vn_short_date(doc.signed_on),
    }


# -- PDF ----------------------------------------------------------------------------------------

def render_decision_pdf(doc: DecisionDoc) -> bytes:
    """The decision and its attached list as one A4 PDF."""
    from tdkt.documents.html import html_to_pdf, render_html

    return html_to_pdf(render_html("documents/decision.html", decision_parts(doc)))


# -- Word ---------------------------------------------------------------------------------------

def render_decision_docx(doc: DecisionDoc) -> bytes:
    """The same decision as a .docx (Times New Roman 14 pt, ND 30 margins, the list as a table)."""
    from tdkt.documents import wordprocessing as w

    parts = decision_parts(doc)
    document = w.new_document(title=parts["title"], size_pt=14)
    section = document.sections[0]
    w.page_number_header(section)

    w.nd30_header(document, parts["upper_body"], parts["issuer_lines"], parts["number"], parts["date_line"])

    w.para(document, "QUYẾT ĐỊNH", bold=True, align="center", space_before=18)
    w.para(document, parts["summary"], bold=True, align="center")
    w.rule(document, indent_left_mm=62, indent_right_mm=62)
    w.para(document, parts["authority_title"], bold=True, align="center", space_before=12, space_after=10)
    for line in parts["bases"]:
        w.para(document, line, italic=True, align="justify", first_line_cm=1.27, space_after=6)
    w.para(document, "QUYẾT ĐỊNH:", bold=True, align="center", space_before=6, space_after=8)
    for n, article in enumerate(parts["articles"], 1):
        # The last article travels with the signature block (never a page holding it alone).
        last = n == len(parts["articles"])
        for i, text in enumerate(article["paragraphs"]):
            paragraph = w.para(document, align="justify", first_line_cm=1.27, space_after=6,
                               keep_with_next=last)
            if i == 0:
                w.add_run(paragraph, article["label"] + " ", bold=True)
            w.add_run(paragraph, text)

    w.signature_block(document, parts["copies_to"], parts["sign_lines"], parts["signer_name"])

    if parts["annex_groups"]:
        _annex_docx(document, parts, w)
    return w.to_bytes(document)


def _annex_docx(document, parts, w) -> None:
    section = w.new_section(document)
    w.page_number_header(section, restart=True)
    for line in parts["annex_title"]:
        w.para(document, line, bold=True, align="center")
    w.para(document, parts["annex_reference"], italic=True, align="center")
    w.rule(document, indent_left_mm=60, indent_right_mm=60, space_after=8)
    table = w.grid_table(document, [14, 49, 68, 34],
                         ["STT", "Họ và tên (tên tập thể)", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)"],
                         size=13)
    aligns = {0: "center", 3: "right"}
    for group in parts["annex_groups"]:
        cells = w.add_row(table, [group["numeral"], group["heading"], "", ""], size=13, bold=True,
                          aligns=aligns)
        cells[1].merge(cells[3])
        for row in group["rows"]:
            w.add_row(table, [row["order"], row["name"], row["description"], row["money"]], size=13,
                      aligns=aligns)
    if parts["annex_total"]:
        cells = w.add_row(table, ["", "Tổng cộng", "", parts["annex_total"]], size=13, bold=True,
                          aligns=aligns)
        cells[1].merge(cells[2])
