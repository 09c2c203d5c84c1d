"""Triggers that keep the tokens of people and units (tdkt.core.datacache): the home page's counts
of them are cached until they change."""
from django.db import migrations

from tdkt.core.datacache import watch


class Migration(migrations.Migration):

    dependencies = [
        ("org", "0004_area_flags_and_ethnicity"),
        ("core", "0008_data_version"),
    ]

    operations = [watch("org_person", "org_unit")]
