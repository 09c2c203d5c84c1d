"""Limits on what a request may cost the server (issue 11, hardening).

- `UploadLimitMiddleware`: a request body larger than TDKT_MAX_UPLOAD_BYTES (plus room for the
  form's other fields) is answered 413 from its Content-Length, before a byte of it is read. Django
  reads a body only up to its Content-Length (a request without one has, for Django, no body), so
  the check bounds what any view can be made to read.
- `limit_anonymous_writes(action)`: anonymous POSTs (disclosure comments, verification uploads) are
  counted per client address and action in fixed windows, in the database (`RateBucket`), so the
  count holds across the several gunicorn worker processes (a per-process counter would allow
  workers × the limit; Django's DatabaseCache would do too, but its incr is a read then a write and
  undercounts under concurrent requests, while an UPDATE … SET count = count + 1 does not).
"""
from __future__ import annotations

import datetime
import functools
import ipaddress
import math

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.http import JsonResponse
from django.shortcuts import render

from . import clock

# Multipart boundaries, the CSRF token and the form's text fields around the file.
FORM_OVERHEAD_BYTES = 1024 * 1024


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB" if n >= 1024 * 1024 else f"{math.ceil(n / 1024)} KB"


def too_large_message() -> str:
    return (f"Dữ liệu gửi lên quá lớn: mỗi tệp tối đa {_megabytes(settings.TDKT_MAX_UPLOAD_BYTES)}. "
            "Hãy chọn tệp nhỏ hơn rồi gửi lại.")


class UploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.TDKT_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES:
            return refuse(request, 413, too_large_message())
        return self.get_response(request)


def refuse(request, status: int, message: str, *, retry_after: int | None = None):
    """A Vietnamese refusal: JSON for the API, a page otherwise (never reading the request's body)."""
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": message}, status=status)
    else:
        response = render(request, "core/refused.html", {"status": status, "message": message}, status=status)
    if retry_after:
        response["Retry-After"] = str(retry_after)
    return response


def client_ip(request) -> str | None:
    """The client's IP address: behind the reverse proxy the header it sets (TDKT_CLIENT_IP_HEADER,
    e.g. HTTP_X_REAL_IP; only a header the proxy overwrites), else REMOTE_ADDR; None when neither
    holds an address (a request made in code). The login lock-out counts by it (AXES_CLIENT_IP_CALLABLE)."""
    header = settings.TDKT_CLIENT_IP_HEADER
    candidates = [request.META.get(header, "").split(",")[0].strip()] if header else []
    for value in [*candidates, request.META.get("REMOTE_ADDR", "")]:
        try:
            return str(ipaddress.ip_address(value))
        except ValueError:
            continue
    return None


def client_address(request) -> str:
    """client_ip, or "?" when there is none (the key of a rate-limit bucket)."""
    return client_ip(request) or "?"


def hit(key: str, window: int) -> tuple[int, int]:
    """Count one request under `key` in the current window of `window` seconds; (count, seconds left)."""
    from .models import RateBucket

    now = clock.now()
    start = int(now.timestamp()) // window * window
    bucket_key = f"{key}:{start}"[:200]
    expires = datetime.datetime.fromtimestamp(start + window, tz=datetime.timezone.utc)
    with transaction.atomic():
        if not RateBucket.objects.filter(key=bucket_key).update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateBucket.objects.create(key=bucket_key, count=1, expires_at=expires)
                RateBucket.objects.filter(expires_at__lt=now).delete()  # old windows, once per new one
            except IntegrityError:  # another process created it first
                RateBucket.objects.filter(key=bucket_key).update(count=F("count") + 1)
        count = RateBucket.objects.filter(key=bucket_key).values_list("count", flat=True).get()
    return count, max(1, start + window - int(now.timestamp()))


def limit_anonymous_writes(action: str):
    """Refuse (429) an anonymous client's POSTs of `action` beyond TDKT_ANON_WRITES_PER_HOUR per hour."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and not request.user.is_authenticated:
                count, left = hit(f"anon:{action}:{client_address(request)}", 3600)
                if count > settings.TDKT_ANON_WRITES_PER_HOUR:
                    minutes = math.ceil(left / 60)
                    return refuse(request, 429, "Ông/bà đã gửi quá nhiều lần trong một thời gian ngắn. "
                                                f"Xin vui lòng thử lại sau khoảng {minutes} phút.", retry_after=left)
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
