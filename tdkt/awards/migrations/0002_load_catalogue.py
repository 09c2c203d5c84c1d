"""Loads the award catalogue (award-codes.md, legal-rules.md §7.3) into every database."""
from django.db import migrations


def forwards(apps, schema_editor):
    from tdkt.rules import catalogue

    catalogue.load(apps.get_model("awards", "AwardType"))


class Migration(migrations.Migration):
    dependencies = [("awards", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
