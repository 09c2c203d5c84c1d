"""Pages for registrations, movements and key tasks through HTTP."""
import datetime as dt

import pytest

from tdkt.core import clock
from tdkt.dossiers.tests.factories import award
from tdkt.emulation.models import KeyTask, Movement, Registration
from tdkt.emulation.services import movements, registrations
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def test_officer_sets_the_deadline_and_a_clerk_registers_and_submits(world):
    officer = login(world.officer)
    deadline = (clock.today() + dt.timedelta(days=5)).strftime("%d/%m/%Y")
    officer.post("/thi-dua/dang-ky/", {"year": 2026, "deadline": deadline, "note": "Công văn 12/SNV-TĐKT"})
    client = login(world.clerk_a)
    page = client.get("/thi-dua/dang-ky/?nam=2026").content.decode()
    assert f"Hạn đăng ký: {deadline}" in page and f"/thi-dua/dang-ky/{world.unit_a.pk}/2026/" in page
    url = f"/thi-dua/dang-ky/{world.unit_a.pk}/2026/"
    form = client.get(url).content.decode()
    assert "Nguyễn Văn Đức" in form
    client.post(url, {"commitments": "Hoàn thành xuất sắc nhiệm vụ", "unit_titles": [award("TTLDXS").pk],
                      "shown": [world.person_a.pk], "individual": [f"{world.person_a.pk}:{award('CSTD_CS').pk}"],
                      "submit": "1"})
    reg = Registration.objects.get()
    assert reg.status == "submitted" and reg.items.count() == 2
    overview = officer.get("/thi-dua/dang-ky/?nam=2026").content.decode()
    assert "Chiến sĩ thi đua cơ sở" in overview and "Sở Tài chính" in overview
    assert login(world.clerk_b).get(url).status_code == 404
    clock.travel(6)
    late = client.post(url, {"unit_titles": [award("TTLDTT").pk]}, follow=True).content.decode()
    assert "Đã quá hạn đăng ký thi đua năm 2026" in late
    assert list(reg.items.values_list("award_type__code", flat=True).order_by("award_type__code")) == [
        "CSTD_CS", "TTLDXS"]
    assert registrations.rollup(2026)[0]["award"].code in {"CSTD_CS", "TTLDXS"}


def test_movement_from_draft_to_thematic_dossier_through_the_pages(world):
    client = login(world.officer)
    year = clock.today().year
    response = client.post("/thi-dua/phong-trao/moi/", {
        "title": "Cả nước chung tay vì người nghèo", "kind": "thematic", "launching_unit": world.province.pk,
        "theme": "Không để ai bị bỏ lại phía sau", "motto": "Đoàn kết, sẻ chia", "contents": "Hỗ trợ nhà ở\n\nVay vốn",
        "period_kind": "multi_year", "start_year": year, "end_year": year + 4,
        "covered_units": [world.unit_a.pk, world.commune.pk]})
    movement = Movement.objects.get()
    assert response.status_code == 302 and movement.contents == ["Hỗ trợ nhà ở", "Vay vốn"]
    assert login(world.clerk_a).get(movement.get_absolute_url()).status_code == 404   # not launched yet
    client.post(movement.get_absolute_url(), {"action": "launch"})
    page = login(world.clerk_a).get(movement.get_absolute_url()).content.decode()
    assert "Không để ai bị bỏ lại phía sau" in page and 'id="launch"' not in page
    assert login(world.clerk_a).post(movement.get_absolute_url(), {"action": "launch"}).status_code == 404
    client.post(movement.get_absolute_url(), {"action": "review", "kind": "final",
                                              "held_on": clock.today().strftime("%d/%m/%Y"), "results": "Đạt"})
    review = movement.reviews.get()
    response = client.post(movement.get_absolute_url(), {"action": "dossier", "review": review.pk})
    assert response.status_code == 302 and response["Location"].startswith("/ho-so/")
    assert movements.movements_for(world.clerk_a).count() == 0   # closed after the final review


def test_key_tasks_page(world):
    client = login(world.clerk_a)
    url = f"/thi-dua/nhiem-vu/{world.unit_a.pk}/2026/"
    data = {f"title_{i}": f"Nhiệm vụ {i}" for i in range(1, 11)}
    bad = client.post(url, data, follow=True).content.decode()
    assert "Phải chọn đúng một nhiệm vụ đột phá (đang chọn 0)." in bad and not KeyTask.objects.exists()
    assert 'value="Nhiệm vụ 7"' in bad   # what was typed is kept
    client.post(url, {**data, "flagship": "3", "status_3": "in_progress"})
    assert KeyTask.objects.count() == 10 and KeyTask.objects.get(is_flagship=True).status == "in_progress"
    assert login(world.clerk_b).get(url).status_code == 404


def test_registration_page_by_page_keeps_the_people_on_other_pages(world):
    from tdkt.core.services import system_actor
    from tdkt.org import services as org_services

    registrations.set_period(world.officer, year=2026, deadline=clock.today() + dt.timedelta(days=5))
    people = [org_services.create_person(system_actor(), world.unit_a, full_name=f"Trần Văn Người {i:03d}",
                                         gender="male", birth_date=dt.date(1980, 1, 1)) for i in range(105)]
    last = people[-1]
    registrations.save_registration(world.clerk_a, world.unit_a, 2026, individuals=[(last, award("LDTT"))])
    client = login(world.clerk_a)
    url = f"/thi-dua/dang-ky/{world.unit_a.pk}/2026/"
    first = client.get(url).content.decode()
    assert "Trang 1/2" in first and last.full_name not in first
    # Save page 1 with one more person: the person on page 2 keeps the registration.
    on_page = [p for p in people if p.full_name in first]
    client.post(url, {"shown": [p.pk for p in on_page], "individual": [f"{on_page[0].pk}:{award('CSTD_CS').pk}"]})
    reg = Registration.objects.get()
    assert set(reg.items.values_list("person__full_name", "award_type__code")) == {
        (last.full_name, "LDTT"), (on_page[0].full_name, "CSTD_CS")}
    # Only the registered, and a search by name; unticking on that view removes just that person.
    registered = client.get(url + "?da_dang_ky=1").content.decode()
    assert last.full_name in registered and on_page[1].full_name not in registered
    assert "2 cá nhân đã đăng ký" in registered
    found = client.get(url + "?q=Người 104").content.decode()
    ldtt = award("LDTT")
    assert f'value="{last.pk}:{ldtt.pk}" aria-label="{last.full_name}: {ldtt.name}" checked' in found
    client.post(url + "?q=Người 104", {"shown": [last.pk]})
    assert list(reg.items.values_list("person__full_name", flat=True)) == [on_page[0].full_name]
