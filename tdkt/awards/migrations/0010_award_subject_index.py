"""An index for an award with a kind of subject, and planner statistics that include it."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('awards', '0009_planner_statistics'),
        ('org', '0004_area_flags_and_ethnicity'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='awardrecord',
            index=models.Index(fields=['award_type', 'subject_kind', 'year', 'recipient_sort_key'], name='award_type_subject_year_name'),
        ),
        migrations.RunSQL("ANALYZE", migrations.RunSQL.noop),
    ]
