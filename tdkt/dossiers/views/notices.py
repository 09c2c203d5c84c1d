"""The in-app notifications of a user."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse

from tdkt.core.fetch import fetch

from .. import services
from ..models import Notification
from .common import PAGE_SIZE

# --- Notifications -----------------------------------------------------------------------------

# What a notice's link opens, by the page's URL name: the words of its button.
TARGETS = {
    "dossiers:detail": "Mở hồ sơ", "dossiers:ballot": "Mở phiên họp để bỏ phiếu", "dossiers:session": "Mở phiên họp",
    "dossiers:disclosure": "Mở trang công khai", "dossiers:signing_queue": "Mở danh sách chờ ký",
    "emulation:block": "Mở khối thi đua, chấm điểm", "emulation:registration": "Mở đăng ký thi đua",
    "emulation:covenant": "Mở giao ước thi đua", "emulation:movement": "Mở phong trào thi đua",
    "awards:decision": "Mở quyết định",
}


# Links to an address that only takes a form (the ballot is sent from the session's page): the
# page a reader opens instead.
OPENED_AS = {"dossiers:ballot": "dossiers:session"}


def _match(link: str):
    if not link:
        return None
    try:
        return resolve(link.split("?", 1)[0])
    except Resolver404:
        return None


def target_label(link: str) -> str:
    """The button's words for a notice's link ("Mở hồ sơ"); "" when the notice has no page."""
    match = _match(link)
    return TARGETS.get(match.view_name, "Mở trang liên quan") if match else ""


def target_url(link: str) -> str:
    """The page a notice's link opens ("" without one); a form's address opens the page that holds the form."""
    match = _match(link)
    if match is None:
        return ""
    if match.view_name in OPENED_AS:
        return reverse(OPENED_AS[match.view_name], kwargs=match.kwargs)
    return link


@login_required
def notification_list(request):
    """The notices the user reads (their own and their unit's), the unread ones marked; the e-mail
    address they also go to is shown, or that there is none."""
    qs = Notification.objects.visible_to(request.user).select_related("dossier", "unit", "user")
    if request.method == "POST":
        count = services.mark_read(request.user)
        messages.success(request, f"Đã đánh dấu {count} thông báo là đã đọc.")
        return redirect("dossiers:notifications")
    unread_only = request.GET.get("chua-doc") == "1"
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    for notice in page:
        notice.target = target_label(notice.get_link())
    return render(request, "dossiers/notifications.html", {
        "page": page, "unread_only": unread_only,
        "email": request.user.email.strip()})


@login_required
@fetch(Notification)
def notification_open(request, notification):
    """Open a notice: it is marked read and the user goes to the page it is about (a notice without a
    page, or whose page is gone, comes back to the list with a message)."""
    services.mark_read(request.user, notification)
    url = target_url(notification.get_link())
    if not url:
        messages.info(request, "Thông báo này không gắn với trang cụ thể; nội dung đầy đủ ở danh sách thông báo.")
        return redirect("dossiers:notifications")
    return redirect(url)


