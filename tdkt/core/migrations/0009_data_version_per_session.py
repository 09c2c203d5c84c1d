"""PostgreSQL: the data-version trigger writes one row per database session (tdkt.core.datacache),
so that concurrent writers never wait on, or deadlock over, a shared row."""
from django.db import migrations

from tdkt.core.datacache import replace_pg_function


class Migration(migrations.Migration):

    dependencies = [("core", "0008_data_version")]

    operations = [replace_pg_function()]
