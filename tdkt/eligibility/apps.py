from django.apps import AppConfig


class Config(AppConfig):
    name = "tdkt.eligibility"
    label = "eligibility"
    verbose_name = "Điều kiện khen thưởng"
    default_auto_field = "django.db.models.BigAutoField"
