"""Nominees in bulk (issue 4 point 1): from the rule engine's due list and from the unit's Excel list.
Every row is checked, all refusals are named together, and nothing is saved unless every row is good."""
import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardType
from tdkt.core.models import AuditEvent
from tdkt.core.services import system_actor
from tdkt.dossiers import services
from tdkt.dossiers.models import Nominee
from tdkt.dossiers.services import intake
from tdkt.eligibility.batch import run_batch, start_run
from tdkt.imports.tests.helpers import upload_file, xlsx
from tdkt.org import services as org_services
from tdkt.testing import login

from .factories import ready_dossier

pytestmark = pytest.mark.django_db

HEADER = ["STT", "Họ và tên (hoặc tên tập thể)", "Ngày sinh", "Số CCCD", "Đơn vị", "Đối tượng",
          "Danh hiệu/Hình thức", "Tóm tắt thành tích"]


@pytest.fixture
def staff(world):
    root = system_actor()
    bich = org_services.create_person(root, world.unit_a, full_name="Trần Thị Bích", gender="female",
                                      birth_date=dt.date(1985, 7, 9), national_id="001185000123")
    cuong = org_services.create_person(root, world.unit_a_child, full_name="Lê Văn Cường", gender="male",
                                       birth_date=dt.date(1990, 1, 2))
    for birth in (dt.date(1979, 3, 4), dt.date(1983, 8, 8)):
        org_services.create_person(root, world.unit_a_child, full_name="Nguyễn Văn An", gender="male",
                                   birth_date=birth)
    return bich, cuong


def new_dossier(world, *, authority="province_chair", unit=None, year=2025):
    return services.create_dossier(world.clerk_a, proposing_unit=unit or world.unit_a, authority=authority,
                                   title=f"Đề nghị khen thưởng năm {year}", kind="regular", year=year)


GOOD_ROWS = [
    [1, "Nguyễn Văn Đức", "17/05/1980", "", "STC-NS", "", "Bằng khen UBND tỉnh", "Dẫn đầu phong trào thi đua năm 2025"],
    [2, "trần thị bích", None, "001185000123", "STC", "Cá nhân", "BK tỉnh", None],
    [3, "", None, "", "STC-NS", "Tập thể", "Tập thể lao động xuất sắc", "Hoàn thành xuất sắc nhiệm vụ năm 2025"],
    [4, "Nguyễn Văn An", "08/08/1983", "", "Phòng Ngân sách", "", "Chiến sĩ thi đua cấp tỉnh", "Có sáng kiến cấp tỉnh"],
]


def preview_page(client, dossier, name, data, achievement="Hoàn thành tốt nhiệm vụ năm 2025"):
    return client.post(f"/ho-so/{dossier.pk}/doi-tuong/nhap-excel/",
                       {"file": upload_file(name, data), "achievement": achievement})


def errors_by_row(html: str) -> dict[int, str]:
    rows = re.findall(r'<tr class="table-danger" data-row="(\d+)">(.*?)</tr>', html, re.S)
    return {int(n): re.sub(r"<[^>]+>", "", body) for n, body in rows}


# --- Excel ---------------------------------------------------------------------------------------

class TestExcelList:
    def test_a_good_file_is_previewed_without_saving_then_confirmed_adds_every_row(self, world, staff):
        bich, _ = staff
        dossier = new_dossier(world)
        client = login(world.clerk_a)
        audits = AuditEvent.objects.count()
        response = preview_page(client, dossier, "danh-sach.xlsx", xlsx(HEADER, GOOD_ROWS, title_rows=[
            ["DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2025"], []]))
        html = response.content.decode()
        assert response.status_code == 200
        assert 'id="intake-preview"' in html and "table-danger" not in html, errors_by_row(html)
        assert "Xác nhận thêm 4 đối tượng" in html
        # The preview is a dry run: nothing stays behind, not even an audit row.
        assert dossier.nominees.count() == 0 and AuditEvent.objects.count() == audits
        digest = re.search(r'name="digest" value="([0-9a-f]{64})"', html).group(1)

        response = client.post(f"/ho-so/{dossier.pk}/doi-tuong/nhap-excel/xac-nhan/", {"digest": digest})
        assert response.status_code == 302 and response["Location"] == dossier.get_absolute_url()
        added = {n.recipient_name: n for n in dossier.nominees.select_related("award_type")}
        assert set(added) == {"Nguyễn Văn Đức", "Trần Thị Bích", "Phòng Ngân sách", "Nguyễn Văn An"}
        assert added["Trần Thị Bích"].person == bich
        assert added["Trần Thị Bích"].achievement == "Hoàn thành tốt nhiệm vụ năm 2025"   # blank cell: the page's text
        assert added["Nguyễn Văn An"].person.birth_date == dt.date(1983, 8, 8)
        assert added["Phòng Ngân sách"].award_type.code == "TTLDXS"
        assert AuditEvent.objects.filter(model="dossiers.dossier", object_id=str(dossier.pk),
                                         note__contains="từ tệp Excel").exists()
        # The kept file is used once.
        again = client.post(f"/ho-so/{dossier.pk}/doi-tuong/nhap-excel/xac-nhan/", {"digest": digest}, follow=True)
        assert "hãy tải tệp lên lại" in again.content.decode() and dossier.nominees.count() == 4

    def test_a_file_with_bad_rows_saves_nothing_and_names_every_row(self, world, staff):
        other = new_dossier(world)
        services.add_nominee(world.clerk_a, other, award_type=AwardType.objects.get(code="BK_TINH"),
                             subject_kind="individual", person=world.person_a, achievement="Thành tích năm 2025")
        dossier = new_dossier(world)
        rows = [[n, *good[1:]] for n, good in enumerate(GOOD_ROWS[1:], 1)] + [
            [4, "Phạm Văn Không", None, "", "STC", "", "Bằng khen UBND tỉnh", "x"],            # unknown person
            [5, "Lê Văn Cường", None, "", "STC-NS", "", "Lao động tiên tiến", "x"],           # not this authority
            [6, "Nguyễn Văn Đức", None, "", "STC-NS", "", "Bằng khen tỉnh", "x"],             # open in another dossier
            [7, "Trần Thị Bích", None, "", "STC", "", "Bằng khen của UBND tỉnh", "x"],        # repeats row 2
            [8, "Nguyễn Văn An", None, "", "STC-NS", "", "Bằng khen tỉnh", "x"],              # two namesakes
            [9, "Nguyễn Thị Ánh", None, "", "SYT-BV", "", "Bằng khen tỉnh", "x"],            # another unit
        ]
        client = login(world.clerk_a)
        html = preview_page(client, dossier, "danh-sach.xlsx", xlsx(HEADER, rows)).content.decode()
        errors = errors_by_row(html)     # Excel rows: the header is row 1, so STT 4 is row 5
        assert set(errors) == {5, 6, 7, 8, 9, 10}, errors
        assert "Không tìm thấy cá nhân “Phạm Văn Không”" in errors[5]
        assert "Danh hiệu/Hình thức" in errors[6] and "không thuộc thẩm quyền" in errors[6]
        assert "đã có trong hồ sơ" in errors[7] and other.code in errors[7]
        assert "Trùng với dòng 2" in errors[8]
        assert "Có 2 người tên “Nguyễn Văn An”" in errors[9] and "ngày sinh" in errors[9]
        assert "không thuộc Sở Tài chính" in errors[10]
        assert 'id="intake-confirm"' not in html
        assert dossier.nominees.count() == 0

        # The service says the same, row by row, and saves nothing.
        preview, added = intake.import_file(world.clerk_a, dossier, xlsx(HEADER, rows), "danh-sach.xlsx", "Thành tích")
        assert added == [] and {e["row"] for e in preview.errors} == {5, 6, 7, 8, 9, 10}
        assert dossier.nominees.count() == 0

    def test_add_nominees_reports_every_refused_row_and_saves_none(self, world, staff):
        bich, cuong = staff
        dossier = new_dossier(world)
        bk, ldtt = AwardType.objects.get(code="BK_TINH"), AwardType.objects.get(code="LDTT")
        rows = [intake.NomineeRow(bk, "individual", "Thành tích", person=bich, row=3),
                intake.NomineeRow(ldtt, "individual", "Thành tích", person=cuong, row=4),
                intake.NomineeRow(bk, "individual", "", person=world.person_a, row=5),
                intake.NomineeRow(bk, "individual", "Thành tích", person=world.person_b, row=6)]
        with pytest.raises(intake.RowsRefused) as exc:
            intake.add_nominees(world.clerk_a, dossier, rows)
        messages = exc.value.messages
        assert [m.split(":")[0] for m in messages] == ["Dòng 4", "Dòng 5", "Dòng 6"]
        assert "Lao động tiên tiến" in messages[0] and "Tóm tắt thành tích" in messages[1]
        assert dossier.nominees.count() == 0

    @pytest.mark.parametrize("name, data, expected", [
        ("danh-sach.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 500, "Tệp .xls đời cũ"),
        ("danh-sach.xlsx", b"%PDF-1.4 not a workbook" + b"\x00" * 200, "có thể chỉ được đổi đuôi tên"),
        ("danh-sach.csv", "STT;Họ và tên\n1;Nguyễn Văn Đức\n".encode(), "Chỉ nhận tệp Excel đuôi .xlsx"),
    ])
    def test_a_file_that_is_not_xlsx_is_refused_in_vietnamese(self, world, name, data, expected):
        dossier = new_dossier(world)
        html = preview_page(login(world.clerk_a), dossier, name, data).content.decode()
        assert expected in html and 'id="intake-preview"' not in html
        assert dossier.nominees.count() == 0

    def test_a_confirmation_with_another_digest_adds_nothing(self, world, staff):
        dossier = new_dossier(world)
        client = login(world.clerk_a)
        preview_page(client, dossier, "danh-sach.xlsx", xlsx(HEADER, GOOD_ROWS))
        response = client.post(f"/ho-so/{dossier.pk}/doi-tuong/nhap-excel/xac-nhan/", {"digest": "0" * 64},
                               follow=True)
        assert "hãy tải tệp lên lại" in response.content.decode()
        assert dossier.nominees.count() == 0

    def test_the_template_reads_back_as_a_nominee_list(self, world):
        from tdkt.imports.parsing import open_sheet

        dossier = new_dossier(world)
        response = login(world.clerk_a).get(f"/ho-so/{dossier.pk}/doi-tuong/mau-excel.xlsx")
        assert response.status_code == 200
        sheet = open_sheet(response.content, "nominees")
        assert {"name", "national_id", "unit", "subject", "award", "achievement"} <= set(sheet.columns)


# --- The due list --------------------------------------------------------------------------------

@pytest.fixture
def due_world(world):
    """A 2025 batch run: in unit A's subtree Hồng (direct worker) and Đức are due LĐTT; Hải is due but
    already has it; Nam is due but already in another open dossier; Ánh (unit B) is due too."""
    root = system_actor()
    ldtt = AwardType.objects.get(code="LDTT")
    hong = org_services.create_person(root, world.unit_a, full_name="Lê Thị Hồng", gender="female",
                                      is_direct_worker=True)
    hai = org_services.create_person(root, world.unit_a_child, full_name="Đỗ Văn Hải", gender="male")
    nam = org_services.create_person(root, world.unit_a_child, full_name="Trịnh Văn Nam", gender="male")
    for person in (hong, hai, nam, world.person_a, world.person_b):
        award_services.set_rating(root, person=person, year=2025, level="good")
    run_batch(start_run(world.officer, 2025), workers=1)
    award_services.create_award_record(root, award_type=ldtt, subject_kind="individual", person=hai, year=2025)
    elsewhere = new_dossier(world, authority="unit_head", unit=world.unit_a_child)
    services.add_nominee(world.clerk_a, elsewhere, award_type=ldtt, subject_kind="individual", person=nam,
                         achievement="Hoàn thành tốt nhiệm vụ")
    return world, hong


class TestDueList:
    def test_shows_only_the_units_eligible_unawarded_people_and_adds_the_chosen(self, due_world):
        world, hong = due_world
        dossier = new_dossier(world, authority="unit_head")
        due = intake.due_candidates(world.clerk_a, dossier, "LDTT")
        assert [p.full_name for p in due.people] == ["Lê Thị Hồng", "Nguyễn Văn Đức"]   # direct workers first
        assert {a.code for a in due.awards} <= {"LDTT", "CSTD_CS", "GK"}

        client = login(world.clerk_a)
        html = client.get(f"/ho-so/{dossier.pk}/doi-tuong/den-han/?danh_hieu=LDTT").content.decode()
        listed = re.findall(r'<tr data-name="([^"]+)">', html)
        assert listed == ["Lê Thị Hồng", "Nguyễn Văn Đức"]
        assert "Hoàn thành xuất sắc nhiệm vụ năm 2025" in html

        response = client.post(f"/ho-so/{dossier.pk}/doi-tuong/den-han/", {
            "danh_hieu": "LDTT", "people": [hong.pk, world.person_a.pk],
            "achievement": "Hoàn thành tốt nhiệm vụ năm 2025"})
        assert response.status_code == 302
        added = list(dossier.nominees.values_list("recipient_name", "award_type__code", "achievement"))
        assert sorted(added) == [("Lê Thị Hồng", "LDTT", "Hoàn thành tốt nhiệm vụ năm 2025"),
                                 ("Nguyễn Văn Đức", "LDTT", "Hoàn thành tốt nhiệm vụ năm 2025")]
        # Once nominated, they leave the list.
        assert not intake.due_candidates(world.clerk_a, dossier, "LDTT").people.exists()

    def test_a_person_not_on_the_list_is_refused_by_name_and_nothing_is_added(self, due_world):
        world, hong = due_world
        dossier = new_dossier(world, authority="unit_head")
        response = login(world.clerk_a).post(f"/ho-so/{dossier.pk}/doi-tuong/den-han/", {
            "danh_hieu": "LDTT", "people": [hong.pk, world.person_b.pk], "achievement": "Hoàn thành tốt nhiệm vụ"})
        assert response.status_code == 200
        assert "Không còn trong danh sách đến hạn" in response.content.decode()
        assert dossier.nominees.count() == 0

    def test_only_awards_of_the_dossiers_authority_are_offered(self, due_world):
        world, _ = due_world
        dossier = new_dossier(world, authority="unit_head")
        with pytest.raises(ValidationError, match="không thuộc thẩm quyền"):
            intake.due_candidates(world.clerk_a, dossier, "BK_TINH")
        html = login(world.clerk_a).get(f"/ho-so/{dossier.pk}/doi-tuong/den-han/?danh_hieu=BK_TINH").content.decode()
        assert "không thuộc thẩm quyền" in html and 'id="due-people"' not in html

    def test_without_a_finished_run_the_page_says_so(self, world):
        dossier = new_dossier(world, authority="unit_head", year=2024)
        html = login(world.clerk_a).get(f"/ho-so/{dossier.pk}/doi-tuong/den-han/").content.decode()
        assert "Chưa có kết quả xét điều kiện hàng loạt năm 2024" in html
        assert "/khen-thuong-kip-thoi/" in html


# --- Scope and status ----------------------------------------------------------------------------

def test_a_clerk_of_unit_b_gets_404_on_unit_as_bulk_pages(world):
    dossier = new_dossier(world)
    client = login(world.clerk_b)
    base = f"/ho-so/{dossier.pk}/doi-tuong"
    for url in ("/den-han/", "/nhap-excel/", "/mau-excel.xlsx"):
        assert client.get(base + url).status_code == 404, url
    assert client.post(base + "/nhap-excel/", {"file": upload_file("a.xlsx", xlsx(HEADER, GOOD_ROWS))}).status_code == 404
    assert client.post(base + "/nhap-excel/xac-nhan/", {"digest": "0" * 64}).status_code == 404
    assert client.post(base + "/den-han/", {"danh_hieu": "LDTT", "people": [world.person_a.pk]}).status_code == 404
    with pytest.raises(Http404):
        intake.add_nominees(world.clerk_b, dossier, [])
    assert login(world.viewer).get(base + "/den-han/").status_code == 403
    with pytest.raises(PermissionDenied):
        intake.due_candidates(world.viewer, dossier, "LDTT")


def test_a_submitted_dossier_refuses_bulk_nominees(world, staff):
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    services.submit_dossier(world.clerk_a, dossier)
    bich, _ = staff
    row = intake.NomineeRow(AwardType.objects.get(code="BK_TINH"), "individual", "Thành tích", person=bich)
    with pytest.raises(ValidationError, match="Đã nộp|trạng thái"):
        intake.add_nominees(world.clerk_a, dossier, [row])
    client = login(world.clerk_a)
    for url in ("den-han/", "nhap-excel/"):
        response = client.get(f"/ho-so/{dossier.pk}/doi-tuong/{url}", follow=True)
        assert "Không thể thêm đối tượng" in response.content.decode(), url
    response = client.post(f"/ho-so/{dossier.pk}/doi-tuong/nhap-excel/",
                           {"file": upload_file("a.xlsx", xlsx(HEADER, GOOD_ROWS))}, follow=True)
    assert "Không thể thêm đối tượng" in response.content.decode()
    assert list(dossier.nominees.values_list("recipient_name", flat=True)) == ["Nguyễn Văn Đức"]
    assert not Nominee.objects.filter(person=bich).exists()


def test_the_detail_page_offers_the_bulk_buttons_next_to_add_nominee(world):
    dossier = new_dossier(world)
    html = login(world.clerk_a).get(dossier.get_absolute_url()).content.decode()
    assert 'id="pick-due-nominees"' in html and 'id="import-nominees"' in html
