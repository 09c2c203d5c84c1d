"""The tờ trình sent upward and its nominee list: PDF, Word and Excel read back, no mocks."""
import datetime as dt
import io
import unicodedata

import pytest
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from tdkt.documents.submission import (
    Nominee,
    NomineeGroup,
    NomineeListDoc,
    SubmissionDoc,
    council_paragraph,
    disclosure_paragraph,
    nominee_list_for,
    nominee_list_parts,
    render_nominee_list_docx,
    render_nominee_list_pdf,
    render_nominee_list_xlsx,
    render_submission_docx,
    render_submission_pdf,
    submission_parts,
)
from tdkt.documents.text import pdf_text

NAMES = ["Trường THPT Lê Hồng Phong", "Nguyễn Thị Hoà", "Đặng Văn Đức"]
AWARD = "Bằng khen của Thủ tướng Chính phủ"
REQUEST = ("Ủy ban nhân dân tỉnh Hà Nam kính trình Thủ tướng Chính phủ xem xét, quyết định tặng "
           "Bằng khen của Thủ tướng Chính phủ cho 01 tập thể và 02 cá nhân (có danh sách kèm theo), "
           "đã có thành tích xuất sắc trong công tác từ năm 2021 đến năm 2025./.")
REFERENCE = ("(Kèm theo Tờ trình số 15/TTr-UBND ngày 03 tháng 02 năm 2026 của Ủy ban nhân dân "
             "tỉnh Hà Nam)")


def flat(text: str) -> str:
    """Line breaks made by the layout become single spaces."""
    return " ".join(text.split())


def nominees(decomposed: bool = False) -> list[Nominee]:
    name = (lambda text: unicodedata.normalize("NFD", text)) if decomposed else (lambda text: text)
    return [
        Nominee(1, name("Trường THPT Lê Hồng Phong"), "Thành phố Phủ Lý, tỉnh Hà Nam", "collective",
                "Năm năm liền hoàn thành xuất sắc nhiệm vụ; tỷ lệ tốt nghiệp đạt 100%."),
        Nominee(2, name("Nguyễn Thị Hoà"), "Hiệu trưởng Trường THPT Lê Hồng Phong", "individual",
                "Hai năm liền đạt danh hiệu Chiến sĩ thi đua cấp tỉnh."),
        Nominee(3, name("Đặng Văn Đức"), "Trưởng phòng Nghiệp vụ, Sở Nội vụ", "individual", ""),
    ]


def make_submission(**overrides) -> SubmissionDoc:
    values = dict(
        number="15/TTr-UBND", signed_on=dt.date(2026, 2, 3), place="Hà Nam",
        upper_body="ỦY BAN NHÂN DÂN", issuer="TỈNH HÀ NAM",
        summary="V/v đề nghị tặng Bằng khen của Thủ tướng Chính phủ", addressee="Thủ tướng Chính phủ",
        bases=["Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;"],
        process=[council_paragraph("Hội đồng Thi đua - Khen thưởng tỉnh Hà Nam", dt.date(2026, 1, 20),
                                   9, 8, 8),
                 disclosure_paragraph(dt.date(2026, 1, 5), dt.date(2026, 1, 19),
                                      "trên Cổng thông tin điện tử tỉnh Hà Nam")],
        groups=[NomineeGroup(AWARD, "đã có thành tích xuất sắc trong công tác từ năm 2021 đến năm 2025",
                             nominees())],
        copies_to=["Như trên;", "Ban Thi đua - Khen thưởng Trung ương;", "Lưu: VT, NV."],
        sign_prefix="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH", signer_title="PHÓ CHỦ TỊCH",
        signer_name="Lê Văn Hùng",
        enclosures=["danh sách đề nghị khen thưởng", "báo cáo thành tích",
                    "biên bản họp Hội đồng Thi đua - Khen thưởng tỉnh"],
    )
    values.update(overrides)
    return SubmissionDoc(**values)


@pytest.fixture(scope="module")
def submission():
    return make_submission()


@pytest.fixture(scope="module")
def submission_pdf(submission):
    return render_submission_pdf(submission)


@pytest.fixture(scope="module")
def submission_docx(submission):
    return render_submission_docx(submission)


@pytest.fixture(scope="module")
def nominee_list(submission):
    return nominee_list_for(submission)


def docx_paragraphs_and_tables(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    for table in tables:
        for row in table:
            texts.extend(row)
    return flat("\n".join(texts)), tables


def a4_mm(data: bytes) -> tuple[int, int]:
    box = PdfReader(io.BytesIO(data)).pages[0].mediabox
    return round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)


# -- the tờ trình -------------------------------------------------------------------------------

class TestSubmissionPdf:
    def test_number_date_line_addressee_and_request_read_back(self, submission_pdf):
        text = flat(pdf_text(submission_pdf))
        assert "Số: 15/TTr-UBND" in text
        assert "Hà Nam, ngày 03 tháng 02 năm 2026" in text
        assert "Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ)" in text
        assert REQUEST in text

    def test_body_follows_nd30_order(self, submission_pdf):
        text = flat(pdf_text(submission_pdf))
        order = ["ỦY BAN NHÂN DÂN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                 "TỜ TRÌNH", "Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ", "Kính gửi:",
                 "Căn cứ Luật Thi đua", "Ngày 20/01/2026, Hội đồng Thi đua - Khen thưởng tỉnh Hà Nam họp xét",
                 "Danh sách đề nghị khen thưởng đã được công khai", "Hồ sơ kèm theo gồm:",
                 "kính trình", "Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH",
                 "Lê Văn Hùng"]
        positions = [text.index(piece) for piece in order]
        assert positions == sorted(positions)

    def test_process_paragraphs_carry_the_vote_and_the_disclosure(self, submission_pdf):
        text = flat(pdf_text(submission_pdf))
        assert "có mặt 8/9 thành viên" in text
        assert "từ 8/9 thành viên đồng ý (88,9% tổng số thành viên Hội đồng) trở lên" in text
        assert "từ ngày 05/01/2026 đến ngày 19/01/2026" in text
        assert "không nhận được ý kiến phản ánh, khiếu nại nào" in text

    def test_one_a4_portrait_page(self, submission_pdf):
        assert a4_mm(submission_pdf) == (210, 297)
        assert len(PdfReader(io.BytesIO(submission_pdf)).pages) == 1

    def test_before_numbering_the_number_is_blank_and_the_date_dotted(self):
        text = flat(pdf_text(render_submission_pdf(make_submission(number="…/TTr-UBND", signed_on=None))))
        assert "Số: …/TTr-UBND" in text
        assert "Hà Nam, ngày … tháng … năm …" in text

    def test_every_value_is_escaped(self):
        doc = make_submission(groups=[NomineeGroup("Bằng khen", "đã có thành tích <xuất sắc>", [
            Nominee(1, "Lê <b>Văn</b> & Con", "Tổ <i>trưởng</i>", "individual")])])
        text = flat(pdf_text(render_submission_pdf(doc)))
        assert "thành tích <xuất sắc>" in text


class TestSubmissionDocx:
    def test_same_wording_as_the_pdf(self, submission_docx):
        text, _ = docx_paragraphs_and_tables(submission_docx)
        for piece in ("Số: 15/TTr-UBND", "Hà Nam, ngày 03 tháng 02 năm 2026", "TỜ TRÌNH",
                      "Kính gửi: Thủ tướng Chính phủ (qua Bộ Nội vụ)", REQUEST, "Lê Văn Hùng"):
            assert piece in text

    def test_header_and_signature_are_borderless_tables(self, submission_docx):
        _, tables = docx_paragraphs_and_tables(submission_docx)
        assert len(tables) == 2
        assert tables[0][1] == ["Số: 15/TTr-UBND", "Hà Nam, ngày 03 tháng 02 năm 2026"]
        signature = tables[1][0][1]
        assert signature.split("\n")[:3] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        assert "- Ban Thi đua - Khen thưởng Trung ương;" in tables[1][0][0]

    def test_times_new_roman_and_nd30_margins(self, submission_docx):
        document = Document(io.BytesIO(submission_docx))
        assert document.styles["Normal"].font.name == "Times New Roman"
        section = document.sections[0]
        mm = [round(length.mm) for length in (section.page_width, section.page_height, section.top_margin,
                                              section.bottom_margin, section.left_margin, section.right_margin)]
        assert mm == [210, 297, 20, 20, 30, 15]
        assert document.core_properties.title == "Tờ trình số 15/TTr-UBND"


def test_several_awards_are_requested_one_numbered_line_each():
    doc = make_submission(
        decider="Chủ tịch nước",
        groups=[NomineeGroup("Huân chương Lao động hạng Ba", "đã có thành tích xuất sắc từ năm 2021 đến năm 2025",
                             nominees()[:1], verb="tặng thưởng"),
                NomineeGroup(AWARD, "đã có thành tích xuất sắc năm 2025", nominees()[1:])])
    request = submission_parts(doc)["request"]
    assert request[0] == ("Ủy ban nhân dân tỉnh Hà Nam kính trình Thủ tướng Chính phủ xem xét, trình "
                          "Chủ tịch nước quyết định khen thưởng các tập thể, cá nhân như sau:")
    assert request[1] == ("1. Tặng thưởng Huân chương Lao động hạng Ba cho 01 tập thể (có danh sách kèm "
                          "theo), đã có thành tích xuất sắc từ năm 2021 đến năm 2025;")
    assert request[2].startswith("2. Tặng Bằng khen của Thủ tướng Chính phủ cho 02 cá nhân")
    assert request[2].endswith("năm 2025./.")


def test_trich_yeu_is_written_in_full_under_the_type_name_and_names_come_out_nfc():
    doc = make_submission(groups=[NomineeGroup(AWARD, "đã có thành tích", nominees(decomposed=True))])
    parts = submission_parts(doc)
    assert parts["summary"] == "Về việc đề nghị tặng Bằng khen của Thủ tướng Chính phủ"
    rows = nominee_list_parts(nominee_list_for(doc))["groups"][0]["rows"]
    assert [row["name"] for row in rows] == NAMES


def test_a_submission_without_nominees_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="Tờ trình chưa có tập thể, cá nhân"):
        render_submission_pdf(make_submission(groups=[NomineeGroup(AWARD, "đã có thành tích", [])]))
    with pytest.raises(ValueError, match="Danh sách chưa có tập thể, cá nhân"):
        render_nominee_list_xlsx(NomineeListDoc("15/TTr-UBND", None, "Ủy ban nhân dân tỉnh Hà Nam", []))


def test_a_submission_without_addressee_is_refused_in_vietnamese():
    with pytest.raises(ValueError, match="chưa có nơi kính gửi"):
        render_submission_docx(make_submission(addressee="  "))


# -- the attached list --------------------------------------------------------------------------

class TestNomineeList:
    def test_pdf_is_landscape_with_reference_and_grouped_rows(self, nominee_list):
        data = render_nominee_list_pdf(nominee_list)
        assert a4_mm(data) == (297, 210)
        text = flat(pdf_text(data))
        assert "DANH SÁCH ĐỀ NGHỊ TẶNG BẰNG KHEN CỦA THỦ TƯỚNG CHÍNH PHỦ" in text
        assert REFERENCE in text
        assert ("STT Họ và tên (tên tập thể) Chức vụ, đơn vị công tác Hình thức đề nghị "
                "Tóm tắt thành tích") in text
        assert "I Bằng khen của Thủ tướng Chính phủ (01 tập thể và 02 cá nhân)" in text
        for name in NAMES:
            assert name in text
        # A nominee without a summary of their own shows the group's achievement.
        assert "Đã có thành tích xuất sắc trong công tác từ năm 2021 đến năm 2025." in text

    def test_docx_table_has_the_same_rows(self, nominee_list):
        text, tables = docx_paragraphs_and_tables(render_nominee_list_docx(nominee_list))
        assert REFERENCE in text
        rows = tables[0]
        assert rows[0] == ["STT", "Họ và tên (tên tập thể)", "Chức vụ, đơn vị công tác", "Hình thức đề nghị",
                           "Tóm tắt thành tích"]
        assert rows[1][:2] == ["I", "Bằng khen của Thủ tướng Chính phủ (01 tập thể và 02 cá nhân)"]
        assert rows[3] == ["2", "Nguyễn Thị Hoà", "Hiệu trưởng Trường THPT Lê Hồng Phong", AWARD,
                           "Hai năm liền đạt danh hiệu Chiến sĩ thi đua cấp tỉnh."]
        document = Document(io.BytesIO(render_nominee_list_docx(nominee_list)))
        assert document.sections[0].page_width > document.sections[0].page_height

    def test_xlsx_has_a_bold_frozen_header_and_the_same_rows(self, nominee_list):
        sheet = load_workbook(io.BytesIO(render_nominee_list_xlsx(nominee_list))).active
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = values.index(["STT", "Họ và tên (tên tập thể)", "Chức vụ, đơn vị công tác",
                               "Hình thức đề nghị", "Tóm tắt thành tích"]) + 1
        assert sheet.freeze_panes == f"A{header + 1}"
        assert all(cell.font.b for cell in sheet[header])
        assert REFERENCE in [row[0] for row in values[:header]]
        assert values[header][:2] == ["I", "Bằng khen của Thủ tướng Chính phủ (01 tập thể và 02 cá nhân)"]
        assert values[header + 2] == [2, "Nguyễn Thị Hoà", "Hiệu trưởng Trường THPT Lê Hồng Phong", AWARD,
                                      "Hai năm liền đạt danh hiệu Chiến sĩ thi đua cấp tỉnh."]
        assert [row[1] for row in values[header + 1:]] == NAMES
        assert all(unicodedata.is_normalized("NFC", row[1]) for row in values[header + 1:])
        assert sheet.column_dimensions["E"].width >= 40
        assert sheet.cell(header + 2, 5).alignment.wrap_text
        assert sheet.page_setup.orientation == "landscape"

    def test_xlsx_keeps_a_name_that_looks_like_a_formula_as_text(self):
        doc = NomineeListDoc("15/TTr-UBND", None, "Ủy ban nhân dân tỉnh Hà Nam", [NomineeGroup(AWARD, "x", [
            Nominee(1, '=HYPERLINK("http://example.com","Nguyễn Thị Hoà")', "", "individual")])])
        sheet = load_workbook(io.BytesIO(render_nominee_list_xlsx(doc))).active
        cells = [cell for row in sheet.iter_rows() for cell in row if cell.column == 2]
        formula = [cell for cell in cells if str(cell.value).startswith("=")]
        assert formula and all(cell.data_type == "s" for cell in formula)

    def test_reference_is_dotted_before_the_submission_is_numbered(self):
        doc = nominee_list_for(make_submission(number="…/TTr-UBND", signed_on=None))
        assert nominee_list_parts(doc)["reference"] == (
            "(Kèm theo Tờ trình số …/TTr-UBND ngày … tháng … năm … của Ủy ban nhân dân tỉnh Hà Nam)")
