"""Admissions, conversions and organisations graded are counted from the Party-building records
(khoi.party, through khoi.reporting.providers); what a unit typed for them has been ignored since.
Take them off every form, so nobody is asked to type them, and switch off the cross-period rules
over their typed values (kept, inactive: the history of past submissions still has those values).

Reversible: the indicators go back on the standard form at their catalogue order, required, and
the rules are switched on again."""

from django.db import migrations

RECORD_COUNTED = ("party_admissions", "party_conversions", "party_quality_assessed")
RULES = [f"{code.replace('_', '-')}-within-year" for code in RECORD_COUNTED]
STANDARD_FORM = "bao-cao-dinh-ky"


def take_off(apps, schema_editor):
    FormIndicator = apps.get_model("reporting", "FormIndicator")
    ValidationRule = apps.get_model("reporting", "ValidationRule")
    FormIndicator.objects.filter(indicator__code__in=RECORD_COUNTED).delete()
    ValidationRule.objects.filter(code__in=RULES).update(active=False)


def put_back(apps, schema_editor):
    FormIndicator = apps.get_model("reporting", "FormIndicator")
    Indicator = apps.get_model("reporting", "Indicator")
    ReportForm = apps.get_model("reporting", "ReportForm")
    ValidationRule = apps.get_model("reporting", "ValidationRule")
    form = ReportForm.objects.filter(code=STANDARD_FORM).first()
    if form is not None:
        for indicator in Indicator.objects.filter(code__in=RECORD_COUNTED):
            FormIndicator.objects.get_or_create(
                form=form, indicator=indicator, defaults={"order": indicator.order, "required": True}
            )
    ValidationRule.objects.filter(code__in=RULES).update(active=True)


class Migration(migrations.Migration):
    dependencies = [("reporting", "0010_indicator_versioned")]

    operations = [migrations.RunPython(take_off, put_back)]
