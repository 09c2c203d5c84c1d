"""The one notice service: a notice in the app and the same text by e-mail, to units and to persons.

- A **unit** reads its notices in the app (every account bound to the unit or above it in the tree);
  the e-mail goes to the active clerk accounts of the unit itself that have an address.
- A **person** is an account (a council member, an officer); a person without an account has no
  address in the register (the org model keeps none), so only accounts are told.
- **The office**: every active officer account (the administrators when the province has none).

The in-app notice is written inside the caller's transaction; the e-mail is queued after it commits
(`tdkt.core.mail.send_after_commit`). An account without an e-mail address still gets the in-app
notice. A notice with a `key` (a reminder) is given once per recipient: a second run of the daily
job finds it and sends nothing. Emulation (a layer above) uses this service for its events.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model

from tdkt.core.choices import Role
from tdkt.core.mail import SIGNATURE, absolute_url, send_after_commit
from tdkt.core.models import Profile
from tdkt.org.models import Unit

from .choices import DossierStatus
from .models import Dossier, Notification


def clerk_addresses(unit_id: int) -> list[str]:
    return list(Profile.objects.filter(unit_id=unit_id, role=Role.CLERK, user__is_active=True)
                .exclude(user__email="").values_list("user__email", flat=True))


def office_users() -> list:
    users = get_user_model().objects.filter(is_active=True)
    officers = list(users.filter(profile__role=Role.OFFICER))
    return officers or list(users.filter(profile__role=Role.ADMIN)) or list(users.filter(is_superuser=True))


def display_name(user) -> str:
    return user.get_full_name() or user.username


def body_of(greeting: str, message: str, link: str) -> str:
    body = f"Kính gửi {greeting},\n\n{message}"
    if link:
        body += f"\n\nXem chi tiết: {absolute_url(link)}"
    return body + SIGNATURE


def notify(*, subject: str, message: str, units: Iterable[Unit | int] = (), users: Iterable = (),
           link: str = "", dossier: Dossier | None = None, key: str = "") -> list[Notification]:
    """Write a notice to each unit and each account, and queue its e-mail; with a `key`, skip the
    recipients that already have that notice. Returns the notices written."""
    link = link or (dossier.get_absolute_url() if dossier is not None else "")
    written = []
    unit_ids = list(dict.fromkeys(u if isinstance(u, int) else u.pk for u in units))
    names = dict(Unit.objects.filter(pk__in=unit_ids).values_list("pk", "name"))
    for unit_id in unit_ids:
        if key and Notification.objects.filter(key=key, unit_id=unit_id, user__isnull=True).exists():
            continue
        addresses = clerk_addresses(unit_id)
        written.append(Notification.objects.create(unit_id=unit_id, dossier=dossier, subject=subject, message=message,
                                                   link=link, key=key, emailed_to=", ".join(sorted(addresses))))
        send_after_commit(subject, body_of(names.get(unit_id, "đơn vị"), message, link), addresses)
    for user in dict.fromkeys(users):
        if key and Notification.objects.filter(key=key, user=user).exists():
            continue
        address = user.email.strip() if user.is_active else ""
        written.append(Notification.objects.create(user=user, dossier=dossier, subject=subject, message=message,
                                                   link=link, key=key, emailed_to=address))
        send_after_commit(subject, body_of(display_name(user), message, link), [address])
    return written


def notify_office(*, subject: str, message: str, link: str = "", dossier: Dossier | None = None,
                  key: str = "") -> list[Notification]:
    return notify(subject=subject, message=message, users=office_users(), link=link, dossier=dossier, key=key)


def voting_opened(session, members, n_items: int) -> list[Notification]:
    """Each member of a session is told that the secret ballot is open, with the link to the session
    page (where the ballot paper is); sent once per member and session."""
    from django.urls import reverse

    return notify(subject=f"Mở bỏ phiếu: {session.title}",
                  message=f"Phiên họp Hội đồng Thi đua – Khen thưởng “{session}” đã bắt đầu bỏ phiếu "
                          f"({n_items} đối tượng). Đề nghị đồng chí bỏ phiếu kín trên hệ thống; hồ sơ của từng "
                          "đối tượng mở được từ phiếu bầu.",
                  users=members, link=reverse("dossiers:session", args=[session.pk]),
                  key=f"session:open:{session.pk}")


# --- Reminders (the daily job `tdkt remind`) -----------------------------------------------------

def reminder_window(today: dt.date) -> tuple[dt.date, dt.date]:
    """Deadlines from today to TDKT_REMIND_DAYS days ahead are reminded of (once each: a day the job
    did not run is caught up the next day)."""
    return today, today + dt.timedelta(days=settings.TDKT_REMIND_DAYS)


def days_left(deadline: dt.date, today: dt.date) -> str:
    left = (deadline - today).days
    when = "hôm nay là ngày cuối" if left == 0 else f"còn {left} ngày"
    return f"hết ngày {deadline:%d/%m/%Y} ({when})"


def units_with_clerks() -> set[int]:
    """The units someone works for in the system (an active clerk account): reminders to fill in
    something go to them, not to every unit of the register."""
    return set(Profile.objects.filter(role=Role.CLERK, user__is_active=True, unit__isnull=False)
               .values_list("unit_id", flat=True))


def remind_disclosure_end(today: dt.date) -> list[Notification]:
    """Dossiers whose public disclosure ends within the window: the office handles the comments and
    prepares the decision."""
    start, end = reminder_window(today)
    written = []
    for dossier in Dossier.objects.filter(status=DossierStatus.DISCLOSURE, disclosure_end__range=(start, end)):
        pending = dossier.comments.filter(handled=False).count()
        written += notify_office(
            subject=f"Sắp hết thời gian công khai hồ sơ {dossier.code}",
            message=f"Thời gian công khai lấy ý kiến hồ sơ {dossier.code} ({dossier.title}) "
                    f"{days_left(dossier.disclosure_end, today)}. Ý kiến chưa xử lý: {pending}.",
            dossier=dossier, key=f"remind:disclosure:{dossier.pk}:{dossier.disclosure_end.isoformat()}")
    return written
