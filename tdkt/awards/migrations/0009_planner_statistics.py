"""Fresh planner statistics after the list indexes (0003) on a database that already holds its
records: SQLite plans with what ANALYZE last recorded, and without figures for the new indexes it
walked a whole year in name order to find one unit's hundred records (0.4 s instead of 30 ms at a
million records). PostgreSQL's ANALYZE samples, so it is cheap there too."""
from django.db import migrations


def analyze(apps, schema_editor):
    schema_editor.execute("ANALYZE")


class Migration(migrations.Migration):

    dependencies = [("awards", "0008_home_figures_watch")]

    operations = [migrations.RunPython(analyze, migrations.RunPython.noop)]
