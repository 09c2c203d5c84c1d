"""Issue 12 in a block's year: closing scoring asks first, is refused with missing scores unless the
office gives a reason, and can be reopened with a recorded reason (§1); a refused score sheet keeps
everything typed and the evidence files, and a closed period is said before the sheet is filled
(§4); the scoring table is edited as a table with every row's messages at once, tie-breaks as
labelled choices and thresholds as percentages (§8)."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.core import clock
from tdkt.core.models import AuditEvent
from tdkt.dossiers.tests.factories import PDF
from tdkt.emulation.models import Block, Evidence, Result, Score
from tdkt.emulation.services import scoring, vote
from tdkt.emulation.services.ranking import block_standing
from tdkt.testing import login

from .factories import criteria, make_block, member_units
from .test_scoring import head_score_all

pytestmark = pytest.mark.django_db


# --- §1 Closing and reopening -------------------------------------------------------------------

def test_point1_closing_scores_with_missing_scores_is_refused(world):
    bw = make_block(world, 3)
    with pytest.raises(ValidationError) as exc:
        scoring.close_scoring(world.officer, bw.block)
    message = exc.value.message_dict["override_reason"][0]
    assert "còn 3 đơn vị thiếu điểm của khối" in message and bw.units[2].name in message
    bw.block.refresh_from_db()
    assert bw.block.status == "scoring" and not Result.objects.exists()


def test_point1_the_office_closes_with_missing_scores_only_with_a_reason_kept_in_the_audit(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    c = criteria(bw.block)
    # One member lacks the block's score on 2.1: a superseded row does not count.
    Score.objects.filter(unit=bw.units[2], criterion=c["2.1"], stage="head").update(is_current=False)
    missing = [r for r in scoring.missing_scores(bw.block) if r["blocking"]]
    assert [(r["unit"], r["codes"]) for r in missing] == [(bw.units[2], ["2.1"])]
    with pytest.raises(ValidationError):
        scoring.close_scoring(world.officer, bw.block, override_reason="   ")
    scoring.close_scoring(world.officer, bw.block, override_reason="Đơn vị không nộp báo cáo tổng kết đúng hạn")
    bw.block.refresh_from_db()
    assert bw.block.status == "closed"
    event = AuditEvent.objects.get(action="scoring.close_missing")
    assert "Đơn vị không nộp báo cáo tổng kết đúng hạn" in event.note
    assert event.after["thiếu"] == {bw.units[2].name: ["2.1"]}
    assert event.get_action_display() == "Khóa điểm khi còn thiếu điểm (có lý do)"


def test_point1_complete_block_scores_close_without_a_reason(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    # Missing self-scores are said but do not block: the block's score is what is ranked.
    assert {r["stage"] for r in scoring.missing_scores(bw.block)} == {"self"}
    scoring.close_scoring(world.officer, bw.block)
    assert AuditEvent.objects.filter(action="scoring.close").exists()
    assert Result.objects.filter(block=bw.block).count() == 3


def test_point1_reopening_needs_a_reason_and_withdraws_the_ranking(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    scoring.close_scoring(world.officer, bw.block)
    assert bw.units[0].pk in block_standing([bw.units[0].pk], bw.block.year)
    with pytest.raises(ValidationError) as exc:
        scoring.reopen_scoring(world.officer, bw.block, reason=" ")
    assert exc.value.message_dict["reason"] == ["Lý do mở lại chấm điểm: không được để trống."]
    with pytest.raises(PermissionDenied):
        scoring.reopen_scoring(bw.clerks[0], bw.block, reason="Trưởng khối muốn sửa")
    scoring.reopen_scoring(world.officer, bw.block, reason="Phát hiện nhập nhầm điểm tiêu chí 2.1",
                           block_score_deadline=clock.today() + dt.timedelta(days=3))
    bw.block.refresh_from_db()
    assert bw.block.status == "scoring" and not Result.objects.filter(block=bw.block).exists()
    assert block_standing([bw.units[0].pk], bw.block.year) == {}
    event = AuditEvent.objects.get(action="block.reopen")
    assert "Phát hiện nhập nhầm điểm tiêu chí 2.1" in event.note
    page = login(world.officer).get(bw.block.get_absolute_url()).content.decode()
    assert 'id="reopened"' in page and "Phát hiện nhập nhầm" in page
    scoring.close_scoring(world.officer, bw.block)
    assert Result.objects.filter(block=bw.block).count() == 3


def test_point1_no_reopening_once_the_block_vote_has_started(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    scoring.close_scoring(world.officer, bw.block)
    vote.open_round(world.officer, bw.block)
    with pytest.raises(ValidationError) as exc:
        scoring.reopen_scoring(world.officer, bw.block, reason="Sửa điểm")
    assert "đã bỏ phiếu suy tôn" in exc.value.message_dict["status"][0]


def test_point1_block_page_warns_asks_first_refuses_then_closes_with_a_reason(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    Score.objects.filter(unit=bw.units[1], stage="head").update(is_current=False)
    client = login(world.officer)
    page = client.get(bw.block.get_absolute_url()).content.decode()
    assert 'id="missing-scores"' in page and "Còn 1 đơn vị thiếu điểm của khối." in page
    assert f'data-unit="{bw.units[1].name}" data-stage="head"' in page
    assert 'data-confirm="Khóa điểm sẽ công bố bảng xếp hạng cho 3 đơn vị' in page
    assert 'data-confirm="Sao chép sẽ lập' in page
    url = f"/thi-dua/khoi/{bw.block.pk}/khoa-diem/"
    refused = client.post(url, follow=True).content.decode()
    assert "Chưa khóa điểm: còn 1 đơn vị thiếu điểm của khối" in refused
    bw.block.refresh_from_db()
    assert bw.block.status == "scoring"
    client.post(url, {"override_reason": "Đơn vị giải thể giữa năm"})
    bw.block.refresh_from_db()
    assert bw.block.status == "closed"
    closed = client.get(bw.block.get_absolute_url()).content.decode()
    assert 'id="reopen-scoring"' in closed and 'data-confirm="Mở lại chấm điểm sẽ rút bảng xếp hạng' in closed
    client.post(f"/thi-dua/khoi/{bw.block.pk}/mo-lai/", {"reason": "Bổ sung điểm của khối"})
    bw.block.refresh_from_db()
    assert bw.block.status == "scoring"


def test_point1_opening_scoring_asks_first(world):
    bw = make_block(world, 3, open_scoring=False)
    page = login(world.officer).get(bw.block.get_absolute_url()).content.decode()
    assert 'data-confirm="Mở chấm điểm sẽ khóa bảng điểm (không sửa được nữa) và thông báo cho 3 đơn vị' in page


def test_point1_the_vote_asks_first_and_warns_below_full_turnout(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 40, 0, 0), (40, 20, 30, 0, 0), (30, 20, 30, 0, 0)])
    scoring.close_scoring(world.officer, bw.block)
    head = login(bw.clerks[0])
    assert 'data-confirm="Mở vòng bỏ phiếu 1' in head.get(f"/thi-dua/khoi/{bw.block.pk}/bo-phieu/").content.decode()
    vote.open_round(bw.clerks[0], bw.block)
    page = head.get(f"/thi-dua/khoi/{bw.block.pk}/bo-phieu/").content.decode()
    assert 'data-confirm="Kết thúc vòng 1 sẽ kiểm phiếu với 0/3 đơn vị' in page and 'id="turnout-warning"' in page
    assert 'data-confirm="Phiếu bầu là phiếu kín' in page


# --- §4 The score sheet keeps what was typed ------------------------------------------------------

def test_point4_refused_sheet_keeps_values_comments_and_the_evidence_file(world):
    bw = make_block(world, 3)
    c = criteria(bw.block)
    client = login(bw.clerks[2])
    url = f"/thi-dua/khoi/{bw.block.pk}/cham-diem/{bw.units[2].pk}/tu-cham/"
    response = client.post(url, {
        f"points_{c['1.1'].pk}": "45", f"comment_{c['1.1'].pk}": "Vượt chỉ tiêu",
        f"points_{c['1.2'].pk}": "abc", f"comment_{c['1.2'].pk}": "Nhiệm vụ phòng chống bão",
        f"points_{c['2.1'].pk}": "30", f"comment_{c['2.1'].pk}": "Đã tổ chức 4 đợt thi đua",
        f"evidence_{c['2.1'].pk}": SimpleUploadedFile("bao-cao-tong-ket.pdf", PDF)})
    body = response.content.decode()
    assert response.status_code == 200 and not Score.objects.exists()
    # Every typed value and comment is back in its box; each bad row says what is wrong.
    for text in ('value="45"', 'value="abc"', 'value="30"', "Vượt chỉ tiêu", "Nhiệm vụ phòng chống bão",
                 "Đã tổ chức 4 đợt thi đua"):
        assert text in body
    assert "45 điểm vượt điểm tối đa 40 điểm" in body and "“abc” không phải là số" in body
    assert "Chưa lưu: 2 dòng có lỗi" in body
    # The chosen file is kept on the server: it is not chosen again.
    kept = Evidence.objects.get()
    assert kept.criterion == c["2.1"] and kept.original_name == "bao-cao-tong-ket.pdf"
    assert "Đã giữ tệp minh chứng bao-cao-tong-ket.pdf" in body and "(đã giữ tệp, không cần chọn lại)" in body
    ok = client.post(url, {f"points_{c['1.1'].pk}": "40", f"points_{c['1.2'].pk}": "20",
                           f"points_{c['2.1'].pk}": "30", f"comment_{c['2.1'].pk}": "Đã tổ chức 4 đợt thi đua"})
    assert ok.status_code == 302 and Score.objects.filter(stage="self").count() == 3
    assert Score.objects.get(criterion=c["2.1"]).comment == "Đã tổ chức 4 đợt thi đua"
    again = client.get(url).content.decode()
    assert "Đã tổ chức 4 đợt thi đua" in again   # the saved comment is shown on the sheet


def test_point4_a_closed_scoring_period_is_said_before_the_sheet_is_filled(world):
    bw = make_block(world, 3)
    client = login(bw.clerks[2])
    url = f"/thi-dua/khoi/{bw.block.pk}/cham-diem/{bw.units[2].pk}/tu-cham/"
    assert 'id="sheet-closed"' not in client.get(url).content.decode()
    clock.travel(11)
    page = client.get(url).content.decode()
    assert 'id="sheet-closed"' in page and "Đã hết hạn tự chấm điểm (hạn " in page
    assert "Lưu điểm</button>" not in page and "disabled" in page


# --- §8 The scoring table as an editable table ------------------------------------------------------

def _rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial),
            f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "500"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def table_post(criteria_rows=None, **settings) -> dict:
    data = {"scale": "100", "block_scorer": "head", "bonus_cap": "10", "deduction_cap": "5",
            "women_share_threshold": "70", "tie_1": "women", "tie_2": "fewer_deductions", "tie_3": ""}
    data.update(settings)
    data.update(_rows("nhom", [{"code": "I", "name": "Thực hiện nhiệm vụ chính trị", "max_points": "60"},
                               {"code": "II", "name": "Công tác thi đua, khen thưởng", "max_points": "40"},
                               {"code": "III", "name": "Điểm thưởng, điểm trừ", "max_points": "0"}]))
    data.update(_rows("tc", criteria_rows if criteria_rows is not None else [
        {"group": "I", "code": "1.1", "name": "Hoàn thành chỉ tiêu kế hoạch", "max_points": "40", "kind": "regular",
         "guidance": "Đủ chỉ tiêu: 40 điểm"},
        {"group": "I", "code": "1.2", "name": "Nhiệm vụ đột xuất", "max_points": "20", "kind": "regular"},
        {"group": "II", "code": "2.1", "name": "Tổ chức phong trào", "max_points": "40", "kind": "regular",
         "required_evidence": "Kế hoạch, báo cáo", "evidence_required": "on"},
        {"group": "III", "code": "3.1", "name": "Cờ thi đua Chính phủ", "max_points": "10", "kind": "bonus"},
        {"group": "III", "code": "3.2", "name": "Báo cáo chậm", "max_points": "5", "kind": "deduction"},
        {"group": "", "code": "", "name": "", "max_points": "", "kind": "regular"}]))   # an empty row is ignored
    data.update(_rows("xl", [{"name": "Xuất sắc", "min_score": "95"}, {"name": "Tốt", "min_score": "85"}]))
    data.update(_rows("kx", [{"code": "K1", "text": "Có lãnh đạo bị kỷ luật"}]))
    return data


def test_point8_scoring_table_editor_reports_every_bad_row_at_once(world):
    bw = make_block(world, 3, open_scoring=False)
    before = list(bw.block.template.criteria.values_list("code", flat=True))
    rows = [
        {"group": "I", "code": "1.1", "name": "Hoàn thành chỉ tiêu", "max_points": "bốn mươi", "kind": "regular"},
        {"group": "I", "code": "1.2", "name": "", "max_points": "20", "kind": "regular"},
        {"group": "IV", "code": "4.1", "name": "Nhóm không có", "max_points": "10", "kind": "regular"},
        {"group": "II", "code": "1.2", "name": "Trùng số hiệu", "max_points": "40", "kind": "regular"},
    ]
    response = login(world.officer).post(f"/thi-dua/khoi/{bw.block.pk}/bang-diem/", table_post(rows, tie_2="women"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 1: Điểm tối đa: “bốn mươi” không phải là số." in body
    assert "Dòng 2: Nội dung tiêu chí: không được để trống." in body
    assert "Dòng 3: Nhóm “IV” không có trong bảng nhóm (I, II, III)." in body
    assert "Dòng 4: Trùng số hiệu tiêu chí “1.2” với dòng 2." in body
    assert "Ưu tiên thứ hai: trùng với ưu tiên thứ nhất." in body
    assert 'value="bốn mươi"' in body and 'value="Nhóm không có"' in body   # what was typed stays
    assert list(bw.block.template.criteria.values_list("code", flat=True)) == before


def test_point8_scoring_table_saves_rows_percent_threshold_and_tie_break_order(world):
    bw = make_block(world, 3, open_scoring=False)
    client = login(world.officer)
    url = f"/thi-dua/khoi/{bw.block.pk}/bang-diem/"
    response = client.post(url, table_post(women_share_threshold="75", tie_1="fewer_deductions", tie_2="group:II",
                                           tie_3="women"))
    assert response.status_code == 302
    bw.block.refresh_from_db()
    template = bw.block.template
    assert template.women_share_threshold == Decimal("0.750")
    assert template.tie_break == ["fewer_deductions", "group:II", "women"]
    c = criteria(bw.block)
    assert c["2.1"].evidence_required and c["3.2"].kind == "deduction" and c["1.1"].guidance == "Đủ chỉ tiêu: 40 điểm"
    assert [b.name for b in template.bands.all()] == ["Xuất sắc", "Tốt"]
    page = client.get(url).content.decode()
    assert 'name="women_share_threshold" value="75"' in page
    assert 'value="group:II" selected>Điểm nhóm II cao hơn' in page
    assert "Ít điểm trừ hơn" in page and "fewer_deductions, " not in page
    assert 'data-formset-add="tc"' in page and 'name="tc-4-code"' in page and "Thêm dòng" in page


def test_point8_block_vote_threshold_is_typed_as_a_percentage(world):
    units, _ = member_units(world, 4)
    client = login(world.officer)
    page = client.get("/thi-dua/khoi/moi/").content.decode()
    assert "Tỷ lệ phiếu cần đạt (%)" in page and 'name="vote_threshold" value="50"' in page
    response = client.post("/thi-dua/khoi/moi/", {
        "name": "Khối các sở tổng hợp", "kind": "block", "year": 2026, "year_kind": "calendar",
        "units": [u.pk for u in units], "head": units[0].pk, "deputy": units[1].pk, "merit_quota": 1,
        "vote_max_rounds": 2, "vote_threshold": "66,7", "vote_strict": "on"})
    assert "Tỷ lệ phiếu cần đạt (%): nhập số phần trăm nguyên, ví dụ 67." in response.content.decode()
    assert 'name="vote_threshold" value="66,7"' in response.content.decode()   # what was typed stays
    response = client.post("/thi-dua/khoi/moi/", {
        "name": "Khối các sở tổng hợp", "kind": "block", "year": 2026, "year_kind": "calendar",
        "units": [u.pk for u in units], "head": units[0].pk, "deputy": units[1].pk, "merit_quota": 1,
        "vote_max_rounds": 2, "vote_threshold": "67", "vote_strict": "on"})
    assert response.status_code == 302
    assert Block.objects.get().vote_threshold == Decimal("0.670")
    bad = client.post("/thi-dua/khoi/moi/", {"name": "Khối khác", "kind": "block", "year": 2026,
                                             "year_kind": "calendar", "units": [u.pk for u in units],
                                             "merit_quota": 0, "vote_max_rounds": 2, "vote_threshold": "0.5"})
    assert "Tỷ lệ phiếu cần đạt (%): không được nhỏ hơn 50 %." in bad.content.decode()
