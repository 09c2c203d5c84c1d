"""The vote-count minutes of a council session (biên bản kiểm phiếu), as PDF and Word.

The ballot is secret: the minutes carry counts only (agree, disagree, recused, not voted) per
nominee and award, the share of agreeing votes over the council's total membership, the
threshold that applied and whether it was reached. Nothing here ever receives a voter's name.

A4 landscape (the result table has ten columns), same header, fonts and margins as the decision.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tdkt.documents.text import nfc, percent_vn, vn_date, vn_date_line

__all__ = ["VoteTerms", "OUTCOME_LABELS", "PASSED", "FAILED", "NO_QUORUM", "MinutesRow", "MinutesDoc",
           "minutes_parts", "render_minutes_pdf", "render_minutes_docx"]


class VoteTerms:
    """The one vocabulary of a council vote: the session page, the API and the minutes say the same
    words for the same counts (a member recused from a nominee is not one who did not vote)."""

    MEMBERS = "Tổng số thành viên"
    VOTED = "Đã bỏ phiếu"
    NOT_VOTED = "Không bỏ phiếu"
    RECUSED = "Không tham gia (xung đột lợi ích)"
    AGREE = "Đồng ý"
    DISAGREE = "Không đồng ý"
    RATIO = "Tỷ lệ đồng ý"
    THRESHOLD = "Điều kiện"
    RESULT = "Kết quả"


# A nominee's outcome once the ballot is closed: reached its threshold, did not, or the session did
# not reach its quorum (then no nominee passes or fails: the votes have no value).
PASSED, FAILED, NO_QUORUM = "passed", "failed", "no_quorum"
OUTCOME_LABELS = {PASSED: "Đạt", FAILED: "Không đạt", NO_QUORUM: "Không đủ số thành viên tham dự"}

COLUMNS = ["STT", "Họ và tên (tên tập thể)", "Hình thức khen thưởng", VoteTerms.AGREE, VoteTerms.DISAGREE,
           VoteTerms.RECUSED, VoteTerms.NOT_VOTED, VoteTerms.RATIO, VoteTerms.THRESHOLD, VoteTerms.RESULT]


@dataclass
class MinutesRow:
    order: int
    name: str
    award_name: str
    agree: int
    disagree: int
    recused: int
    not_voted: int
    threshold_label: str  # "≥ 80% tổng số thành viên"
    # True: reached its threshold; False: did not; None: the session did not reach its quorum, so
    # the votes have no value (OUTCOME_LABELS[NO_QUORUM]).
    passed: bool | None

    @property
    def outcome_key(self) -> str:
        return NO_QUORUM if self.passed is None else PASSED if self.passed else FAILED


@dataclass
class MinutesDoc:
    council_name: str
    session_title: str
    held_on: dt.date
    place: str
    total_members: int
    present_members: int
    chair_name: str
    secretary_name: str
    rows: list[MinutesRow] = field(default_factory=list)


def minutes_parts(doc: MinutesDoc) -> dict:
    rows = [{
        "order": str(r.order), "name": nfc(r.name).strip(), "award_name": nfc(r.award_name).strip(),
        "agree": str(r.agree), "disagree": str(r.disagree), "recused": str(r.recused),
        "not_voted": str(r.not_voted), "ratio": percent_vn(r.agree, doc.total_members),
        "threshold_label": nfc(r.threshold_label).strip(), "result": OUTCOME_LABELS[r.outcome_key],
    } for r in sorted(doc.rows, key=lambda r: r.order)]
    passed = sum(1 for r in doc.rows if r.outcome_key == PASSED)
    no_quorum = any(r.outcome_key == NO_QUORUM for r in doc.rows)
    council = nfc(doc.council_name).strip()
    place = nfc(doc.place).strip()
    intro = [
        f"Hôm nay, {vn_date(doc.held_on)}{', tại ' + place if place else ''}, {council} "
        f"tiến hành kiểm phiếu {nfc(doc.session_title).strip()[:1].lower()}{nfc(doc.session_title).strip()[1:]}.",
        f"Tổng số thành viên Hội đồng: {doc.total_members}; số thành viên có mặt: {doc.present_members}; "
        f"số thành viên vắng mặt: {max(doc.total_members - doc.present_members, 0)}.",
        f"Chủ trì: {nfc(doc.chair_name).strip()}. Thư ký: {nfc(doc.secretary_name).strip()}.",
        "Hội đồng biểu quyết bằng phiếu kín. Kết quả kiểm phiếu như sau (tỷ lệ đồng ý tính trên tổng "
        "số thành viên Hội đồng):",
    ]
    if no_quorum:
        outcome_line = (f"Tổng số trường hợp đưa ra biểu quyết: {len(doc.rows)}. Số thành viên tham dự không đủ tỷ "
                        "lệ quy định: kết quả bỏ phiếu không có giá trị, các trường hợp được trình lại phiên họp sau.")
    else:
        outcome_line = (f"Tổng số trường hợp được biểu quyết: {len(doc.rows)}; số trường hợp đạt: {passed}; "
                        f"số trường hợp không đạt: {len(doc.rows) - passed}.")
    outro = [outcome_line, "Biên bản được lập xong và thông qua tại phiên họp./."]
    return {
        "title": f"Biên bản kiểm phiếu - {council}",
        "council_name": council.upper(),
        "issuer_lines": [council.upper()],  # the council is its own issuing body: one bold line
        "date_line": vn_date_line(place, doc.held_on),
        "session_title": nfc(doc.session_title).strip(),
        "intro": intro, "outro": outro, "columns": COLUMNS, "rows": rows,
        "chair_name": nfc(doc.chair_name).strip(), "secretary_name": nfc(doc.secretary_name).strip(),
    }


def render_minutes_pdf(doc: MinutesDoc) -> bytes:
    from tdkt.documents.html import html_to_pdf, render_html

    return html_to_pdf(render_html("documents/minutes.html", minutes_parts(doc)))


def render_minutes_docx(doc: MinutesDoc) -> bytes:
    from tdkt.documents import wordprocessing as w

    parts = minutes_parts(doc)
    document = w.new_document(title=parts["title"], landscape=True, size_pt=14)
    w.page_number_header(document.sections[0])

    # Minutes carry no number: the date line goes under the Tiêu ngữ. Landscape, so wider columns.
    w.nd30_header(document, "", parts["issuer_lines"], "", parts["date_line"], columns_mm=(140, 112),
                  issuer_rule_mm=40)

    w.para(document, "BIÊN BẢN KIỂM PHIẾU", bold=True, align="center", space_before=16)
    w.para(document, parts["session_title"], bold=True, align="center", space_after=10)
    for text in parts["intro"]:
        w.para(document, text, align="justify", first_line_cm=1.27, space_after=6)

    table = w.grid_table(document, [13, 47, 46, 17, 17, 17, 17, 19, 34, 23], parts["columns"], size=12)
    aligns = {i: "center" for i in (0, 3, 4, 5, 6, 7, 9)}
    for row in parts["rows"]:
        w.add_row(table, [row[k] for k in ("order", "name", "award_name", "agree", "disagree", "recused",
                                           "not_voted", "ratio", "threshold_label", "result")],
                  size=12, aligns=aligns)
    w.para(document, "", space_after=6)
    # The closing sentences travel with the signatures: never a page holding signatures alone.
    for text in parts["outro"]:
        w.para(document, text, align="justify", first_line_cm=1.27, space_after=6, keep_with_next=True)

    sign = w.plain_table(document, [126, 126])
    w.keep_row_together(sign.rows[0])
    for cell, (title, name) in zip(sign.rows[0].cells, (("THƯ KÝ", parts["secretary_name"]),
                                                        ("CHỦ TRÌ", parts["chair_name"]))):
        w.signer_cell(cell, [title], name, space_before=12)
    return w.to_bytes(document)
