# The Party-building indicators are counted from these records (khoi.party.selectors,
# indicator_unit_values): any change to them changes both data stamps (khoi.core.data_stamp).

from django.db import migrations

from khoi.core.data_stamp import watch_operation


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_data_stamp"),
        ("party", "0003_step_undo"),
    ]

    operations = [
        watch_operation(table=table)
        for table in ("party_person", "party_admissionstep", "party_decision", "party_grading")
    ]
