# Figures are counted over the register: any change to it changes both data stamps
# (khoi.core.data_stamp), so cached pages of figures are made anew.

from django.db import migrations

from khoi.core.data_stamp import watch_operation


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_data_stamp"),
        ("units", "0005_versioned_edits"),
    ]

    operations = [
        watch_operation(table=table)
        for table in ("units_unit", "units_sector", "units_zone", "units_unitgroup", "units_unitgroup_members")
    ]
