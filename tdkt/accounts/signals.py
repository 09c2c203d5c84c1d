"""Logins, failed logins and logouts are written to the audit log (AuditEvent on the user).

A failed login names the username tried (the user's row when it exists), the address it came
from, and whether the lock-out refused it before the password was even checked.
"""
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from tdkt.core.choices import AuditAction
from tdkt.core.limits import client_ip
from tdkt.core.models import AuditEvent

from .choices import AccountAction
from .middleware import stamp


def _over_http(request) -> bool:
    """A sign-in or sign-out made by a person through a page. Sessions opened in code (the test
    client's login and force_login, which build a bare HttpRequest with no method) are not events of
    the log, so that a test counting the audit rows of an action is not thrown by its own log-in."""
    return request is not None and request.method is not None


def _address(request) -> str:
    return (client_ip(request) or "") if request is not None else ""


def _note(request, text: str = "") -> str:
    address = _address(request)
    return "; ".join(x for x in (text, f"địa chỉ {address}" if address else "") if x)


@receiver(user_logged_in, dispatch_uid="tdkt.accounts.audit_login")
def audit_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        stamp(request)  # the idle time counts from the login, not from the first page after it
    if not _over_http(request):
        return
    AuditEvent.objects.create(actor=user, action=AuditAction.LOGIN, model="auth.user", object_id=str(user.pk),
                              object_repr=user.username, note=_note(request))


@receiver(user_logged_out, dispatch_uid="tdkt.accounts.audit_logout")
def audit_logout(sender, request, user, **kwargs):
    if user is None or not getattr(user, "pk", None) or not _over_http(request):
        return
    idle = getattr(request, "tdkt_idle_logout", False)
    AuditEvent.objects.create(actor=user, action=AccountAction.LOGOUT, model="auth.user", object_id=str(user.pk),
                              object_repr=user.username,
                              note=_note(request, "hết phiên do không hoạt động" if idle else ""))


@receiver(user_login_failed, dispatch_uid="tdkt.accounts.audit_login_failed")
def audit_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or "")[:150]
    user = get_user_model().objects.filter(username=username).first() if username else None
    locked = getattr(request, "tdkt_locked_out", False) or getattr(request, "axes_locked_out", False)
    AuditEvent.objects.create(actor=None, action=AccountAction.LOGIN_FAILED, model="auth.user",
                              object_id=str(user.pk) if user else "", object_repr=username or "(trống)",
                              note=_note(request, "tài khoản đang bị tạm khóa" if locked else "sai mật khẩu"
                                         if user else "không có tài khoản này"))
