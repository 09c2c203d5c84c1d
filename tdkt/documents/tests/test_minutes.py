"""The vote-count minutes: counts only, never a voter."""
import dataclasses
import datetime as dt
import io

from docx import Document

from tdkt.documents.minutes import MinutesDoc, MinutesRow, render_minutes_docx, render_minutes_pdf
from tdkt.documents.text import pdf_text


def minutes():
    return MinutesDoc(
        council_name="Hội đồng Thi đua - Khen thưởng tỉnh Hà Nam",
        session_title="Phiên họp xét khen thưởng tổng kết năm 2025", held_on=dt.date(2026, 1, 3),
        place="Hà Nam", total_members=9, present_members=8, chair_name="Lê Văn Hùng",
        secretary_name="Phạm Thị Mai",
        rows=[MinutesRow(1, "Nguyễn Thị Ánh", "Bằng khen của Chủ tịch UBND tỉnh", 8, 0, 0, 0,
                         "≥ 80% tổng số thành viên", True),
              MinutesRow(2, "Trần Văn Đức", "Chiến sĩ thi đua cấp tỉnh", 6, 1, 1, 0,
                         "≥ 80% tổng số thành viên", False)])


def test_pdf_reports_counts_ratio_and_result_per_row():
    text = " ".join(pdf_text(render_minutes_pdf(minutes())).split())
    assert "BIÊN BẢN KIỂM PHIẾU" in text
    assert "Hà Nam, ngày 03 tháng 01 năm 2026" in text
    assert "số thành viên có mặt: 8" in text
    assert "1 Nguyễn Thị Ánh Bằng khen của Chủ tịch UBND tỉnh 8 0 0 0 88,9%" in text
    assert "2 Trần Văn Đức Chiến sĩ thi đua cấp tỉnh 6 1 1 0 66,7%" in text
    assert "Không đạt" in text
    assert "số trường hợp đạt: 1" in text


def test_docx_carries_the_same_table():
    document = Document(io.BytesIO(render_minutes_docx(minutes())))
    rows = [[cell.text for cell in row.cells] for row in document.tables[1].rows]
    assert rows[0][:4] == ["STT", "Họ và tên (tên tập thể)", "Hình thức khen thưởng", "Đồng ý"]
    assert rows[1] == ["1", "Nguyễn Thị Ánh", "Bằng khen của Chủ tịch UBND tỉnh", "8", "0", "0", "0",
                       "88,9%", "≥ 80% tổng số thành viên", "Đạt"]
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_the_secret_ballot_has_no_place_for_a_voter_name():
    names = {f.name for f in dataclasses.fields(MinutesRow)}
    assert names == {"order", "name", "award_name", "agree", "disagree", "recused", "not_voted",
                     "threshold_label", "passed"}
