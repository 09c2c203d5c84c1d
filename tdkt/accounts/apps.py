from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "tdkt.accounts"
    verbose_name = "Tài khoản"

    def ready(self):
        from . import signals  # noqa: F401  (audit of logins, failed logins and logouts)
