"""On PostgreSQL, trigram GIN indexes make the diacritic-free name search (`LIKE '%…%'`) fast."""
from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS org_person_search_trgm ON org_person "
                          "USING gin (search_text gin_trgm_ops)")
    schema_editor.execute("CREATE INDEX IF NOT EXISTS org_unit_search_trgm ON org_unit "
                          "USING gin (search_text gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS org_person_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS org_unit_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
