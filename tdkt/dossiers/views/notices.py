"""The in-app notifications of a user."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse

from tdkt.core.fetch import fetch

from .. import services
from ..models import Notification
from .common import PAGE_SIZE

# --- Notifications -----------------------------------------------------------------------------

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
    return render(request, "dossiers/notifications.html", {
        "page": Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang")), "unread_only": unread_only,
        "email": request.user.email.strip()})


@login_required
@fetch(Notification)
def notification_open(request, notification):
    """Open a notice: it is marked read and the user goes to the page it is about."""
    services.mark_read(request.user, notification)
    return redirect(notification.get_link() or reverse("dossiers:notifications"))


