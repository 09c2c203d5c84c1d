"""Scoring opened (to the member units) and the daily reminders of deadlines three days ahead
(registration, self-scoring, covenant values, end of disclosure), in the app and through a real
local SMTP server; a second run the same day (or the next) sends nothing again."""
import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured

from tdkt import cli, reminders
from tdkt.core import clock
from tdkt.dossiers.models import Dossier, Notification
from tdkt.dossiers.tests.factories import ready_dossier
from tdkt.emulation.choices import RegistrationStatus, ScoreStage
from tdkt.emulation.models import CovenantResult, Registration, RegistrationPeriod, Score
from tdkt.emulation.reminders import covenant_deadline
from tdkt.emulation.services import covenants, scoring
from tdkt.emulation.tests.factories import make_block

pytestmark = pytest.mark.django_db


def subject(message) -> str:
    return " ".join(str(message["Subject"]).split())


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def give_addresses(users):
    for i, user in enumerate(users, 1):
        user.email = f"vanthu{i}@hanam.gov.vn"
        user.save()


def test_scoring_opened_tells_every_member_unit(world, smtp_server, django_capture_on_commit_callbacks):
    bw = make_block(world, 3, open_scoring=False)
    give_addresses(bw.clerks)
    deadline = clock.today() + dt.timedelta(days=10)
    with django_capture_on_commit_callbacks(execute=True):
        scoring.open_scoring(world.officer, bw.block, self_score_deadline=deadline)
    assert {rcpt for rcpts, _ in smtp_server.messages for rcpt in rcpts} == {c.email for c in bw.clerks}
    message = smtp_server.to(bw.clerks[1].email)[0]
    assert subject(message) == f"[TĐKT] Mở chấm điểm thi đua: {bw.block}"
    assert body(message).startswith(f"Kính gửi {bw.units[1].name},")
    assert f"Hạn tự chấm điểm: hết ngày {deadline:%d/%m/%Y}." in body(message)
    assert f"https://thiduakhenthuong.hanam.gov.vn/thi-dua/khoi/{bw.block.pk}/" in body(message)
    assert Notification.objects.filter(unit__in=bw.units, link=bw.block.get_absolute_url()).count() == 3


@pytest.fixture
def deadlines(world, settings):
    """Four deadlines within three days and one further away, with some units already done."""
    today = clock.today()
    soon = today + dt.timedelta(days=3)
    bw = make_block(world, 3, year=soon.year, open_scoring=False)
    give_addresses(bw.clerks)
    world.officer.email = "banthiduakhenthuong@hanam.gov.vn"
    world.officer.save()
    scoring.open_scoring(world.officer, bw.block, self_score_deadline=today + dt.timedelta(days=2))
    # The first member has scored itself; the other two have not.
    Score.objects.create(block=bw.block, unit=bw.units[0], criterion=bw.block.template.criteria.first(),
                         stage=ScoreStage.SELF, scorer_unit=bw.units[0], points=Decimal("30"))
    # Registration due in three days; unit B has sent its registration, the block's members have not.
    RegistrationPeriod.objects.create(year=soon.year, deadline=soon)
    Registration.objects.create(unit=world.unit_b, year=soon.year, status=RegistrationStatus.SUBMITTED)
    # Covenant year-end values due tomorrow; the first party has recorded all of them.
    settings.TDKT_COVENANT_RESULT_DEADLINES = {"mid_year": (today + dt.timedelta(days=180)).strftime("%m-%d"),
                                               "year_end": (today + dt.timedelta(days=1)).strftime("%m-%d")}
    covenant = covenants.create_covenant(bw.clerks[0], kind="block", year=(today + dt.timedelta(days=1)).year,
                                         block=bw.block, title="Giao ước thi đua khối các sở",
                                         indicators=[{"name": "Giải ngân vốn đầu tư công", "unit_of_measure": "%",
                                                      "target": 95}])
    for unit, clerk in zip(bw.units, bw.clerks):
        covenants.sign(clerk, covenant, unit, f"Giám đốc {unit.name}")
    CovenantResult.objects.create(indicator=covenant.indicators.get(), party=covenant.parties.get(unit=bw.units[0]),
                                  period="year_end", actual=Decimal("96"))
    # A dossier whose disclosure ends in three days, another in five (not yet).
    ending = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    later = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")],
                           title="Sau")
    Dossier.objects.filter(pk=ending.pk).update(status="disclosure", disclosure_start=today, disclosure_end=soon)
    Dossier.objects.filter(pk=later.pk).update(status="disclosure", disclosure_start=today,
                                               disclosure_end=today + dt.timedelta(days=5))
    return bw, covenant, ending


def test_reminders_three_days_ahead_once(world, deadlines, smtp_server, django_capture_on_commit_callbacks):
    bw, covenant, ending = deadlines
    Notification.objects.all().delete()  # the "scoring opened" notices are another test's
    with django_capture_on_commit_callbacks(execute=True):
        counts = reminders.run()
    # Registration: every unit with a clerk account but unit B (sent): unit A and the block's three.
    assert counts == {"registration": 4, "self_scoring": 2, "covenant_values": 2, "disclosure_end": 1}
    mail = smtp_server.to(bw.clerks[1].email)
    assert {subject(m) for m in mail} == {
        f"[TĐKT] Nhắc hạn đăng ký thi đua năm {(clock.today() + dt.timedelta(days=3)).year}",
        f"[TĐKT] Nhắc hạn tự chấm điểm: {bw.block}",
        "[TĐKT] Nhắc hạn nhập kết quả giao ước: Giao ước thi đua khối các sở"}
    self_scoring = next(m for m in mail if "tự chấm" in subject(m))
    deadline = clock.today() + dt.timedelta(days=2)
    assert f"hết ngày {deadline:%d/%m/%Y} (còn 2 ngày)" in body(self_scoring)
    assert not any("tự chấm" in subject(m) for m in smtp_server.to(bw.clerks[0].email))
    assert not any("giao ước" in subject(m) for m in smtp_server.to(bw.clerks[0].email))
    [office] = smtp_server.to("banthiduakhenthuong@hanam.gov.vn")
    assert subject(office) == f"[TĐKT] Sắp hết thời gian công khai hồ sơ {ending.code}"
    assert "(còn 3 ngày)" in body(office) and f"/ho-so/{ending.pk}/" in body(office)
    # Unit A's clerk has no address: the registration reminder is in the app only.
    assert Notification.objects.filter(unit=world.unit_a, key__startswith="remind:registration").exists()
    assert not Notification.objects.filter(unit=world.unit_b).exists()

    sent, written = len(smtp_server.messages), Notification.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        assert sum(reminders.run().values()) == 0
        # The next day the same deadlines are still within three days: still nothing new.
        assert sum(reminders.run(clock.today() + dt.timedelta(days=1)).values()) == 0
    assert len(smtp_server.messages) == sent and Notification.objects.count() == written
    # Two days on, the other dossier's disclosure end comes within three days: that one only.
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders.run(clock.today() + dt.timedelta(days=2)) == {
            "registration": 0, "self_scoring": 0, "covenant_values": 0, "disclosure_end": 1}


def test_the_command_reports_what_it_sent(world, deadlines, capsys, settings):
    cli.main(["remind"])
    out = capsys.readouterr().out
    assert out.startswith("Đã gửi 9 nhắc hạn: hạn đăng ký thi đua 4, hạn tự chấm điểm 2")
    cli.main(["remind"])
    assert "Đã gửi 0 nhắc hạn (không có hạn nào" in capsys.readouterr().out
    with pytest.raises(SystemExit) as exc:
        cli.main(["remind", "--date", "31/02/2026"])
    assert exc.value.code == 2 and "--date phải là ngày dạng DD/MM/YYYY" in capsys.readouterr().err


def test_a_malformed_covenant_deadline_names_the_variable(settings):
    settings.TDKT_COVENANT_RESULT_DEADLINES = {"mid_year": "15/07", "year_end": "12-10"}
    with pytest.raises(ImproperlyConfigured, match="TDKT_COVENANT_RESULT_DEADLINES: hạn của kỳ “Sơ kết 6 tháng”"):
        covenant_deadline(2026, "mid_year")
    assert covenant_deadline(2026, "year_end") == dt.date(2026, 12, 10)
