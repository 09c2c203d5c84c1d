"""Issue 12, the dossier and council leftovers: the session list tells a member who has voted that they
have (point 3), a council member reads the attachments of the dossiers on their agenda (point 3), the
dossier list filters by a step of the work as the desk counts it (point 11), grounds in bulk (point 2)
and the glossary's hints on the dossier pages (point 12)."""
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tdkt.core import clock
from tdkt.core.choices import Role
from tdkt.dossiers import services
from tdkt.dossiers.models import Attachment
from tdkt.dossiers.services import council as council_services
from tdkt.eligibility.models import EligibilityResult, EligibilityRun, RunStatus
from tdkt.imports.parsing import open_sheet
from tdkt.imports.tests.helpers import xlsx
from tdkt.testing import login, make_user, token_client

from .factories import council, ready_dossier
from .test_intake import HEADER, new_dossier, preview_page, staff  # noqa: F401  (staff is a fixture)

pytestmark = pytest.mark.django_db


def appraised(world, nominees=None):
    dossier = ready_dossier(world.clerk_a, world.unit_a, nominees or [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    services.start_appraisal(world.officer, dossier)
    for nominee in dossier.nominees.all():
        services.appraise_nominee(world.officer, nominee, outcome="passed", justification="Đã đối chiếu hồ sơ gốc")
    services.complete_appraisal(world.officer, dossier)
    return dossier


def open_session(world, members, dossiers, title="Phiên họp xét khen thưởng"):
    session = council_services.create_session(world.officer, title=title, held_on=clock.today(), members=members)
    council_services.add_to_agenda(world.officer, session, dossiers)
    council_services.open_session(world.officer, session)
    return session


def badges(html):
    return re.findall(r'class="badge[^"]*ballot-badge" data-ballot="(\w+)"', html)


# --- Point 3: the session list's ballot badge -------------------------------------------------------

def test_point3_the_session_list_says_voted_once_the_member_has_voted_on_every_item(world):
    members = council(3)
    dossier = appraised(world, [({"person": world.person_a}, "BK_TINH"), ({"recipient_unit": world.unit_a_child},
                                                                           "BK_TINH")])
    session = open_session(world, members, [dossier])
    first, second = session.items.all()

    page = login(members[0]).get("/hoi-dong/").content.decode()
    assert badges(page) == ["todo"] and ">Bỏ phiếu</a>" in page
    council_services.cast_ballot_paper(members[0], session, {first.pk: "agree"})
    assert badges(login(members[0]).get("/hoi-dong/").content.decode()) == ["todo"]   # one item still left
    council_services.cast_ballot_paper(members[0], session, {second.pk: "disagree"})
    page = login(members[0]).get("/hoi-dong/").content.decode()
    assert badges(page) == ["done"] and "Đã bỏ phiếu" in page and ">Bỏ phiếu</a>" not in page  # the old badge stayed

    # A conflict of interest is the member's answer on that item too.
    council_services.declare_conflict(members[1], first, "Người thân của đối tượng")
    council_services.cast_ballot_paper(members[1], session, {second.pk: "agree"})
    assert badges(login(members[1]).get("/hoi-dong/").content.decode()) == ["done"]
    assert badges(login(members[2]).get("/hoi-dong/").content.decode()) == ["todo"]
    # Nothing for who does not sit on the session.
    for outsider in (world.officer, world.leader):
        page = login(outsider).get("/hoi-dong/").content.decode()
        assert badges(page) == [] and "Đã bỏ phiếu" not in page


def test_point3_the_session_list_counts_in_a_fixed_number_of_queries(world):
    members = council(2)
    client = login(members[0])
    session = open_session(world, members, [appraised(world)])
    council_services.cast_ballot_paper(members[0], session, {session.items.get().pk: "agree"})
    client.get("/hoi-dong/")
    with CaptureQueriesContext(connection) as one:
        client.get("/hoi-dong/")
    for i in range(3):
        council_services.create_session(world.officer, title=f"Phiên họp {i}", held_on=clock.today(), members=members)
    with CaptureQueriesContext(connection) as four:
        page = client.get("/hoi-dong/").content.decode()
    assert page.count('class="session-row"') == 4
    assert len(four) == len(one), [q["sql"] for q in four.captured_queries]


# --- Point 3: a member reads the documents of the dossiers on their agenda ----------------------------

def test_point3_a_member_bound_to_another_unit_downloads_the_agenda_dossiers_attachments(world, staff):  # noqa: F811
    vice_chair = make_user("ld.syt", Role.LEADER, world.unit_b, full_name="Hồ Văn Sáu")
    outsider = make_user("ld.khac", Role.LEADER, world.unit_b, full_name="Lý Văn Bảy")
    dossier = appraised(world)
    elsewhere = ready_dossier(world.clerk_a, world.unit_a, [({"person": staff[0]}, "BK_TINH")],
                              title="Hồ sơ chưa trình Hội đồng")
    open_session(world, [vice_chair, *council(2)], [dossier])
    report = dossier.attachments.get(kind="report")
    other = elsewhere.attachments.first()

    member = login(vice_chair)
    response = member.get(f"/ho-so/tai-lieu/{report.pk}/")
    assert response.status_code == 200     # was 404: attachments followed the unit's scope only
    assert b"".join(response.streaming_content if response.streaming else [response.content])[:2] == b"PK"
    assert f'href="/ho-so/tai-lieu/{report.pk}/"' in member.get(f"/ho-so/{dossier.pk}/").content.decode()
    # Only the dossiers on their agenda; a leader of the same unit who does not sit on it sees nothing.
    assert member.get(f"/ho-so/tai-lieu/{other.pk}/").status_code == 404
    assert login(outsider).get(f"/ho-so/tai-lieu/{report.pk}/").status_code == 404
    assert login(world.clerk_b).get(f"/ho-so/tai-lieu/{report.pk}/").status_code == 404
    # Reading only: the member removes nothing and the editable scope stays the unit's.
    member.post(f"/ho-so/tai-lieu/{report.pk}/xoa/")
    assert Attachment.objects.filter(pk=report.pk).exists()
    assert not Attachment.objects.editable_by(vice_chair).exists()
    assert set(Attachment.objects.visible_to(vice_chair).values_list("dossier_id", flat=True)) == {dossier.pk}
    # The unit's own clerk keeps reading and changing its attachments as before.
    assert login(world.clerk_a).get(f"/ho-so/tai-lieu/{other.pk}/").status_code == 200
    assert Attachment.objects.editable_by(world.clerk_a).filter(pk=other.pk).exists()


# --- Point 11: the list filters by a step of the work, as the desk counts it ---------------------------

def codes_on(html):
    return set(re.findall(r">(HS-\d{4}-\d{5})</a>", html))


def test_point11_the_list_has_a_to_receive_group_of_submitted_and_resubmitted(world, staff):  # noqa: F811
    submitted = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, submitted)
    resubmitted = ready_dossier(world.clerk_a, world.unit_a, [({"person": staff[0]}, "BK_TINH")],
                                title="Hồ sơ nộp lại")
    services.submit_dossier(world.clerk_a, resubmitted)
    services.start_appraisal(world.officer, resubmitted)
    services.return_dossier(world.officer, resubmitted, "Bổ sung biên bản họp xét")
    services.submit_dossier(world.clerk_a, resubmitted)
    draft = new_dossier(world)
    appraising = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")],
                               title="Hồ sơ đang thẩm định")
    services.submit_dossier(world.clerk_a, appraising)
    services.start_appraisal(world.officer, appraising)
    resubmitted.refresh_from_db()
    assert resubmitted.status == "resubmitted"

    officer = login(world.officer)
    page = officer.get("/ho-so/?nhom=cho-tiep-nhan").content.decode()
    assert codes_on(page) == {submitted.code, resubmitted.code}   # the old list ignored the group: all four
    assert 'id="group-filter"' in page and "Chờ tiếp nhận" in page
    # The home desk's count of dossiers to receive is what the group lists.
    home = officer.get("/").content.decode()
    desk = re.search(r'data-desk="submitted">.*?tdkt-desk-count">(\d+)<', home, re.S).group(1)
    assert int(desk) == len(codes_on(page)) == 2
    assert codes_on(officer.get("/ho-so/?nhom=dang-tham-dinh").content.decode()) == {appraising.code}
    assert codes_on(officer.get("/ho-so/?nhom=dang-xu-ly").content.decode()) == {
        submitted.code, resubmitted.code, appraising.code}
    assert codes_on(officer.get("/ho-so/?nhom=dang-lap").content.decode()) == {draft.code}
    # An unknown group is no filter; the API takes the same groups.
    assert len(codes_on(officer.get("/ho-so/?nhom=khong-co").content.decode())) == 4
    api = token_client(world.officer).get("/api/dossiers?group=cho-tiep-nhan").json()
    assert {d["code"] for d in api} == {submitted.code, resubmitted.code}


def test_point11_the_pages_of_a_filtered_list_keep_the_group(world, monkeypatch):
    from tdkt.dossiers.views import drafting as drafting_views

    for _ in range(3):
        new_dossier(world)
    monkeypatch.setattr(drafting_views, "PAGE_SIZE", 2)
    page = login(world.clerk_a).get("/ho-so/?nhom=dang-lap&nam=2025").content.decode()
    assert "?trang=2&amp;nhom=dang-lap&amp;nam=2025" in page


# --- Point 2: grounds in bulk ---------------------------------------------------------------------

GROUND_HEADER = [*HEADER, "Căn cứ đề nghị", "Minh chứng căn cứ"]
GROUND = "Tiêu biểu xuất sắc trong phong trào thi đua"


def test_point2_the_excel_list_states_a_ground_with_its_evidence(world, staff):  # noqa: F811
    dossier = new_dossier(world)
    rows = [[1, "Trần Thị Bích", None, "001185000123", "STC", "", "Bằng khen UBND tỉnh", "Dẫn đầu phong trào",
             "tiêu biểu xuất sắc trong phong trào thi đua.", "Quyết định 12/QĐ-UBND ngày 10/12/2025"],
            [2, "Nguyễn Văn Đức", None, "", "STC-NS", "", "Bằng khen UBND tỉnh", "Thành tích", "", ""]]
    client = login(world.clerk_a)
    html = preview_page(client, dossier, "danh-sach.xlsx", xlsx(GROUND_HEADER, rows)).content.decode()
    assert "table-danger" not in html and GROUND in html
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', html).group(1)
    client.post(f"/ho-so/{dossier.pk}/doi-tuong/nhap-excel/xac-nhan/", {"digest": digest})
    bich = dossier.nominees.get(recipient_name="Trần Thị Bích")
    assert bich.claims == [{"code": "outstanding_in_movement", "evidence": "Quyết định 12/QĐ-UBND ngày 10/12/2025"}]
    assert bich.verdict["case"]["claims"] == ["outstanding_in_movement"]   # the old import dropped the columns
    duc = dossier.nominees.get(recipient_name="Nguyễn Văn Đức")
    assert duc.claims == [] and duc.verdict_eligible is False

    # The page counts who still needs a ground and links each to their editor.
    page = client.get(f"/ho-so/{dossier.pk}/").content.decode()
    block = re.search(r'<div class="alert[^"]*" id="need-ground">(.*?)</div>', page, re.S).group(1)
    assert "1 đối tượng cần nêu căn cứ đề nghị" in block
    assert f'href="/ho-so/doi-tuong/{duc.pk}/sua/"' in block and f"/ho-so/doi-tuong/{bich.pk}/sua/" not in block


def test_point2_bad_ground_cells_are_named_by_row_and_column_and_nothing_is_added(world, staff):  # noqa: F811
    dossier = new_dossier(world)
    rows = [[1, "Trần Thị Bích", None, "001185000123", "STC", "", "Bằng khen UBND tỉnh", "x", GROUND, ""],
            [2, "Nguyễn Văn Đức", None, "", "STC-NS", "", "Bằng khen UBND tỉnh", "x", "Có nhiều công lao", "QĐ 1"],
            [3, "", None, "", "STC-NS", "Tập thể", "Tập thể lao động xuất sắc", "x", GROUND, "QĐ 2"],
            [4, "Lê Văn Cường", None, "", "STC-NS", "", "Bằng khen UBND tỉnh", "x", "", "QĐ 3"],
            [5, "Nguyễn Văn An", "08/08/1983", "", "STC-NS", "", "Bằng khen UBND tỉnh", "x", GROUND, "QĐ 4"]]
    client = login(world.clerk_a)
    html = preview_page(client, dossier, "danh-sach.xlsx", xlsx(GROUND_HEADER, rows)).content.decode()
    errors = {int(n): re.sub(r"<[^>]+>", "", body)
              for n, body in re.findall(r'<tr class="table-danger" data-row="(\d+)">(.*?)</tr>', html, re.S)}
    assert set(errors) == {2, 3, 4, 5}, errors       # row 6 is good, yet nothing is added
    assert "Minh chứng căn cứ: Minh chứng căn cứ không được để trống" in errors[2]
    assert "Căn cứ đề nghị: Căn cứ đề nghị “Có nhiều công lao” không phải căn cứ nào" in errors[3]
    assert "Căn cứ đề nghị:" in errors[4] and "không áp dụng cho “Tập thể lao động xuất sắc”" in errors[4]
    assert "hình thức này không cần căn cứ đề nghị" in errors[4]
    assert "Căn cứ đề nghị:" in errors[5] and "Minh chứng căn cứ có ghi" in errors[5]
    assert 'id="intake-confirm"' not in html and dossier.nominees.count() == 0


def test_point2_the_template_offers_the_grounds_of_the_dossiers_awards(world):
    import io

    from python_calamine import CalamineWorkbook

    dossier = new_dossier(world)
    data = login(world.clerk_a).get(f"/ho-so/{dossier.pk}/doi-tuong/mau-excel.xlsx").content
    sheet = open_sheet(data, "nominees")
    assert {"ground", "evidence"} <= set(sheet.columns)
    guide = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(1).to_python()
    by_label = {str(row[1]): str(row[3]) for row in guide if len(row) > 3}
    assert "Bằng khen" in by_label[GROUND]
    assert "Có sáng kiến, mưu trí trong chiến đấu, phục vụ chiến đấu được công nhận" not in by_label  # not this authority


def test_point2_after_a_due_list_pick_the_page_counts_who_needs_a_ground(world):
    # The run found Đức due a provincial Bằng khen; at drafting, his record alone does not reach it: he
    # needs a ground the unit states (Luật TĐKT 2022 Điều 74 khoản 1).
    run = EligibilityRun.objects.create(year=2025, status=RunStatus.DONE, awards="BK_TINH", finished_at=clock.now())
    EligibilityResult.objects.create(run=run, person=world.person_a, unit=world.person_a.unit, award_code="BK_TINH",
                                     year=2025)
    dossier = new_dossier(world)
    client = login(world.clerk_a)
    response = client.post(f"/ho-so/{dossier.pk}/doi-tuong/den-han/", {
        "danh_hieu": "BK_TINH", "people": [world.person_a.pk], "achievement": "Hoàn thành xuất sắc nhiệm vụ"},
        follow=True)
    page = response.content.decode()
    nominee = dossier.nominees.get()
    assert "1 người cần nêu căn cứ đề nghị" in page
    assert 'id="need-ground"' in page and f'href="/ho-so/doi-tuong/{nominee.pk}/sua/"' in page
    # Stating the ground in the editor takes the nominee off the list.
    services.update_nominee(world.clerk_a, nominee, achievement=nominee.achievement,
                            claims={"outstanding_in_movement": "Quyết định 12/QĐ-UBND"})
    assert 'id="need-ground"' not in client.get(f"/ho-so/{dossier.pk}/").content.decode()


# --- Point 12: the glossary's hints -----------------------------------------------------------------

def hints(html):
    return set(re.findall(r'class="tdkt-hint" href="/huong-dan/thuat-ngu/#(\w+)"', html))


def test_point12_the_dossier_pages_carry_the_glossary_hints_of_their_legal_terms(world):
    assert "loai_hinh" in hints(login(world.clerk_a).get("/ho-so/moi/").content.decode())
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    officer = login(world.officer)
    assert {"loai_hinh", "tham_dinh"} <= hints(officer.get(f"/ho-so/{dossier.pk}/").content.decode())
    services.start_appraisal(world.officer, dossier)
    assert {"tham_dinh", "tra_lai"} <= hints(officer.get(f"/ho-so/{dossier.pk}/").content.decode())
    services.return_dossier(world.officer, dossier, "Bổ sung")
    assert "tra_lai" in hints(login(world.clerk_a).get(f"/ho-so/{dossier.pk}/").content.decode())
    members = council(2)
    session = open_session(world, members, [appraised(world, [({"recipient_unit": world.unit_a_child}, "BK_TINH")])])
    assert "bo_phieu" in hints(login(members[0]).get(f"/hoi-dong/{session.pk}/").content.decode())
    assert "bo_phieu" in hints(login(members[0]).get("/hoi-dong/").content.decode())
    assert "cong_khai" in hints(login(world.officer).get("/cong-khai/").content.decode())
    assert "hinh_thuc" in hints(login(world.clerk_a).get(f"/ho-so/{new_dossier(world).pk}/doi-tuong/them/").content
                                .decode())
