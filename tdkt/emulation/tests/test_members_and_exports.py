"""The members page (rotation order, head and deputy, women-led flags), the Excel exports of
registrations and covenants read back, covenant evidence links, movement documents."""
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from openpyxl import load_workbook

from tdkt.core import clock
from tdkt.core.models import AuditEvent
from tdkt.dossiers.tests.factories import PDF, award, pdf
from tdkt.emulation import services
from tdkt.emulation.models import BlockMember, MovementDocument, Result
from tdkt.emulation.services import covenants, movements, registrations, scoring, vote
from tdkt.testing import login

from .factories import make_block, member_units
from .test_covenants import TEN, block_covenant, sign_all
from .test_more_team import team_post
from .test_movements import provincial
from .test_scoring import head_score_all

pytestmark = pytest.mark.django_db


def members_post(bw, order, **extra):
    data = {f"order_{u.pk}": str(n) for u, n in zip(bw.units, order)}
    data.update(extra)
    return data


def rotation(block):
    return list(BlockMember.objects.filter(block=block).order_by("rotation_order")
                .values_list("unit__name", "rotation_order", "role"))


def test_office_sets_the_rotation_head_deputy_and_membership_while_building(world):
    bw = make_block(world, 4, open_scoring=False)
    extra, _ = member_units(world, 1, prefix="T")
    client = login(world.officer)
    url = f"/thi-dua/khoi/{bw.block.pk}/thanh-vien/"
    page = client.get(url).content.decode()
    assert "Thứ tự luân phiên" in page and bw.units[3].name in page
    before = rotation(bw.block)
    # Two members given the same number: named, nothing saved.
    bad = client.post(url, members_post(bw, [1, 2, 2, 4]))
    assert "Thứ tự luân phiên 2 bị trùng: " in bad.content.decode() and rotation(bw.block) == before
    bad = client.post(url, members_post(bw, [1, "hai", 3, 4]))
    assert f"{bw.units[1].name}: thứ tự luân phiên phải là số nguyên từ 1 đến 999 (đã nhập “hai”)." in \
        bad.content.decode()
    assert rotation(bw.block) == before
    # Unit 3 first and head, unit 0 deputy, unit 2 withdrawn, a new unit added at the end.
    ok = client.post(url, members_post(bw, [2, 3, 4, 1], **{
        f"role_{bw.units[3].pk}": "head", f"role_{bw.units[0].pk}": "deputy", f"role_{bw.units[1].pk}": "member",
        f"role_{bw.units[2].pk}": "member", f"remove_{bw.units[2].pk}": "1", f"women_{bw.units[1].pk}": "1",
        "add_units": [extra[0].pk]}))
    assert ok.status_code == 302
    assert rotation(bw.block) == [(bw.units[3].name, 1, "head"), (bw.units[0].name, 2, "deputy"),
                                  (bw.units[1].name, 3, "member"), (extra[0].name, 4, "member")]
    assert BlockMember.objects.get(block=bw.block, unit=bw.units[1]).women_led
    # The rotation proposes next year's head: the member after the head, then the next as deputy.
    assert services.proposed_next_head(bw.block) == (bw.units[0], bw.units[1])
    assert AuditEvent.objects.filter(model="emulation.block", object_id=str(bw.block.pk), action="block.members").exists()
    # Two heads: refused.
    bad = client.post(url, {f"order_{u.pk}": str(i) for i, u in enumerate([bw.units[3], bw.units[0]], 1)}
                      | {f"order_{bw.units[1].pk}": "3", f"order_{extra[0].pk}": "4",
                         f"role_{bw.units[3].pk}": "head", f"role_{bw.units[0].pk}": "head"})
    assert "Mỗi khối chỉ có một trưởng khối và một phó khối." in bad.content.decode()
    assert login(bw.clerks[0]).get(url).status_code == 403
    assert login(world.clerk_b).get(url).status_code == 404


def test_women_led_flag_after_close_recomputes_the_ranking_until_the_leader_is_chosen(world):
    bw = make_block(world, 3)
    head_score_all(bw, [(40, 20, 30, 0, 0), (40, 20, 30, 0, 0), (40, 20, 20, 0, 0)])
    scoring.close_scoring(world.officer, bw.block)
    ranks = lambda: {r.unit_id: r.rank for r in Result.objects.filter(block=bw.block)}  # noqa: E731
    assert ranks()[bw.units[0].pk] == ranks()[bw.units[1].pk] == 1
    client = login(world.officer)
    url = f"/thi-dua/khoi/{bw.block.pk}/thanh-vien/"
    page = client.get(url).content.decode()
    assert 'name="role_' not in page and 'name="remove_' not in page   # membership is fixed once scoring opened
    response = client.post(url, members_post(bw, [1, 2, 3], **{f"women_{bw.units[1].pk}": "1"}))
    assert response.status_code == 302
    assert ranks() == {bw.units[1].pk: 1, bw.units[0].pk: 2, bw.units[2].pk: 3}
    assert "đơn vị nữ: có" in Result.objects.get(block=bw.block, unit=bw.units[1]).tie_note
    # Once the block has chosen its leader the year's facts are settled.
    ballot = vote.open_round(world.officer, bw.block)
    for clerk in bw.clerks:
        vote.cast_vote(clerk, ballot, bw.units[1])
    vote.close_round(world.officer, ballot)
    bw.block.refresh_from_db()
    refused = client.post(url, members_post(bw, [3, 2, 1]), follow=True)   # unticks the women-led flag
    assert "Khối đã xác định đơn vị dẫn đầu: không đổi đơn vị do nữ làm thủ trưởng" in refused.content.decode()
    assert rotation(bw.block)[0][0] == bw.units[0].name
    # The rotation for next year still changes (the page keeps the year's flags as they are).
    assert 'type="checkbox" name="women_' not in client.get(url).content.decode()
    ok = client.post(url, members_post(bw, [3, 2, 1], **{f"women_{bw.units[1].pk}": "1"}))
    assert ok.status_code == 302 and rotation(bw.block)[0][0] == bw.units[2].name
    assert services.proposed_next_head(bw.block) == (bw.units[2], bw.units[1])   # after the head, wrapping round


def test_registrations_excel_lists_units_people_rollup_and_achievement(world):
    registrations.set_period(world.officer, year=2026, deadline=clock.today() + dt.timedelta(days=5))
    reg = registrations.save_registration(world.clerk_a, world.unit_a, 2026, commitments="Hoàn thành 100% chỉ tiêu",
                                          unit_titles=[award("TTLDXS")], individuals=[(world.person_a, award("CSTD_CS"))])
    registrations.submit_registration(world.clerk_a, reg)
    registrations.save_registration(world.clerk_b, world.unit_b, 2026, unit_titles=[award("TTLDTT")])
    response = login(world.officer).get("/thi-dua/dang-ky.xlsx?nam=2026")
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert wb.sheetnames == ["Đơn vị đăng ký", "Cá nhân đăng ký", "Tổng hợp", "Đăng ký và đạt được"]
    units = list(wb["Đơn vị đăng ký"].iter_rows(min_row=2, values_only=True))
    by_name = {row[1]: row for row in units}
    assert by_name[world.unit_a.name][2] == "Đã gửi" and by_name[world.unit_a.name][5] == award("TTLDXS").name
    assert by_name[world.unit_a.name][6] == "Hoàn thành 100% chỉ tiêu" and by_name[world.unit_b.name][2] == "Đang lập"
    people = list(wb["Cá nhân đăng ký"].iter_rows(min_row=2, values_only=True))
    assert people == [(1, world.person_a.full_name, world.person_a.position, world.person_a.unit.name,
                       world.unit_a.name, award("CSTD_CS").name)]
    summary = {row[0]: row[1:] for row in wb["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert summary[award("TTLDXS").name] == (1, 0, 1) and summary[award("CSTD_CS").name] == (0, 1, 1)
    # A unit's clerk exports only its own scope.
    own = login(world.clerk_b).get("/thi-dua/dang-ky.xlsx?nam=2026")
    wb = load_workbook(io.BytesIO(b"".join(own.streaming_content)), read_only=True)
    assert [row[1] for row in wb["Đơn vị đăng ký"].iter_rows(min_row=2, values_only=True)] == [world.unit_b.name]


def test_covenant_excel_and_evidence_links(world):
    bw, covenant = block_covenant(world)
    sign_all(bw, covenant)
    indicators = list(covenant.indicators.all())
    values = {i.pk: (i.target, "") for i in indicators[:7]}
    values.update({i.pk: (i.target - 1, "") for i in indicators[7:9]})
    values[indicators[9].pk] = ("2", "Báo cáo của Văn phòng")     # "lower is better" with target 1.5: not met
    covenants.record_results(bw.clerks[0], covenant, bw.units[0], period="year_end", values=values,
                             evidence={indicators[0].pk: pdf("bao-cao-tong-ket.pdf")})
    client = login(bw.clerks[1])
    page = client.get(covenant.get_absolute_url()).content.decode()
    assert "bao-cao-tong-ket.pdf" in page and "Báo cáo của Văn phòng" in page
    link = page.split('class="covenant-evidence"')[0].rsplit('href="', 1)[1].split('"')[0]
    assert client.get(link).status_code == 200
    assert login(world.clerk_b).get(link).status_code == 404
    response = client.get(f"{covenant.get_absolute_url()}giao-uoc.xlsx")
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert wb.sheetnames == ["Tổng hợp", "Sơ kết 6 tháng", "Tổng kết năm", "Ký kết"]
    summary = list(wb["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    year_end = [row for row in summary if row[0] == "Tổng kết năm"]
    assert (year_end[0][1], year_end[0][7]) == (bw.units[0].name, "7/10 chỉ tiêu đạt và vượt")
    assert year_end[-1][1] == "Toàn giao ước" and year_end[-1][7] == "7/30 chỉ tiêu đạt và vượt"
    rows = list(wb["Tổng kết năm"].iter_rows(min_row=2, values_only=True))
    assert len(rows) == 10 and rows[9][1] == TEN[9]["name"] and rows[9][5:7] == (2, "Không đạt")
    assert rows[0][5:7] == (float(indicators[0].target), "Đạt")
    signing = list(wb["Ký kết"].iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in signing] == [f"Giám đốc {u.name}" for u in bw.units]


def test_movement_documents_upload_and_download(world):
    movement = provincial(world)
    client = login(world.officer)
    fake = client.post(movement.get_absolute_url(), {
        "action": "document", "title": "Kế hoạch phát động",
        "file": SimpleUploadedFile("ke-hoach.pdf", b"not a pdf", content_type="application/pdf")}, follow=True)
    assert not MovementDocument.objects.exists()
    assert "Văn bản “ke-hoach.pdf”: chỉ nhận tệp PDF" in fake.content.decode()
    no_title = client.post(movement.get_absolute_url(), {
        "action": "document", "title": "", "file": SimpleUploadedFile("ke-hoach.pdf", PDF)}, follow=True)
    assert "không được để trống" in no_title.content.decode() and not MovementDocument.objects.exists()
    ok = client.post(movement.get_absolute_url(), {
        "action": "document", "title": "Kế hoạch số 12/KH-UBND phát động",
        "file": SimpleUploadedFile("ke-hoach.pdf", PDF)}, follow=True)
    assert "Đã tải lên văn bản của phong trào." in ok.content.decode()
    document = MovementDocument.objects.get()
    assert f"/thi-dua/phong-trao/van-ban/{document.pk}/" in ok.content.decode()
    # Before launch the movement (and its documents) is the launching side's only.
    assert login(world.clerk_a).get(f"/thi-dua/phong-trao/van-ban/{document.pk}/").status_code == 404
    movements.launch_movement(world.officer, movement)
    download = login(world.clerk_a).get(f"/thi-dua/phong-trao/van-ban/{document.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert login(world.clerk_b).get(f"/thi-dua/phong-trao/van-ban/{document.pk}/").status_code == 404
    # Only the launching side uploads.
    login(world.clerk_a).post(movement.get_absolute_url(), {
        "action": "document", "title": "Thử", "file": SimpleUploadedFile("x.pdf", PDF)})
    assert MovementDocument.objects.count() == 1


def test_an_inspection_team_scores_the_block(world):
    from tdkt.emulation.models import FinalScore, InspectionTeam, Score

    from .factories import criteria, template_spec
    from .test_scoring import full

    bw = make_block(world, 3, open_scoring=False, spec=template_spec(block_scorer="inspection"))
    client = login(world.officer)
    today = clock.today()
    refused = client.post(f"/thi-dua/khoi/{bw.block.pk}/mo-cham-diem/", {
        "self_score_deadline": (today + dt.timedelta(days=5)).strftime("%d/%m/%Y")}, follow=True)
    assert "phải lập đoàn kiểm tra" in refused.content.decode()
    url = f"/thi-dua/khoi/{bw.block.pk}/doan-kiem-tra/"
    bad = client.post(url, team_post([("Nguyễn Văn Hùng", "", "", "member", ""),
                                      ("Lê Thị Mai", "", "", "member", "khong.co")], name="Đoàn kiểm tra số 2"))
    assert "Dòng 2: Không có tài khoản “khong.co” đang hoạt động." in bad.content.decode()
    assert "phải có đúng một trưởng đoàn" in bad.content.decode()
    assert not InspectionTeam.objects.exists()
    ok = client.post(url, team_post([
        ("Nguyễn Văn Hùng", "Phó Trưởng ban", "Ban Thi đua – Khen thưởng", "leader", world.clerk_b.username),
        ("Trần Thị Hoa", "Chuyên viên", bw.units[2].name, "member", bw.clerks[2].username),
        ("Phạm Văn Nam", "Chuyên viên", "Ban Thi đua – Khen thưởng", "secretary", "")],
        name="Đoàn kiểm tra số 2", decision_ref="Quyết định số 15/QĐ-HĐTĐKT ngày 01/11/2026"))
    assert ok.status_code == 302
    team = InspectionTeam.objects.get()
    assert [(m.full_name, m.role, m.user) for m in team.members.all()] == [
        ("Nguyễn Văn Hùng", "leader", world.clerk_b), ("Trần Thị Hoa", "member", bw.clerks[2]),
        ("Phạm Văn Nam", "secretary", None)]
    assert f'name="tv-0-username" value="{world.clerk_b.username}"' in client.get(url).content.decode()
    scoring.open_scoring(world.officer, bw.block, self_score_deadline=today + dt.timedelta(days=5))
    c = criteria(bw.block)
    # A team member from outside the block sees it and scores every member.
    outsider = login(world.clerk_b)
    detail = outsider.get(bw.block.get_absolute_url()).content.decode()
    assert detail.count("Đoàn kiểm tra chấm: ") == 3 and "Quyết định số 15/QĐ-HĐTĐKT" in detail
    sheet = f"/thi-dua/khoi/{bw.block.pk}/cham-diem/{bw.units[0].pk}/khoi/"
    assert outsider.post(sheet, {f"points_{c['1.1'].pk}": "38", f"comment_{c['1.1'].pk}": "Thiếu 1 chỉ tiêu"}
                         ).status_code == 302
    for unit in bw.units[1:]:
        scoring.block_score(world.clerk_b, bw.block, unit, full(c, 40, 20, 30))
    # A member of the team does not score its own unit; a member unit not on the team scores nobody.
    with pytest.raises(ValidationError, match="không chấm điểm đơn vị mình"):
        scoring.block_score(bw.clerks[2], bw.block, bw.units[2], full(c, 40, 20, 40))
    scoring.block_score(bw.clerks[2], bw.block, bw.units[0], full(c, 39, 20, 30))
    with pytest.raises(Http404):
        scoring.block_score(bw.clerks[1], bw.block, bw.units[0], full(c, 40, 20, 40))
    assert login(bw.clerks[1]).get(sheet).status_code == 404
    # The scored unit does not see the team's numbers before the close.
    assert not scoring.scores_visible_to(bw.clerks[0], bw.block).filter(stage="inspection").exists()
    assert scoring.scores_visible_to(bw.clerks[2], bw.block).filter(stage="inspection", unit=bw.units[0]).exists()
    scoring.close_scoring(world.officer, bw.block)
    final = FinalScore.objects.get(result__unit=bw.units[0], criterion=c["1.1"])
    assert final.points == 39 and final.note == "Đoàn kiểm tra số 2 (Quyết định số 15/QĐ-HĐTĐKT ngày 01/11/2026) chấm"
    assert Score.objects.get(pk=final.source_id).actor == bw.clerks[2]
    page = login(bw.clerks[0]).get(f"/thi-dua/khoi/{bw.block.pk}/ket-qua/{bw.units[0].pk}/").content.decode()
    assert "Đoàn kiểm tra số 2 · " in page
    # Fixed once scoring is closed.
    with pytest.raises(ValidationError):
        services.set_inspection_team(world.officer, bw.block, name="Đoàn khác", members=[
            {"full_name": "A", "role": "leader"}])


def test_numbers_no_column_holds_are_refused_by_name_on_the_pages(world):
    from .factories import criteria

    bw = make_block(world, 2)
    c = criteria(bw.block)
    url = f"/thi-dua/khoi/{bw.block.pk}/cham-diem/{bw.units[1].pk}/tu-cham/"
    for typed in ("1e40", "9999999", "NaN"):
        response = login(bw.clerks[1]).post(url, {f"points_{c['1.1'].pk}": typed})
        assert response.status_code == 200 and "Tiêu chí 1.1" in response.content.decode()
    assert not scoring.scores_visible_to(world.officer, bw.block).exists()
