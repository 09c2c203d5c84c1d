"""Issue 12 on the year's emulation pages: registration (said closed before typing, nothing typed lost,
ticks kept across pages, tick all, the Excel template), movements (draft editing, a question before
launching, the review's result kept), key tasks (linked, work years only), covenants (signing asks)."""
import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from tdkt.core import clock
from tdkt.core.audit import history
from tdkt.core.services import system_actor
from tdkt.dossiers.tests.factories import award
from tdkt.emulation.models import Movement, Registration, RegistrationItem
from tdkt.emulation.services import movements, registrations
from tdkt.org import services as org_services
from tdkt.testing import login, token_client

pytestmark = pytest.mark.django_db


def url_of(world, year=2026):
    return f"/thi-dua/dang-ky/{world.unit_a.pk}/{year}/"


def open_period(world, days=5):
    return registrations.set_period(world.officer, year=2026, deadline=clock.today() + dt.timedelta(days=days))


def many_people(world, n=105):
    root = system_actor()
    return [org_services.create_person(root, world.unit_a, full_name=f"Trần Văn Người {i:03d}", gender="male",
                                       birth_date=dt.date(1980, 1, 1)) for i in range(n)]


def items():
    return set(RegistrationItem.objects.filter(person__isnull=False).values_list("person__full_name",
                                                                                 "award_type__code"))


# --- Point 4: nothing typed is lost; a closed period is said before typing ---------------------------

def test_point4_a_closed_registration_is_said_before_the_form_is_filled(world):
    client = login(world.clerk_a)
    page = client.get(url_of(world)).content.decode()
    assert "Tỉnh chưa mở đăng ký thi đua năm 2026." in page and "<fieldset disabled>" in page
    assert "Liên hệ Ban Thi đua – Khen thưởng" in page
    period = open_period(world)
    page = client.get(url_of(world)).content.decode()
    assert f"đang mở đến hết ngày {period.deadline:%d/%m/%Y}" in page and "<fieldset disabled>" not in page
    clock.travel(6)
    page = client.get(url_of(world)).content.decode()
    assert f"Đăng ký thi đua năm 2026 đã đóng: hạn là hết ngày {period.deadline:%d/%m/%Y}" in page
    assert "đề nghị Ban Thi đua – Khen thưởng gia hạn" in page and "<fieldset disabled>" in page
    assert "đã đóng" in client.get("/thi-dua/dang-ky/?nam=2026").content.decode()


def test_point4_a_refused_registration_keeps_every_tick_and_the_commitments(world):
    open_period(world)
    client = login(world.clerk_a)
    client.get(url_of(world))
    clock.travel(6)   # the deadline passes while the clerk types
    response = client.post(url_of(world), {
        "commitments": "Hoàn thành 100% chỉ tiêu ngân sách", "unit_titles": [award("TTLDXS").pk],
        "shown": [world.person_a.pk], "individual": [f"{world.person_a.pk}:{award('CSTD_CS').pk}"], "save": "1"})
    page = response.content.decode()
    assert response.status_code == 200 and "Đã quá hạn đăng ký thi đua năm 2026" in page
    assert "Hoàn thành 100% chỉ tiêu ngân sách" in page and 'id="typed-kept"' in page
    assert f'value="{award("TTLDXS").pk}" id="u{award("TTLDXS").pk}" checked' in page
    assert f'value="{world.person_a.pk}:{award("CSTD_CS").pk}" aria-label="Nguyễn Văn Đức: Chiến sĩ thi đua cơ sở" ' \
           'checked' in page
    assert not Registration.objects.exists()


def launched_movement(world):
    movement = movements.create_movement(world.officer, launching_unit=world.province, title="Thi đua yêu nước",
                                         kind="regular", contents=["Nội dung"], period_kind="calendar_year",
                                         start_year=clock.today().year, end_year=clock.today().year,
                                         covered_units=[world.unit_a])
    return movements.launch_movement(world.officer, movement)


def test_point4_a_review_with_a_bad_date_keeps_the_result(world):
    movement = launched_movement(world)
    client = login(world.officer)
    typed = "Sơ kết 6 tháng: 95% đơn vị hoàn thành, 12 điển hình tiên tiến"
    response = client.post(movement.get_absolute_url(), {"action": "review", "kind": "interim",
                                                         "held_on": "31/02/2026", "results": typed})
    page = response.content.decode()
    assert response.status_code == 200 and typed in page
    assert "Ngày sơ kết, tổng kết: ngày không hợp lệ" in page and 'data-field="held_on"' in page
    early = (clock.today() - dt.timedelta(days=3)).strftime("%d/%m/%Y")
    page = client.post(movement.get_absolute_url(), {"action": "review", "kind": "interim", "held_on": early,
                                                     "results": typed}).content.decode()
    assert typed in page and "phải sau ngày phát động" in page and f'value="{early}"' in page
    assert not movement.reviews.exists()


# --- Point 6: registration at the scale of a large unit ----------------------------------------------

def test_point6_ticks_are_saved_when_moving_to_another_page(world):
    open_period(world)
    people = many_people(world)
    client = login(world.clerk_a)
    first = client.get(url_of(world)).content.decode()
    on_page = [p for p in people if p.full_name in first]
    assert len(on_page) >= 99 and 'name="go" value="2"' in first
    response = client.post(url_of(world), {"shown": [p.pk for p in on_page],
                                           "individual": [f"{on_page[0].pk}:{award('LDTT').pk}"], "go": "2"})
    assert response.status_code == 302 and response["Location"].endswith("?trang=2")
    assert items() == {(on_page[0].full_name, "LDTT")}
    second = client.get(response["Location"]).content.decode()
    assert "Trang 2/2" in second and on_page[0].full_name not in second


def test_point6_one_title_ticked_for_every_person_of_the_unit_across_pages(world):
    open_period(world)
    people = many_people(world)
    client = login(world.clerk_a)
    page = client.get(url_of(world)).content.decode()
    total = len(people) + 1   # and Nguyễn Văn Đức of the division below
    assert f"Đăng ký cho cả {total} người" in page and "tick-column" in page and "Chọn tất cả trên trang" in page
    client.post(url_of(world), {"shown": [], "tat_ca": "add", "all_award": award("LDTT").pk})
    assert RegistrationItem.objects.filter(award_type__code="LDTT").count() == total
    # A search narrows “everyone” to the people found; removing keeps the others.
    client.post(url_of(world) + "?q=nguoi 10", {"shown": [], "tat_ca": "remove", "all_award": award("LDTT").pk})
    assert RegistrationItem.objects.filter(award_type__code="LDTT").count() == total - 5   # 100…104


def filled_template(client, world, ticks: dict[str, str], extra_rows=()):
    response = client.get(url_of(world) + "?mau=xlsx")
    data = b"".join(response.streaming_content)
    wb = load_workbook(io.BytesIO(data))
    ws = wb[registrations.TEMPLATE_SHEET]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        name = row[2].value
        for title, value in ticks.get(name, {}).items():
            row[headers.index(title)].value = value
    for extra in extra_rows:
        ws.append(extra)
    out = io.BytesIO()
    wb.save(out)
    return SimpleUploadedFile("dang-ky.xlsx", out.getvalue()), data


def test_point6_registration_from_the_excel_template(world):
    open_period(world)
    many_people(world, 3)
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, commitments="Cam kết",
                                    unit_titles=[award("TTLDXS")],
                                    individuals=[(world.person_a, award("LDTT"))])
    client = login(world.clerk_a)
    upload, data = filled_template(client, world, {
        "Trần Văn Người 000": {"Lao động tiên tiến": "x", "Chiến sĩ thi đua cơ sở": "X"},
        "Nguyễn Văn Đức": {"Lao động tiên tiến": None}})
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(registrations.TEMPLATE_SHEET).to_python()
    assert sheet[0][:6] == registrations.TEMPLATE_COLUMNS and "Lao động tiên tiến" in sheet[0]
    duc = next(r for r in sheet if r[2] == "Nguyễn Văn Đức")
    assert duc[5] == "Phòng Ngân sách" and duc[sheet[0].index("Lao động tiên tiến")] == "x"
    response = client.post(url_of(world), {"action": "import", "file": upload}, follow=True)
    assert "Đã đăng ký từ tệp Excel: 4 người, 2 danh hiệu." in response.content.decode()
    assert items() == {("Trần Văn Người 000", "LDTT"), ("Trần Văn Người 000", "CSTD_CS")}
    reg = Registration.objects.get()
    assert reg.commitments == "Cam kết" and reg.items.filter(person__isnull=True).count() == 1


def test_point6_a_bad_excel_row_is_named_and_nothing_is_saved(world):
    open_period(world)
    many_people(world, 3)
    client = login(world.clerk_a)
    upload, _ = filled_template(client, world, {"Trần Văn Người 001": {"Lao động tiên tiến": "có lẽ"},
                                                "Trần Văn Người 002": {"Chiến sĩ thi đua cơ sở": "x"}},
                                extra_rows=[[9, world.person_b.pk, "Nguyễn Thị Ánh", "", "", "", "x"]])
    page = client.post(url_of(world), {"action": "import", "file": upload}).content.decode()
    assert "Chưa lưu gì: tệp có 2 lỗi" in page
    assert "cột “Lao động tiên tiến”: “có lẽ” không hợp lệ; ghi “x” để đăng ký hoặc để trống." in page
    assert f"Dòng 6, cột “Mã cá nhân”: mã “{world.person_b.pk}” không phải người của Sở Tài chính" in page
    assert not Registration.objects.exists()
    fake = SimpleUploadedFile("dang-ky.xlsx", b"%PDF-1.4 not excel")
    page = client.post(url_of(world), {"action": "import", "file": fake}).content.decode()
    assert "Tệp đăng ký: chỉ nhận tệp Excel (.xlsx)" in page and not Registration.objects.exists()


# --- Point 9: key tasks reachable and bounded; draft movements editable; launching asks ---------------

def test_point9_key_tasks_refuse_years_outside_the_work_years(world):
    client = login(world.clerk_a)
    for year in (1, 1999, 99999):
        response = client.get(f"/thi-dua/nhiem-vu/{world.unit_a.pk}/{year}/")
        assert response.status_code == 404 and "Năm phải từ 2000 đến 2100." in response.content.decode()
        assert f"Không có nhiệm vụ trọng tâm năm {year}" in response.content.decode()
        assert client.get(url_of(world, year)).status_code == 404
    assert client.get(f"/thi-dua/nhiem-vu/{world.unit_a.pk}/2026/").status_code == 200
    assert login(world.clerk_b).get(f"/thi-dua/nhiem-vu/{world.unit_a.pk}/99999/").status_code == 404   # scope first


def test_point9_key_tasks_are_linked_from_registration_and_movements(world):
    client = login(world.clerk_a)
    year = clock.today().year
    link = f"/thi-dua/nhiem-vu/{world.unit_a.pk}/{year}/"
    assert link in client.get(f"/thi-dua/dang-ky/?nam={year}").content.decode()
    assert link in client.get(url_of(world, year)).content.decode()
    assert link in client.get("/thi-dua/phong-trao/").content.decode()
    open_period(world)
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, unit_titles=[award("TTLDXS")])
    assert f"/thi-dua/nhiem-vu/{world.unit_a.pk}/2026/" in login(world.officer).get(
        "/thi-dua/dang-ky/?nam=2026").content.decode()


def movement_form(world, **overrides):
    year = clock.today().year
    return {"title": "Thi đua chuyển đổi số", "kind": "thematic", "launching_unit": world.province.pk,
            "contents": "Số hóa hồ sơ\nDịch vụ công trực tuyến", "period_kind": "calendar_year",
            "start_year": year, "end_year": year, "covered_units": [world.unit_a.pk]} | overrides


def test_point9_a_draft_movement_is_edited_and_a_launched_one_is_refused(world):
    client = login(world.officer)
    client.post("/thi-dua/phong-trao/moi/", movement_form(world))
    movement = Movement.objects.get()
    edit = movement.get_absolute_url() + "?sua=1"
    form = client.get(edit).content.decode()
    assert "Sửa phong trào: Thi đua chuyển đổi số" in form and "Số hóa hồ sơ\nDịch vụ công trực tuyến" in form
    bad = client.post(edit, movement_form(world, end_year=clock.today().year + 1)).content.decode()
    assert "bắt đầu và kết thúc trong cùng một năm" in bad and "Thi đua chuyển đổi số" in bad
    response = client.post(edit, movement_form(world, title="Thi đua số hóa", covered_units=[world.unit_a.pk,
                                                                                              world.unit_b.pk]))
    movement.refresh_from_db()
    assert response.status_code == 302 and movement.title == "Thi đua số hóa"
    assert set(movement.covered_units.all()) == {world.unit_a, world.unit_b}
    event = history(movement).filter(action="update").get()
    assert event.before["title"] == "Thi đua chuyển đổi số" and event.after["covered_units"] == sorted(
        [world.unit_a.pk, world.unit_b.pk])
    detail = client.get(movement.get_absolute_url()).content.decode()
    assert 'id="edit-movement"' in detail and 'data-confirm="Phát động phong trào “Thi đua số hóa”? ' \
        'Phong trào sẽ đến 2 đơn vị được chọn và mọi đơn vị trực thuộc (4 đơn vị)' in detail
    assert login(world.clerk_a).get(edit).status_code == 404
    client.post(movement.get_absolute_url(), {"action": "launch"})
    refused = client.post(edit, movement_form(world, title="Đổi tên"), follow=True).content.decode()
    assert "Phong trào đã phát động nên không sửa được nữa" in refused
    movement.refresh_from_db()
    assert movement.title == "Thi đua số hóa"


def test_point9_a_draft_movement_is_edited_through_the_api(world):
    movement = movements.create_movement(world.officer, launching_unit=world.province, title="Thi đua A",
                                         kind="regular", contents=["Nội dung"], period_kind="calendar_year",
                                         start_year=clock.today().year, end_year=clock.today().year,
                                         covered_units=[world.unit_a])
    client = token_client(world.officer)
    payload = {"title": "Thi đua B", "kind": "regular", "launching_unit": world.province.pk,
               "contents": ["Nội dung mới"], "period_kind": "calendar_year", "start_year": clock.today().year,
               "end_year": clock.today().year, "covered_units": [world.unit_b.pk]}
    response = client.put(f"/api/emulation/movements/{movement.pk}", payload, content_type="application/json")
    assert response.status_code == 200 and response.json()["title"] == "Thi đua B"
    movements.launch_movement(world.officer, movement)
    refused = client.put(f"/api/emulation/movements/{movement.pk}", payload | {"title": "C"},
                         content_type="application/json")
    assert refused.status_code == 422 and "không sửa được nữa" in refused.content.decode()


# --- Point 1: irreversible acts on these pages ask first --------------------------------------------

def test_point1_submit_sign_and_set_deadline_ask_first(world):
    from .test_covenants import block_covenant

    open_period(world)
    page = login(world.clerk_a).get(url_of(world)).content.decode()
    assert 'id="submit-registration" data-confirm="Gửi đăng ký thi đua năm 2026 của Sở Tài chính' in page
    assert "emulation/registration.js" in page
    overview = login(world.officer).get("/thi-dua/dang-ky/?nam=2026").content.decode()
    assert 'id="period-form" data-confirm="Đặt hạn đăng ký thi đua?' in overview
    bw, covenant = block_covenant(world)
    detail = login(bw.clerks[0]).get(covenant.get_absolute_url()).content.decode()
    assert f"data-confirm=\"Ký giao ước “{covenant.title}” thay mặt {bw.units[0].name}?" in detail


# --- Point 12: hints where legal terms appear --------------------------------------------------------

def test_point12_movement_and_covenant_forms_explain_their_legal_terms(world):
    client = login(world.officer)
    assert "Chuyên đề (theo đợt): thi đua để đạt một mục tiêu cụ thể" in client.get(
        "/thi-dua/phong-trao/moi/").content.decode()
    assert "Giao ước thi đua: cam kết bằng văn bản" in client.get("/thi-dua/giao-uoc/moi/").content.decode()
    assert "Đăng ký thi đua: đơn vị nêu những danh hiệu" in login(world.clerk_a).get(url_of(world)).content.decode()
