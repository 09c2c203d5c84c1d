"""Account pages: the administrator's users (list, create, change, temporary password, unlock),
everyone's own password, and API tokens (own ones; an administrator sees all)."""
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash, views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from tdkt.core.choices import Role
from tdkt.core.fetch import MAX_ID, require
from tdkt.core.forms import run_service, style
from tdkt.core.models import AuditEvent

from . import services
from .forms import AccountCreateForm, AccountEditForm, TemporaryPasswordForm, TokenForm

User = get_user_model()
PAGE_SIZE = 50


def _account(pk: int):
    if not (1 <= pk <= MAX_ID):
        raise Http404("Không tìm thấy tài khoản.")
    return get_object_or_404(User.objects.select_related("profile", "profile__unit"), pk=pk)


def _form_page(request, form, title, cancel_url, **extra):
    return render(request, "core/form.html", {"form": form, "title": title, "cancel_url": cancel_url, **extra})


@login_required
@require(services.is_admin, services.MSG_ADMIN_ONLY)
def users(request):
    q = (request.GET.get("q") or "").strip()[:100]
    role = request.GET.get("vai_tro") or ""
    state = request.GET.get("trang_thai") or ""
    qs = User.objects.select_related("profile", "profile__unit").order_by("username")
    if q:
        qs = qs.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(email__icontains=q)
                       | Q(profile__unit__name__icontains=q) | Q(profile__unit__code__iexact=q))
    if role in Role.values:
        qs = qs.filter(profile__role=role)
    if state == "khoa":
        qs = qs.filter(is_active=False)
    elif state == "hoat-dong":
        qs = qs.filter(is_active=True)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "accounts/users.html", {"page": page, "q": q, "role": role, "state": state,
                                                   "roles": Role.choices, "total": page.paginator.count})


@login_required
@require_http_methods(["GET", "POST"])
@require(services.is_admin, services.MSG_ADMIN_ONLY)
def user_create(request):
    form = AccountCreateForm(request.POST or None, user=request.user,
                             initial={"role": Role.CLERK, "unit": request.GET.get("don_vi")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        data.pop("password2")
        user = run_service(form, services.create_account, request.user, **data)
        if user:
            messages.success(request, f"Đã tạo tài khoản {user.username}. Người dùng phải đổi mật khẩu tạm thời "
                                      "ở lần đăng nhập đầu tiên.")
            return redirect("accounts:user", pk=user.pk)
    return _form_page(request, form, "Thêm tài khoản", reverse("accounts:users"), submit="Tạo tài khoản")


@login_required
@require_http_methods(["GET", "POST"])
@require(services.is_admin, services.MSG_ADMIN_ONLY)
def user_detail(request, pk):
    account = _account(pk)
    p = services.profile(account)
    form = AccountEditForm(request.POST or None, user=request.user, initial={
        "full_name": account.first_name, "email": account.email, "role": p.role, "unit": p.unit_id,
        "title": p.title, "is_active": account.is_active})
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.update_account, request.user, account, **form.cleaned_data):
            messages.success(request, f"Đã lưu tài khoản {account.username}.")
            return redirect("accounts:user", pk=account.pk)
    events = AuditEvent.objects.filter(model="auth.user", object_id=str(account.pk)).select_related("actor")[:30]
    return render(request, "accounts/user_detail.html", {
        "account": account, "profile": p, "form": form, "password_form": TemporaryPasswordForm(user=request.user),
        "locked": services.lock_state(account), "events": events,
        "tokens": services.tokens_visible_to(request.user).filter(user=account)[:20]})


@login_required
@require_http_methods(["GET", "POST"])
@require(services.is_admin, services.MSG_ADMIN_ONLY)
def user_password(request, pk):
    account = _account(pk)
    form = TemporaryPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if run_service(form, services.set_temporary_password, request.user, account, form.cleaned_data["password"]):
            messages.success(request, f"Đã đặt mật khẩu tạm thời cho {account.username}; người dùng phải đổi mật "
                                      "khẩu ở lần đăng nhập tới. Hãy báo mật khẩu qua kênh an toàn.")
            return redirect("accounts:user", pk=account.pk)
    return _form_page(request, form, f"Đặt mật khẩu tạm thời cho {account.username}",
                      reverse("accounts:user", args=[account.pk]), submit="Đặt mật khẩu tạm thời")


@login_required
@require_POST
@require(services.is_admin, services.MSG_ADMIN_ONLY)
def user_unlock(request, pk):
    account = _account(pk)
    services.unlock(request.user, account)
    messages.success(request, f"Đã mở khóa đăng nhập cho {account.username}.")
    return redirect("accounts:user", pk=account.pk)


@login_required
@require_http_methods(["GET", "POST"])
def password_change(request):
    form = PasswordChangeForm(request.user, request.POST or None)
    style(form)
    form.fields["old_password"].label = "Mật khẩu hiện tại"
    form.fields["new_password1"].label = "Mật khẩu mới"
    form.fields["new_password2"].label = "Nhập lại mật khẩu mới"
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        services.password_changed(user, note="tự đổi mật khẩu")
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("home")
    forced = bool(getattr(services.profile(request.user), "must_change_password", False))
    subtitle = ("Quản trị viên đã đặt cho bạn mật khẩu tạm thời: hãy đổi mật khẩu trước khi tiếp tục."
                if forced else "")
    return _form_page(request, form, "Đổi mật khẩu", reverse("home"), submit="Đổi mật khẩu", subtitle=subtitle)


# --- API tokens -----------------------------------------------------------------------------------

@login_required
def tokens(request):
    qs = services.tokens_visible_to(request.user)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "accounts/tokens.html", {"page": page, "is_admin": services.is_admin(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def token_create(request):
    form = TokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        issued = run_service(form, services.issue_token, request.user, owner=data.get("owner") or request.user,
                             name=data["name"], days=data["days"])
        if issued:
            token, raw = issued
            # The secret is shown on this answer only: it is not stored and not put in the session.
            response = render(request, "accounts/token_issued.html", {"token": token, "raw": raw})
            response["Cache-Control"] = "no-store"
            return response
    return _form_page(request, form, "Cấp khóa API", reverse("accounts:tokens"), submit="Cấp khóa")


@login_required
@require_POST
def token_revoke(request, pk):
    if not (1 <= pk <= MAX_ID):
        raise Http404("Không tìm thấy khóa API.")
    token = get_object_or_404(services.tokens_visible_to(request.user), pk=pk)
    services.revoke_token(request.user, token)
    messages.success(request, f"Đã thu hồi khóa “{token.name}”.")
    return redirect("accounts:tokens")


# --- Self-service reset by e-mail (Django's views; the mail goes through send_mail, so EMAIL_* apply) ---

class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["email"].label = "Thư điện tử của tài khoản"
        form.fields["email"].error_messages.update({"invalid": "Thư điện tử: địa chỉ không hợp lệ.",
                                                    "required": "Thư điện tử: không được để trống."})
        style(form)
        return form

    def form_valid(self, form):
        self.from_email = settings.TDKT_PASSWORD_RESET_FROM
        # The link names the site's public address when one is configured, never the Host header a
        # requester chose (a forged Host would otherwise send the victim a link to the attacker).
        public = urlsplit(settings.TDKT_PUBLIC_URL or "")
        if public.netloc:
            self.extra_email_context = {"domain": public.netloc, "site_name": public.netloc,
                                        "protocol": public.scheme or "https"}
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["new_password1"].label = "Mật khẩu mới"
        form.fields["new_password2"].label = "Nhập lại mật khẩu mới"
        style(form)
        return form

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_changed(form.user, note="đặt lại qua liên kết gửi thư")
        return response
