"""Two rules every signed-in request passes through.

- Idle timeout: a session with no request for TDKT_SESSION_IDLE_MINUTES ends; the next page goes
  to the login page with a message saying so (the API answers 401 as for any anonymous call).
- A user whose password an administrator set must change it before anything else.

Idleness is measured on the wall clock (timezone.now), not the business clock (tdkt.core.clock),
like the lock-out's cool-off and the tokens' lifetime: these are security timers, and a test that
moves the business calendar by days must not sign its users out.
"""
import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from tdkt.core.scope import profile_of

LAST_SEEN = "tdkt_last_seen"
# The timestamp is rewritten at most this often, so that a busy page does not save its session on
# every request.
TOUCH_EVERY = datetime.timedelta(seconds=60)
IDLE_PARAM = "het_phien"


def stamp(request, at=None) -> None:
    request.session[LAST_SEEN] = (at or timezone.now()).isoformat()


class AccountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and hasattr(request, "session"):
            answer = self.idle(request) or self.password_change(request)
            if answer is not None:
                return answer
        return self.get_response(request)

    def idle(self, request):
        now = timezone.now()
        seen = request.session.get(LAST_SEEN)
        limit = datetime.timedelta(minutes=settings.TDKT_SESSION_IDLE_MINUTES)
        if seen is not None:
            try:
                last = datetime.datetime.fromisoformat(seen)
            except (TypeError, ValueError):
                last = None
            if last is None or now - last > limit:
                request.tdkt_idle_logout = True
                logout(request)
                if request.path.startswith("/api/"):
                    return None
                query = {IDLE_PARAM: "1"}
                if request.method == "GET":
                    query["next"] = request.get_full_path()
                return redirect(f"{reverse('login')}?{urlencode(query)}")
            if now - last < TOUCH_EVERY:
                return None
        stamp(request, now)
        return None

    def password_change(self, request):
        profile = profile_of(request.user)
        if profile is None or not profile.must_change_password:
            return None
        allowed = {reverse("accounts:password_change"), reverse("logout")}
        if request.path in allowed or request.path.startswith(settings.STATIC_URL) or request.path.startswith("/api/"):
            return None
        return redirect("accounts:password_change")
