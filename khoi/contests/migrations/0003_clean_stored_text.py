"""Stored text made as the forms, the API and the imports now make it: NFC, no control characters.

Reversible as a no-op (the original text is not kept). Rows whose clean text would collide with
a unique value are left as they were and printed.
"""

from django.db import migrations

from khoi.core.stored_text import clean_stored_text, report_skipped


def clean(apps, schema_editor):
    report_skipped(clean_stored_text(apps, "contests"))


class Migration(migrations.Migration):
    dependencies = [("contests", "0002_fewer_indexes_on_hot_tables")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
