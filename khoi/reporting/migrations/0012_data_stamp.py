# What figures are counted from, watched by the data stamps (khoi.core.data_stamp):
# - the catalogue and the plans: any change changes both stamps;
# - the window store: any change changes the stamp of figures with submitted values; approved
#   figures follow the forms' statuses and values below, from which the store is derived in the
#   same transaction;
# - forms: a form that is or was approved changes the approved stamp; a change of status, or any
#   change to a form that counts (submitted or approved), changes the submitted stamp;
# - values: a value of an approved form changes both stamps, of a submitted form the submitted one.
#   A draft's values and a draft's saves change neither: reporters typing leave the leaders' pages
#   cached.

from django.db import migrations

from khoi.core.data_stamp import RowCondition, Stamp, watch_operation

COUNTS = "('approved', 'submitted')"


def _value_of(row: str, statuses: str) -> str:
    return f"EXISTS (SELECT 1 FROM reporting_submission s WHERE s.id = {row}.submission_id AND s.status IN {statuses})"


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_data_stamp"),
        ("reporting", "0011_record_counted_off_forms"),
    ]

    operations = [
        *(
            watch_operation(table=table)
            for table in ("reporting_indicator", "reporting_indicator_groups", "reporting_plan")
        ),
        watch_operation(table="reporting_windowvalue", stamps=[Stamp.SUBMITTED]),
        watch_operation(
            table="reporting_submission",
            rows={
                Stamp.APPROVED: RowCondition(
                    insert="NEW.status = 'approved'",
                    update="OLD.status = 'approved' OR NEW.status = 'approved'",
                    delete="OLD.status = 'approved'",
                ),
                Stamp.SUBMITTED: RowCondition(
                    insert=f"NEW.status IN {COUNTS}",
                    update=f"OLD.status <> NEW.status OR NEW.status IN {COUNTS}",
                    delete=f"OLD.status IN {COUNTS}",
                ),
            },
        ),
        watch_operation(
            table="reporting_indicatorvalue",
            rows={
                Stamp.APPROVED: RowCondition(
                    insert=_value_of("NEW", "('approved')"),
                    update=f"{_value_of('NEW', "('approved')")} OR {_value_of('OLD', "('approved')")}",
                    delete=_value_of("OLD", "('approved')"),
                ),
                Stamp.SUBMITTED: RowCondition(
                    insert=_value_of("NEW", COUNTS),
                    update=f"{_value_of('NEW', COUNTS)} OR {_value_of('OLD', COUNTS)}",
                    delete=_value_of("OLD", COUNTS),
                ),
            },
        ),
    ]
