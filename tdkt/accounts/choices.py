"""The typed audit actions of accounts, labelled in Vietnamese on the history tab."""
from django.db import models

from tdkt.core.choices import register_actions


@register_actions
class AccountAction(models.TextChoices):
    LOGIN_FAILED = "account.login_failed", "Đăng nhập thất bại"
    LOGOUT = "account.logout", "Đăng xuất"
    PASSWORD_CHANGE = "account.password_change", "Đổi mật khẩu"
    PASSWORD_RESET = "account.password_reset", "Đặt lại mật khẩu"
    DEACTIVATE = "account.deactivate", "Khóa tài khoản"
    ACTIVATE = "account.activate", "Mở lại tài khoản"
    UNLOCK = "account.unlock", "Mở khóa đăng nhập"
    TOKEN_CREATE = "token.create", "Cấp khóa API"
    TOKEN_REVOKE = "token.revoke", "Thu hồi khóa API"
