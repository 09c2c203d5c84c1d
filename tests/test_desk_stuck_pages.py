"""Point 9 of issue 12 (the desk's part): the timely-award page shows a default on first load, every
notification links to the page it is about (or says it has none), and the home page's "recent
decisions" follow the chosen year."""
import datetime as dt

import pytest
from django.urls import reverse

from tdkt.awards import services as award_services
from tdkt.core.services import system_actor
from tdkt.dossiers import notices
from tdkt.dossiers.models import Notification
from tdkt.dossiers.tests.factories import ready_dossier
from tdkt.eligibility.batch import run_batch, start_run
from tdkt.testing import login

pytestmark = pytest.mark.django_db


def test_point9_the_timely_page_is_not_blank_before_filtering_and_says_what_to_do(world):
    response = login(world.clerk_a).get("/khen-thuong-kip-thoi/")
    assert response.status_code == 200
    criteria = response.context["criteria"]
    assert criteria is not None and criteria.award == "CSTD_CS"
    text = response.content.decode()
    assert 'id="timely-default"' in text
    assert 'id="timely-no-run"' in text and "Đề nghị Ban Thi đua – Khen thưởng tỉnh chạy xét" in text
    officer = login(world.officer).get("/khen-thuong-kip-thoi/").content.decode()
    assert f"Xét lại toàn tỉnh năm {criteria.year}" in officer


def test_point9_the_timely_page_opens_on_the_latest_run_in_the_users_scope(world):
    award_services.set_rating(system_actor(), person=world.person_a, year=2025, level="good")
    award_services.set_rating(system_actor(), person=world.person_b, year=2025, level="good")
    run_batch(start_run(world.officer, 2025), workers=1)
    client = login(world.clerk_a)
    first = client.get("/khen-thuong-kip-thoi/")
    assert first.context["criteria"].year == 2025
    ldtt = client.get("/khen-thuong-kip-thoi/", {"award": "LDTT", "year": 2025}).content.decode()
    assert "Nguyễn Văn Đức" in ldtt and "Nguyễn Thị Ánh" not in ldtt  # unit B is outside clerk A's scope
    # the second page of the default list keeps the default criteria
    assert client.get("/khen-thuong-kip-thoi/", {"page": 2}).context["criteria"].year == 2025


def test_point9_every_notification_links_to_its_page_or_says_it_has_none(world):
    officer = world.officer
    dossier = ready_dossier(world.clerk_a, world.unit_a, [])
    decision = award_services.create_decision(officer, number="5/QĐ-UBND", signed_on=dt.date(2025, 3, 2),
                                              authority="province_chair", issuer_name="UBND tỉnh Hà Nam")
    kinds = {
        "Hồ sơ": (dict(dossier=dossier), "Mở hồ sơ", dossier.get_absolute_url()),
        "Bỏ phiếu": (dict(link=reverse("dossiers:ballot", args=[1])), "Mở phiên họp để bỏ phiếu",
                     "/hoi-dong/1/"),  # the ballot's address only takes the form: the session's page holds it
        "Chấm điểm": (dict(link=reverse("emulation:block", args=[1])), "Mở khối thi đua, chấm điểm", "/thi-dua/khoi/1/"),
        "Hạn đăng ký": (dict(link=reverse("emulation:registration", args=[world.unit_a.pk, 2026])),
                        "Mở đăng ký thi đua", f"/thi-dua/dang-ky/{world.unit_a.pk}/2026/"),
        "Quyết định": (dict(link=decision.get_absolute_url()), "Mở quyết định", decision.get_absolute_url()),
    }
    for subject, (target, _, _) in kinds.items():
        notices.notify(subject=subject, message=f"Thông báo {subject}", users=[officer], **target)
    bare = Notification.objects.create(user=officer, subject="Không có trang", message="Thông báo chung")
    client = login(officer)
    text = client.get("/thong-bao/").content.decode()
    for subject, (_, label, url) in kinds.items():
        notice = Notification.objects.get(subject=subject)
        assert f'href="/thong-bao/{notice.pk}/">{label}</a>' in text
        opened = client.get(f"/thong-bao/{notice.pk}/")
        assert opened.status_code == 302 and opened["Location"] == url
    assert "Thông báo này không gắn với trang cụ thể." in text
    opened = client.get(f"/thong-bao/{bare.pk}/", follow=True)
    assert opened.redirect_chain[-1][0] == "/thong-bao/"
    assert "không gắn với trang cụ thể" in opened.content.decode()


def test_point9_recent_decisions_on_the_home_page_follow_the_chosen_year(world):
    for number, day in (("1/QĐ-UBND", dt.date(2023, 5, 4)), ("2/QĐ-UBND", dt.date(2024, 6, 7))):
        award_services.create_decision(world.officer, number=number, signed_on=day, authority="province_chair",
                                       issuer_name="UBND tỉnh Hà Nam")
    client = login(world.officer)
    for year, number in ((2023, "1/QĐ-UBND"), (2024, "2/QĐ-UBND")):
        response = client.get("/", {"nam": year})
        assert [d.number for d in response.context["recent_decisions"]] == [number]
        assert f"Quyết định gần đây năm {year}" in response.content.decode()
