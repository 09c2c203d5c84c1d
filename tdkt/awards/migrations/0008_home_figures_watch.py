"""Triggers that keep the tokens of the tables the home page's yearly figures are counted from
(tdkt.core.datacache): award records, ratings and the award catalogue."""
from django.db import migrations

from tdkt.core.datacache import watch

WATCHED = ("awards_awardrecord", "awards_rating", "awards_awardtype")


class Migration(migrations.Migration):

    dependencies = [
        ("awards", "0007_decision_number_unique_per_body"),
        ("core", "0008_data_version"),
    ]

    operations = [watch(*WATCHED)]
