"""The decision register's token (tdkt.core.datacache): the home page's recent decisions and the
year's count of them are cached until a decision changes."""
from django.db import migrations

from tdkt.core.datacache import watch


class Migration(migrations.Migration):

    dependencies = [("awards", "0010_award_subject_index")]

    operations = [watch("awards_decision")]
