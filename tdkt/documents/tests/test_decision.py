"""The commendation decision: PDF and Word read back, no mocks."""
import io

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pypdf import PdfReader

from tdkt.documents.decision import (
    AwardGroup,
    Recipient,
    counts_phrase,
    decision_parts,
    render_decision_docx,
    render_decision_pdf,
)
from tdkt.documents.text import nfc, pdf_text

from .samples import make_decision


def flat(text: str) -> str:
    """Line breaks made by the layout become single spaces."""
    return " ".join(text.split())


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return flat("\n".join(parts))


NAMES = ["Nguyễn Thị Ánh", "Trần Văn Đức", "Phòng Ngân sách"]


class TestPdf:
    def test_names_number_and_date_line_read_back(self, decision_pdf):
        text = flat(pdf_text(decision_pdf))
        for name in NAMES:
            assert name in text
        assert "Số: 125/QĐ-UBND" in text
        assert "Hà Nam, ngày 05 tháng 01 năm 2026" in text

    def test_body_follows_nd30_order(self, decision_pdf):
        text = flat(pdf_text(decision_pdf))
        order = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "QUYẾT ĐỊNH", "Về việc tặng Bằng khen", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ NAM",
                 "Căn cứ Luật Tổ chức", "QUYẾT ĐỊNH:", "Điều 1.", "Điều 2.", "Điều 3.", "Nơi nhận:",
                 "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Văn Hùng", "DANH SÁCH"]
        positions = [text.index(piece) for piece in order]
        assert positions == sorted(positions)

    def test_article_one_counts_recipients_and_points_to_the_list(self, decision_pdf):
        text = flat(pdf_text(decision_pdf))
        assert ("Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể và 02 cá nhân "
                "(có danh sách kèm theo), đã có thành tích xuất sắc trong công tác năm 2025.") in text

    def test_list_is_on_its_own_page_with_the_reference_line_and_money(self, decision_pdf):
        pages = pdf_text(decision_pdf).split("\f")
        assert len(pages) == 2
        assert "DANH SÁCH" not in pages[0] and "Nguyễn Thị Ánh" not in pages[0]
        annex = flat(pages[1])
        assert ("(Kèm theo Quyết định số 125/QĐ-UBND ngày 05 tháng 01 năm 2026 của Chủ tịch "
                "Ủy ban nhân dân tỉnh Hà Nam)") in annex
        assert "STT Họ và tên (tên tập thể) Chức vụ, đơn vị Số tiền thưởng (đồng)" in annex
        assert "2 Nguyễn Thị Ánh Trưởng phòng Ngân sách, Sở Tài chính 1.490.000" in annex
        assert "Tổng cộng 5.960.000" in annex

    def test_page_is_a4_portrait(self, decision_pdf):
        box = PdfReader(io.BytesIO(decision_pdf)).pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)

    def test_every_value_is_escaped(self):
        doc = make_decision(groups=[AwardGroup("Bằng khen", "đã có thành tích <xuất sắc>", [
            Recipient(1, "Lê <b>Văn</b> & Con", "Tổ <i>trưởng</i>", "individual", None)])])
        text = flat(pdf_text(render_decision_pdf(doc)))
        assert "Lê <b>Văn</b> & Con" in text
        assert "Tổ <i>trưởng</i>" in text

    def test_without_money_article_execution_becomes_article_two(self):
        doc = make_decision(money_article="")
        text = flat(pdf_text(render_decision_pdf(doc)))
        assert "Điều 2. Quyết định này có hiệu lực" in text
        assert "Điều 3." not in text


@pytest.fixture(scope="module")
def docx(decision):
    return render_decision_docx(decision)


class TestDocx:
    def test_names_number_and_date_line_read_back(self, docx):
        text = docx_text(docx)
        for name in NAMES:
            assert name in text
        assert "Số: 125/QĐ-UBND" in text
        assert "Hà Nam, ngày 05 tháng 01 năm 2026" in text
        assert "(có danh sách kèm theo)" in text

    def test_times_new_roman_and_nd30_margins(self, docx):
        document = Document(io.BytesIO(docx))
        assert document.styles["Normal"].font.name == "Times New Roman"
        assert 13 <= document.styles["Normal"].font.size.pt <= 14
        for section in document.sections:
            mm = [round(length.mm) for length in (section.page_width, section.page_height, section.top_margin,
                                                  section.bottom_margin, section.left_margin, section.right_margin)]
            assert mm == [210, 297, 20, 20, 30, 15]

    def test_list_is_a_word_table_in_its_own_section(self, docx):
        document = Document(io.BytesIO(docx))
        assert len(document.sections) == 2
        table = document.tables[-1]
        header = [cell.text for cell in table.rows[0].cells]
        assert header == ["STT", "Họ và tên (tên tập thể)", "Chức vụ, đơn vị", "Số tiền thưởng (đồng)"]
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert ["2", "Nguyễn Thị Ánh", "Trưởng phòng Ngân sách, Sở Tài chính", "1.490.000"] in rows
        assert ["1", "Phòng Ngân sách", "", "2.980.000"] in rows


def test_several_award_groups_are_numbered_in_the_list():
    doc = make_decision(groups=[
        AwardGroup("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh", "đã có thành tích xuất sắc năm 2025",
                   [Recipient(1, "Nguyễn Thị Ánh", "Chuyên viên", "individual", 1_490_000)]),
        AwardGroup("Danh hiệu Tập thể lao động xuất sắc", "đã hoàn thành xuất sắc nhiệm vụ năm 2025",
                   [Recipient(2, "Phòng Ngân sách", "", "collective", 5_960_000)]),
    ])
    parts = decision_parts(doc)
    assert [g["numeral"] for g in parts["annex_groups"]] == ["I", "II"]
    assert parts["articles"][0]["paragraphs"][1].startswith("1. Tặng Bằng khen")
    assert parts["articles"][0]["paragraphs"][2].endswith("năm 2025.")
    assert "(có danh sách kèm theo)" in parts["articles"][0]["paragraphs"][2]


def test_counts_phrase_lists_collectives_households_then_individuals():
    people = [Recipient(i, "x", "", kind, None) for i, kind in
              enumerate(["individual", "collective", "household", "individual"])]
    assert counts_phrase(people) == "01 tập thể, 01 hộ gia đình và 02 cá nhân"
    assert counts_phrase(people[:1]) == "01 cá nhân"


def test_a_decision_without_recipients_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="chưa có tập thể, cá nhân"):
        render_decision_pdf(make_decision(groups=[AwardGroup("Bằng khen", "đã có thành tích", [])]))


# -- the ND 30 header's issuing body -------------------------------------------------------------

def header_lines_docx(data: bytes) -> list:
    """The non-empty paragraphs of the header's left cell (issuing body)."""
    cell = Document(io.BytesIO(data)).tables[0].rows[0].cells[0]
    return [p for p in cell.paragraphs if p.text]


def first_chunks_pdf(data: bytes, count: int) -> list[tuple[str, str]]:
    """(text, font name) of the first text runs WeasyPrint drew on page 1."""
    chunks = []
    PdfReader(io.BytesIO(data)).pages[0].extract_text(visitor_text=lambda text, cm, tm, font, size: chunks.append(
        (nfc(text).strip(), str((font or {}).get("/BaseFont", "")))))
    return [chunk for chunk in chunks if chunk[0]][:count]


@pytest.fixture(scope="module")
def unparented():
    """A UBND has no parent body: its own name takes both lines of the header, both bold."""
    return make_decision(upper_body="", issuer="ỦY BAN NHÂN DÂN\nTỈNH HÀ NAM")


class TestIssuerWithoutParentBody:
    def test_docx_sets_each_line_bold_and_centred(self, unparented):
        lines = header_lines_docx(render_decision_docx(unparented))
        assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM"]
        for paragraph in lines:
            assert paragraph.runs and all(run.bold for run in paragraph.runs)
            assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER

    def test_pdf_has_both_lines_in_bold(self, unparented):
        data = render_decision_pdf(unparented)
        assert pdf_text(data).splitlines()[:2] == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM"]
        chunks = first_chunks_pdf(data, 2)
        assert [text for text, _ in chunks] == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM"]
        assert all("Bold" in font for _, font in chunks), chunks

    def test_parts_keep_the_lines_apart(self, unparented):
        parts = decision_parts(unparented)
        assert parts["upper_body"] == ""
        assert parts["issuer_lines"] == ["ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM"]


def test_a_parent_body_stays_upright_over_the_bold_issuer(decision, docx, decision_pdf):
    upper, issuer = header_lines_docx(docx)
    assert (upper.text, issuer.text) == ("ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM")
    assert not any(run.bold for run in upper.runs)
    assert all(run.bold for run in issuer.runs)
    (upper_text, upper_font), (issuer_text, issuer_font) = first_chunks_pdf(decision_pdf, 2)
    assert (upper_text, issuer_text) == ("ỦY BAN NHÂN DÂN", "TỈNH HÀ NAM")
    assert "Bold" not in upper_font and "Bold" in issuer_font
