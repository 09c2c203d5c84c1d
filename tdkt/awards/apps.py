from django.apps import AppConfig


class Config(AppConfig):
    name = "tdkt.awards"
    label = "awards"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The award history is a section of org's unit and person pages (org never imports awards).
        from tdkt.org import sections as org_sections

        from .sections import person_section, unit_section

        org_sections.register("unit", unit_section)
        org_sections.register("person", person_section)
