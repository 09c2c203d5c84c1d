"""The daily reminder job: deadlines falling within TDKT_REMIND_DAYS days (3 by default) are told
once to whoever must act (`tdkt remind`, run each morning by a systemd timer or cron, or enqueued as
the `daily_reminders` task). Each reminder is a notice with a key, so a second run the same day, or
the next day, sends nothing again.

- registration, self-scoring and covenant values: tdkt.emulation.reminders (to the units);
- end of public disclosure: tdkt.dossiers.notices.remind_disclosure_end (to the office).
"""
from __future__ import annotations

import datetime as dt

from django.db import transaction
from django_tasks import task

from tdkt.core import clock
from tdkt.dossiers.notices import remind_disclosure_end
from tdkt.emulation.reminders import remind

LABELS = {"registration": "hạn đăng ký thi đua", "self_scoring": "hạn tự chấm điểm",
          "covenant_values": "hạn nhập kết quả giao ước", "disclosure_end": "hết thời gian công khai"}


def run(today: dt.date | None = None) -> dict[str, int]:
    """Write the reminders due on `today` (by default the province's today) in one transaction; their
    e-mails are queued once it commits. The number of notices written by kind."""
    today = today or clock.today()
    with transaction.atomic():
        counts = remind(today)
        counts["disclosure_end"] = len(remind_disclosure_end(today))
    return counts


@task
def daily_reminders() -> dict[str, int]:
    return run()
