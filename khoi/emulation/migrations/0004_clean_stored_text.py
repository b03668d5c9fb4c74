"""Stored text made clean (NFC, no control characters), people keyed and matched on their name.

Every person gets `name_key`. People of one unit (or organisation) with the same key and date of
birth are the one person the proposals now match: they are merged into the first recorded, with
their proposals and awards, unless two of their awards are the same form in the same year (then
both stay, and the pair is printed for staff to look at). Reversible as a no-op.
"""

from django.db import migrations
from django.db.models import Count

from khoi.core.stored_text import BATCH_SIZE, clean_stored_text, report_skipped
from khoi.core.text import name_key

BLANK_FIELDS = ("gender", "position")


def fill_name_keys(Person) -> None:
    last = 0
    while True:
        people = list(
            Person.objects.filter(pk__gt=last).order_by("pk").only("pk", "full_name", "name_key")[:BATCH_SIZE]
        )
        if not people:
            return
        last = people[-1].pk
        for person in people:
            person.name_key = name_key(person.full_name)
        Person.objects.bulk_update(people, ["name_key"])


def merge_same_people(apps) -> list[str]:
    """Merges the people the new matching sees as one; returns the pairs left apart."""
    Person = apps.get_model("emulation", "Person")
    Award = apps.get_model("emulation", "Award")
    ProposalItem = apps.get_model("emulation", "ProposalItem")
    left_apart: list[str] = []
    groups = (
        Person.objects.values("unit_id", "organisation_id", "name_key", "birth_date")
        .annotate(count=Count("id"))
        .filter(count__gt=1)
        .order_by()
    )
    for group in groups:
        people = list(
            Person.objects.filter(
                unit_id=group["unit_id"],
                organisation_id=group["organisation_id"],
                name_key=group["name_key"],
                birth_date=group["birth_date"],
            ).order_by("pk")
        )
        kept = people[0]
        for other in people[1:]:
            kept_awards = set(Award.objects.filter(person=kept).values_list("form_id", "year"))
            if kept_awards & set(Award.objects.filter(person=other).values_list("form_id", "year")):
                left_apart.append(f"emulation.Person #{kept.pk} and #{other.pk} ({kept.full_name})")
                continue
            Award.objects.filter(person=other).update(person=kept)
            ProposalItem.objects.filter(person=other).update(person=kept)
            for field in BLANK_FIELDS:
                if not getattr(kept, field) and getattr(other, field):
                    setattr(kept, field, getattr(other, field))
            kept.save(update_fields=list(BLANK_FIELDS))
            other.delete()
    return left_apart


def clean(apps, schema_editor):
    skipped = clean_stored_text(apps, "emulation")
    fill_name_keys(apps.get_model("emulation", "Person"))
    report_skipped(skipped)
    report_skipped(merge_same_people(apps), reason="people left apart (the same award twice in a year)")


class Migration(migrations.Migration):
    dependencies = [("emulation", "0003_person_name_key")]

    operations = [migrations.RunPython(clean, migrations.RunPython.noop, elidable=True)]
