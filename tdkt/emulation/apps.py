from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "tdkt.emulation"
    label = "emulation"
    verbose_name = "Tổ chức thi đua"
