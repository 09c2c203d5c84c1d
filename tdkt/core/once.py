"""Forms that make something are sent once, even under a double click (issue 11, hardening).

Each rendered form carries a random one-time token (`{% form_once %}`, hidden field `_once`); the
browser also disables the submit button once sent (static/tdkt/tdkt.js). `OnceMiddleware` claims
the token before the view runs, by inserting it into `SubmittedForm` (unique): a second POST of the
same form — after the first, or at the same moment — cannot claim it, and is sent to what the first
POST made (the address it redirected to) with a note, instead of making a second person, unit,
award, dossier or nominee. A POST that did not succeed (the form shown again with its errors)
releases the token, so the corrected form can be sent.
"""
from __future__ import annotations

import datetime

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect, render

from . import clock

FIELD = "_once"
KEEP = datetime.timedelta(days=2)


class OnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = request.POST.get(FIELD, "") if request.method == "POST" and _is_form(request) else ""
        if not token or len(token) > 64:
            return self.get_response(request)
        from .models import SubmittedForm

        user = request.user if request.user.is_authenticated else None
        try:
            with transaction.atomic():
                claim = SubmittedForm.objects.create(token=token, user=user)
        except IntegrityError:
            return _already_sent(request, SubmittedForm.objects.filter(token=token).first())
        response = self.get_response(request)
        if response.status_code in (301, 302, 303) and response.get("Location"):
            SubmittedForm.objects.filter(pk=claim.pk).update(location=response["Location"][:500])
            SubmittedForm.objects.filter(created_at__lt=clock.now() - KEEP).delete()
        else:
            SubmittedForm.objects.filter(pk=claim.pk).delete()
        return response


def _is_form(request) -> bool:
    kind = request.content_type or ""
    return kind in ("application/x-www-form-urlencoded", "multipart/form-data")


def _already_sent(request, claim):
    if claim is not None and claim.location:
        messages.info(request, "Biểu mẫu này đã được gửi một lần; hệ thống không tạo thêm bản thứ hai.")
        return redirect(claim.location)
    return render(request, "core/refused.html", {"status": 409, "message": (
        "Biểu mẫu này đang được xử lý (có thể do bấm nút gửi hai lần). Xin chờ giây lát rồi tải lại trang.")},
        status=409)
