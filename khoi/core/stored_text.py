"""Cleaning the text already stored, for the data migrations of the apps that store user text.

`clean_stored_text(apps, "units")` runs `clean_text` over every text column of every
model of one app (a TextField keeps its line breaks, any other text field is one line), in
batches of primary keys, writing only the rows that change. A row whose clean text would break a
constraint (two names that become equal where a name is unique) is left as it was and reported:
the function returns one line per such row, and the migration prints them.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction

from .text import clean_text

BATCH_SIZE = 500


def _text_fields(model: Any) -> list[models.Field[Any, Any]]:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.primary_key
        and not isinstance(field, models.GeneratedField)
    ]


def _cleaned(row: Any, fields: list[models.Field[Any, Any]]) -> list[str]:
    changed = []
    for field in fields:
        value = getattr(row, field.attname)
        if isinstance(value, str):
            clean = clean_text(value, multiline=isinstance(field, models.TextField))
            if clean != value:
                setattr(row, field.attname, clean)
                changed.append(field.attname)
    return changed


def clean_model_text(model: Any, *, batch_size: int = BATCH_SIZE) -> list[str]:
    """Cleans one model's stored text; returns the rows left unchanged because of a constraint."""
    fields = _text_fields(model)
    if not fields:
        return []
    skipped: list[str] = []
    names = [field.attname for field in fields]
    last: Any = None
    while True:
        batch = model._default_manager.order_by("pk").only("pk", *names)
        if last is not None:
            batch = batch.filter(pk__gt=last)
        rows = list(batch[:batch_size])
        if not rows:
            return skipped
        last = rows[-1].pk
        changed = [(row, _cleaned(row, fields)) for row in rows]
        changed = [(row, columns) for row, columns in changed if columns]
        if not changed:
            continue
        try:
            with transaction.atomic():
                model._default_manager.bulk_update([row for row, _columns in changed], names)
        except IntegrityError:
            for row, columns in changed:  # one by one, to find the rows that collide
                try:
                    with transaction.atomic():
                        row.save(update_fields=columns)
                except IntegrityError:
                    skipped.append(f"{model._meta.label} #{row.pk}: {', '.join(columns)}")


def clean_stored_text(apps: Any, app_label: str, *, batch_size: int = BATCH_SIZE) -> list[str]:
    """Cleans the stored text of every model of an app (historical models, in a migration)."""
    skipped: list[str] = []
    for model in apps.get_app_config(app_label).get_models():
        skipped += clean_model_text(model, batch_size=batch_size)
    return skipped


def report_skipped(lines: list[str], *, reason: str = "text left as it was (its clean copy would collide)") -> None:
    """What a migration prints about the rows it left unchanged."""
    for line in lines:
        print(f"  {reason}: {line}")
