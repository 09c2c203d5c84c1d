"""Reminders of the emulation deadlines, sent by the daily job (`tdkt remind`) through the notice
service of the dossiers app, once per deadline and unit (the notice's key):

- registration (RegistrationPeriod.deadline): units with a clerk account that have not sent theirs;
- self-scoring (Block.self_score_deadline, block open for scoring): member units with no self score;
- covenant values (settings TDKT_COVENANT_RESULT_DEADLINES, month-day of the covenant's year, for
  the mid-year and the year-end review): committing parties of a signed covenant that have not
  recorded a value for every indicator of that review.
"""
from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from tdkt.dossiers import notices
from tdkt.dossiers.models import Notification

from .choices import BlockStatus, CovenantStatus, RegistrationStatus, ResultPeriod, ScoreStage
from .models import Block, Covenant, CovenantResult, Registration, RegistrationPeriod, Score


def remind_registration(today: dt.date) -> list[Notification]:
    start, end = notices.reminder_window(today)
    written = []
    for period in RegistrationPeriod.objects.filter(deadline__range=(start, end)):
        sent = set(Registration.objects.filter(year=period.year, status=RegistrationStatus.SUBMITTED)
                   .values_list("unit_id", flat=True))
        for unit_id in sorted(notices.units_with_clerks() - sent):
            written += notices.notify(
                subject=f"Nhắc hạn đăng ký thi đua năm {period.year}",
                message=f"Hạn gửi đăng ký thi đua năm {period.year} {notices.days_left(period.deadline, today)}. "
                        "Đơn vị chưa gửi đăng ký trên hệ thống.",
                units=[unit_id], link=reverse("emulation:registration", args=[unit_id, period.year]),
                key=f"remind:registration:{period.year}:{period.deadline.isoformat()}")
    return written


def remind_self_scoring(today: dt.date) -> list[Notification]:
    start, end = notices.reminder_window(today)
    written = []
    for block in Block.objects.filter(status=BlockStatus.SCORING, self_score_deadline__range=(start, end)):
        scored = set(Score.objects.filter(block=block, stage=ScoreStage.SELF, is_current=True)
                     .values_list("unit_id", flat=True))
        waiting = [m.unit_id for m in block.members.all() if m.unit_id not in scored]
        written += notices.notify(
            subject=f"Nhắc hạn tự chấm điểm: {block}",
            message=f"Hạn tự chấm điểm thi đua của {block} {notices.days_left(block.self_score_deadline, today)}. "
                    "Đơn vị chưa tự chấm điểm trên hệ thống.",
            units=waiting, link=block.get_absolute_url(),
            key=f"remind:self-score:{block.pk}:{block.self_score_deadline.isoformat()}")
    return written


def covenant_deadline(year: int, period: str) -> dt.date:
    """The day the values of a review are due, from TDKT_COVENANT_RESULT_DEADLINES ("07-15")."""
    raw = str(settings.TDKT_COVENANT_RESULT_DEADLINES.get(period, ""))
    match = re.fullmatch(r"(\d{1,2})-(\d{1,2})", raw)
    try:
        return dt.date(year, int(match[1]), int(match[2]))
    except (TypeError, ValueError):
        raise ImproperlyConfigured(
            f"Biến môi trường TDKT_COVENANT_RESULT_DEADLINES: hạn của kỳ “{ResultPeriod(period).label}” phải là "
            "tháng-ngày, "
            f"ví dụ \"07-15\" (đang là {raw!r}).") from None


def remind_covenant_values(today: dt.date) -> list[Notification]:
    start, end = notices.reminder_window(today)
    written = []
    for period in ResultPeriod:
        for year in {start.year, end.year}:
            deadline = covenant_deadline(year, period)
            if not start <= deadline <= end:
                continue
            for covenant in Covenant.objects.filter(year=year, status=CovenantStatus.SIGNED):
                indicators = covenant.indicators.count()
                waiting = [party.unit_id for party in covenant.parties.filter(commits=True)
                           if CovenantResult.objects.filter(party=party, period=period).count() < indicators]
                written += notices.notify(
                    subject=f"Nhắc hạn nhập kết quả giao ước: {covenant.title}",
                    message=f"Hạn nhập kết quả thực hiện các chỉ tiêu giao ước “{covenant.title}” kỳ "
                            f"{period.label.lower()} {notices.days_left(deadline, today)}. "
                            "Đơn vị chưa nhập đủ kết quả trên hệ thống.",
                    units=waiting, link=covenant.get_absolute_url(),
                    key=f"remind:covenant:{covenant.pk}:{period.value}:{deadline.isoformat()}")
    return written


def remind(today: dt.date) -> dict[str, int]:
    """Every emulation reminder due today; the number of notices written by kind."""
    return {"registration": len(remind_registration(today)), "self_scoring": len(remind_self_scoring(today)),
            "covenant_values": len(remind_covenant_values(today))}
