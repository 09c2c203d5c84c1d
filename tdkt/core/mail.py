"""E-mail: the background job that sends a notice's message, and absolute links into the site.

A notice is written in the app inside the transaction of the change it reports; its e-mail is queued
only once that transaction commits (`send_after_commit`), so a rolled-back change sends nothing, and
is sent by the worker (django-tasks), so a slow or unreachable mail server never holds up a page.
Each address gets its own message (the clerks of a unit do not see each other's addresses).
"""
from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django_tasks import task

SIGNATURE = ("\n\n—\nThư này được gửi tự động từ Hệ thống quản lý thi đua, khen thưởng. "
             "Vui lòng không trả lời thư này; mọi thông báo cũng được lưu tại mục “Thông báo” trong hệ thống.")


def absolute_url(path: str) -> str:
    """A link for a message read outside the site: TDKT_PUBLIC_URL (the site's public address) and the path."""
    if not path or path.startswith(("http://", "https://")):
        return path
    base = (settings.TDKT_PUBLIC_URL or "http://127.0.0.1:8000").rstrip("/")
    return base + (path if path.startswith("/") else "/" + path)


@task
def send_notice_mail(subject: str, body: str, recipients: list[str]) -> int:
    """Send one message per address through the configured backend (SMTP in production); the number sent."""
    messages = [EmailMessage(settings.EMAIL_SUBJECT_PREFIX + subject, body, settings.DEFAULT_FROM_EMAIL, [address])
                for address in recipients]
    with get_connection() as connection:
        return connection.send_messages(messages) or 0


def send_after_commit(subject: str, body: str, recipients: list[str]) -> None:
    """Queue the e-mail once the current transaction commits (at once outside a transaction)."""
    recipients = sorted({r.strip() for r in recipients if r and r.strip()})
    if recipients:
        transaction.on_commit(lambda: send_notice_mail.enqueue(subject, body, recipients))
