from django.apps import AppConfig


class EmulationConfig(AppConfig):
    name = "tdkt.emulation"
    label = "emulation"
    verbose_name = "Tổ chức thi đua"

    def ready(self):
        # The rule engine reads a collective's place in its block through eligibility.standings.
        from tdkt.eligibility import standings

        from .services.ranking import block_standing

        standings.register_reader(block_standing)
