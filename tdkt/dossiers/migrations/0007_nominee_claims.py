from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("dossiers", "0006_nominee_order_by_column"),
    ]

    operations = [
        migrations.AddField(
            model_name="nominee",
            name="claims",
            field=models.JSONField(blank=True, default=list, verbose_name="căn cứ đề nghị"),
        ),
    ]
