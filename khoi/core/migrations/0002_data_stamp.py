# The stamps of the data figures are counted from (khoi.core.data_stamp): their two tables, and
# on PostgreSQL the functions the apps' triggers call. The apps put the triggers on their tables.

from django.db import migrations, models

from khoi.core.data_stamp import functions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_export_job"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataStamp",
            fields=[
                ("name", models.CharField(max_length=20, primary_key=True, serialize=False)),
                ("value", models.BigIntegerField()),
            ],
            options={
                "verbose_name": "data stamp",
            },
        ),
        migrations.CreateModel(
            name="DataStampChange",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=20)),
            ],
            options={
                "verbose_name": "data stamp change",
            },
        ),
        functions_operation(),
    ]
