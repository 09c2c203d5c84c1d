"""Triggers that keep the tokens of the tables the home page's yearly figures are counted from
(tdkt.core.datacache): award records, ratings and the award catalogue."""
from django.db import migrations

from tdkt.core.datacache import watch

WATCHED = ("awards_awardrecord", "awards_rating", "awards_awardtype")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0004_commendation_kinds_2026"),
        ("core", "0004_data_version"),
    ]

    operations = [watch(*WATCHED)]
