from django.apps import AppConfig


class Config(AppConfig):
    name = "tdkt.awards"
    label = "awards"
    default_auto_field = "django.db.models.BigAutoField"
