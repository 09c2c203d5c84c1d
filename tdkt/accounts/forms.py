"""Forms of the account pages: field checks here, rules (roles, units, last administrator) in services."""
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model

from tdkt.core.choices import Role
from tdkt.core.forms import StyledForm
from tdkt.core.widgets import SearchSelect, unit_context
from tdkt.org.models import Unit

MSG_MISMATCH = "Nhập lại mật khẩu: không khớp với mật khẩu mới."


def _units():
    return Unit.objects.active().select_related("parent").order_by("path")


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, unit):
        return f"{'— ' * max(unit.path.count('/') - 2, 0)}{unit.name} ({unit.code})"


class AccountFields(StyledForm):
    full_name = forms.CharField(label="Họ và tên", max_length=150)
    email = forms.EmailField(label="Thư điện tử", required=False,
                             help_text="Để nhận thư đặt lại mật khẩu khi quên.",
                             error_messages={"invalid": "Thư điện tử: địa chỉ không hợp lệ."})
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    unit = UnitChoiceField(label="Đơn vị", queryset=Unit.objects.none(), required=False,
                           widget=SearchSelect(describe=unit_context),
                           empty_label="(không gắn đơn vị)",
                           help_text="Bắt buộc với cán bộ TĐKT đơn vị: tài khoản chỉ làm việc trên đơn vị này "
                                     "và các đơn vị trực thuộc.",
                           error_messages={"invalid_choice": "Đơn vị: không có trong danh sách."})
    title = forms.CharField(label="Chức danh", max_length=200, required=False)

    def add_fields(self, user):
        self.fields["unit"].queryset = _units()
        self.fields["role"].error_messages["invalid_choice"] = "Vai trò: không hợp lệ."


class PasswordPair(forms.Form):
    """Two password fields that must agree; the validators run in the service, against the user."""

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", MSG_MISMATCH)
        return data


def password_fields(label="Mật khẩu tạm thời"):
    return (forms.CharField(label=label, widget=forms.PasswordInput(render_value=False), strip=False,
                            help_text=f"Ít nhất {min_length()} ký tự, không toàn số, không quá giống tên đăng "
                                      "nhập và không phải mật khẩu phổ biến. Người dùng phải đổi ở lần đăng nhập tới."),
            forms.CharField(label="Nhập lại mật khẩu", widget=forms.PasswordInput(render_value=False), strip=False))


def min_length() -> int:
    for v in settings.AUTH_PASSWORD_VALIDATORS:
        if "MinimumLength" in v["NAME"]:
            return v.get("OPTIONS", {}).get("min_length", 8)
    return 8


class AccountCreateForm(PasswordPair, AccountFields):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)

    field_order = ["username", "full_name", "email", "role", "unit", "title", "password", "password2"]

    def add_fields(self, user):
        super().add_fields(user)
        self.fields["password"], self.fields["password2"] = password_fields()
        self.order_fields(self.field_order)


class AccountEditForm(AccountFields):
    is_active = forms.BooleanField(label="Đang hoạt động (bỏ chọn để khóa tài khoản)", required=False)


class TemporaryPasswordForm(PasswordPair, StyledForm):
    def add_fields(self, user):
        self.fields["password"], self.fields["password2"] = password_fields()


class TokenForm(StyledForm):
    name = forms.CharField(label="Tên khóa", max_length=100, help_text="Ví dụ: tên hệ thống sẽ dùng khóa này.")
    days = forms.IntegerField(label="Thời hạn (ngày)", min_value=1, max_value=3650,
                              error_messages={"invalid": "Thời hạn (ngày): phải là số ngày.",
                                              "min_value": "Thời hạn (ngày): ít nhất 1 ngày.",
                                              "max_value": "Thời hạn (ngày): nhiều nhất 3650 ngày."})

    def add_fields(self, user):
        from .services import is_admin

        self.fields["days"].initial = settings.TDKT_API_TOKEN_DAYS
        if is_admin(user):
            self.fields["owner"] = forms.ModelChoiceField(
                label="Tài khoản dùng khóa",
                queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
                initial=user.pk, error_messages={"invalid_choice": "Tài khoản dùng khóa: không có trong danh sách."})
