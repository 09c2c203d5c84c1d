from django.db import migrations, models


class Migration(migrations.Migration):
    """A number is unique within its issuing body for the year (Nghị định 30/2020/NĐ-CP Điều 15)."""

    dependencies = [
        ("awards", "0006_merge_issuer_spellings"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="decision",
            constraint=models.UniqueConstraint(condition=models.Q(("number", ""), _negated=True),
                                               fields=("body", "year", "number"), name="decision_body_number_unique"),
        ),
    ]
