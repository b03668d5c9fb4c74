"""Writes to the register. Every change of a unit goes through one of these functions and is
recorded in its history (UnitChange) in the same transaction."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Concat, Substr
from django.utils.translation import gettext as _

from khoi.accounts.models import User
from khoi.core.versioning import save_if_current

from . import register_excel
from .models import ALLOWED_PARENT_KINDS, Sector, Unit, UnitChange, UnitChangeAction, UnitGroup, UnitKind, Zone
from .register_excel import CheckResult
from .selectors import register_import_context
from .signals import register_changed, units_left
from .validation import normalize_tax_code

# The profile fields a create/update may set; tree position and dates have their own services.
EDITABLE_FIELDS = (
    "code",
    "name",
    "short_name",
    "kind",
    "enterprise_name",
    "tax_code",
    "ownership",
    "sector",
    "zone",
    "address",
    "province",
    "registered_capital",
)

# What a unit's own reporter may change in its profile (pages and API alike). The code, the kind,
# the name of the Party organisation, its place in the tree and its dates are set by the
# committee's decisions, so only the Office and the Organisation Board change them.
REPORTER_EDITABLE_FIELDS = (
    "short_name",
    "enterprise_name",
    "tax_code",
    "ownership",
    "sector",
    "zone",
    "address",
    "province",
    "registered_capital",
)


def _as_audit_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, bool)):
        return value
    if isinstance(value, (dt.date, Decimal)):
        return str(value)
    return str(value)


def _snapshot(unit: Unit, fields: tuple[str, ...]) -> dict[str, Any]:
    snapshot = {}
    for field in fields:
        value = getattr(unit, f"{field}_id") if field in ("sector", "zone", "parent") else getattr(unit, field)
        snapshot[field] = _as_audit_value(value)
    return snapshot


def _diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {field: [before[field], after[field]] for field in before if before[field] != after[field]}


def _check_parent(*, kind: str, parent: Unit | None, joined_on: dt.date, unit: Unit | None = None) -> None:
    allowed = ALLOWED_PARENT_KINDS[kind]
    if not allowed:
        if parent is not None:
            raise ValidationError({"parent": _("The bloc is the root of the tree and has no parent.")})
        others = Unit.objects.filter(kind=UnitKind.BLOC)
        if unit is not None and unit.pk:
            others = others.exclude(pk=unit.pk)
        if others.exists():
            raise ValidationError({"kind": _("The register already has a bloc at its root.")})
        return
    if parent is None:
        raise ValidationError({"parent": _("This kind of unit needs a parent unit.")})
    if parent.kind not in allowed:
        raise ValidationError(
            {
                "parent": _("A %(kind)s cannot be placed under a %(parent_kind)s.")
                % {"kind": UnitKind(kind).label, "parent_kind": UnitKind(parent.kind).label}
            }
        )
    if parent.is_closed:
        raise ValidationError(
            {"parent": _("“%(parent)s” has left the bloc and cannot get new units.") % {"parent": parent.name}}
        )
    if unit is not None and unit.pk and parent.path.startswith(unit.path):
        raise ValidationError({"parent": _("A unit cannot be moved under itself or one of its own units.")})
    if parent.kind != UnitKind.BLOC and joined_on < parent.joined_on:
        raise ValidationError(
            {"joined_on": _("A unit cannot join before its parent unit (%(date)s).") % {"date": parent.joined_on}}
        )


def _set_path(unit: Unit) -> None:
    unit.path = f"{unit.parent.path if unit.parent else ''}{unit.pk}/"
    unit.depth = unit.parent.depth + 1 if unit.parent else 0


def _clean(unit: Unit) -> None:
    try:
        unit.tax_code = normalize_tax_code(unit.tax_code)
    except ValidationError as error:
        raise ValidationError({"tax_code": error.error_list}) from None
    if unit.tax_code:
        holder = Unit.objects.filter(tax_code=unit.tax_code).exclude(pk=unit.pk).first()
        if holder is not None:
            raise ValidationError(
                {
                    "tax_code": _("Tax code “%(value)s” already belongs to “%(unit)s”.")
                    % {"value": unit.tax_code, "unit": holder.name}
                }
            )
    unit.refresh_search_text()
    unit.full_clean(exclude=["path", "depth", "search_text"])


@transaction.atomic
def unit_create(
    *,
    actor: User | None,
    parent: Unit | None,
    joined_on: dt.date,
    fields: Mapping[str, Any],
    action: str = UnitChangeAction.CREATE,
) -> Unit:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable unit fields: {sorted(unknown)}")
    unit = Unit(parent=parent, joined_on=joined_on, **fields)
    _check_parent(kind=unit.kind, parent=parent, joined_on=joined_on)
    _clean(unit)
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    UnitChange.objects.create(
        unit=unit,
        action=action,
        changed_by=actor,
        changes={k: [None, v] for k, v in _snapshot(unit, (*EDITABLE_FIELDS, "parent", "joined_on")).items()},
    )
    return unit


@transaction.atomic
def unit_update(
    *, unit: Unit, actor: User | None, fields: Mapping[str, Any], expected_version: int | None = None
) -> Unit:
    """Edit a unit's profile. `expected_version` is the version the form was read at: if someone
    saved the unit since, nothing is written and the error names them."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not editable unit fields: {sorted(unknown)}")
    before = _snapshot(unit, EDITABLE_FIELDS)
    for name, value in fields.items():
        setattr(unit, name, value)
    if "kind" in fields and fields["kind"] != before["kind"]:
        _check_parent(kind=unit.kind, parent=unit.parent, joined_on=unit.joined_on, unit=unit)
        if unit.children.exists() and unit.kind != UnitKind.BASE_COMMITTEE and unit.kind != UnitKind.BLOC:
            raise ValidationError({"kind": _("A unit with subordinate cells must stay a base Party committee.")})
    _clean(unit)
    changes = _diff(before, _snapshot(unit, EDITABLE_FIELDS))
    if changes:
        save_if_current(unit, expected_version=expected_version, actor=actor)
        UnitChange.objects.create(unit=unit, action=UnitChangeAction.UPDATE, changed_by=actor, changes=changes)
    return unit


@transaction.atomic
def unit_move(*, unit: Unit, new_parent: Unit, actor: User | None) -> Unit:
    """Move a unit (and its whole subtree) under another parent."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.parent_id == new_parent.pk:
        return unit
    _check_parent(kind=unit.kind, parent=new_parent, joined_on=unit.joined_on, unit=unit)
    old_path, old_parent_id = unit.path, unit.parent_id
    unit.parent = new_parent
    _set_path(unit)
    depth_shift = unit.depth - old_path.count("/") + 1
    # Rewrite the prefix of every descendant's path in one statement.
    Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk).update(
        path=Concat(Value(unit.path), Substr("path", len(old_path) + 1)),
        depth=F("depth") + depth_shift,
    )
    unit.save(update_fields=["parent", "path", "depth", "updated_at"])
    UnitChange.objects.create(
        unit=unit, action=UnitChangeAction.MOVE, changed_by=actor, changes={"parent": [old_parent_id, new_parent.pk]}
    )
    return unit


@transaction.atomic
def unit_close(*, unit: Unit, left_on: dt.date, actor: User | None) -> Unit:
    """The unit leaves the bloc on `left_on`; its subordinate cells leave with it. History stays."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if unit.kind == UnitKind.BLOC:
        raise ValidationError({"left_on": _("The bloc itself cannot leave the register.")})
    if unit.is_closed:
        raise ValidationError({"left_on": _("This unit has already left the bloc.")})
    if left_on < unit.joined_on:
        raise ValidationError({"left_on": _("A unit cannot leave before the date it joined.")})
    leaving = list(Unit.objects.filter(path__startswith=unit.path, left_on__isnull=True).order_by("path"))
    for member in leaving:
        member.left_on = max(left_on, member.joined_on)
        member.save(update_fields=["left_on", "updated_at"])
        UnitChange.objects.create(
            unit=member,
            action=UnitChangeAction.CLOSE,
            changed_by=actor,
            changes={"left_on": [None, str(member.left_on)]},
        )
    units_left.send(sender=Unit, unit_ids=[member.pk for member in leaving], left_on=left_on, actor=actor)
    unit.refresh_from_db()
    return unit


@transaction.atomic
def unit_reopen(*, unit: Unit, actor: User | None) -> Unit:
    """Undo a departure recorded by mistake (the unit is a member again from its joining date)."""
    if not unit.is_closed:
        return unit
    if unit.parent and unit.parent.is_closed:
        raise ValidationError({"left_on": _("The parent unit has left the bloc; reopen it first.")})
    old = str(unit.left_on)
    unit.left_on = None
    unit.save(update_fields=["left_on", "updated_at"])
    UnitChange.objects.create(
        unit=unit, action=UnitChangeAction.REOPEN, changed_by=actor, changes={"left_on": [old, None]}
    )
    return unit


def unit_import(*, content: bytes, actor: User | None) -> list[Unit]:
    """Import a register workbook: every row checked again here, then all of it or nothing.

    The file is read before the transaction opens (reading a workbook is the slow part); the
    check runs inside it against the database as it is now (the preview the user saw may be
    stale). Any error raises ValidationError with the row errors and writes nothing. Units are
    inserted level by level (the bloc, base organisations, subordinate cells) in bulk, with their
    paths and an "imported" history entry each.
    """
    records, errors = register_excel.read_records(content)
    if errors:
        raise ValidationError(import_error_messages(CheckResult([], errors)))
    return _unit_import_records(records=records, actor=actor)


@transaction.atomic
def _unit_import_records(*, records: list[tuple[int, dict[str, Any]]], actor: User | None) -> list[Unit]:
    result = register_excel.check_rows(records, register_import_context())
    if not result.is_valid:
        raise ValidationError(import_error_messages(result))
    transaction.on_commit(lambda: register_changed.send(sender=Unit))
    parent_codes = {row.parent_code for row in result.rows if row.parent_code}
    by_code: dict[str, Unit] = {unit.code: unit for unit in Unit.objects.filter(code__in=parent_codes)}
    created: list[Unit] = []
    order = (UnitKind.BLOC, UnitKind.BASE_COMMITTEE, UnitKind.BASE_CELL, UnitKind.SUBORDINATE_CELL)
    for level in order:
        level_rows = [row for row in result.rows if row.kind == level]
        if not level_rows:
            continue
        units = []
        for row in level_rows:
            assert row.joined_on is not None  # a valid row has its date
            unit = Unit(
                code=row.code,
                name=row.name,
                short_name=row.short_name,
                kind=row.kind,
                parent=by_code[row.parent_code] if row.parent_code else None,
                enterprise_name=row.enterprise_name,
                tax_code=row.tax_code,
                ownership=row.ownership,
                sector_id=row.sector_id,
                zone_id=row.zone_id,
                address=row.address,
                province=row.province,
                registered_capital=row.registered_capital,
                joined_on=row.joined_on,
                left_on=row.left_on,
            )
            unit.refresh_search_text()
            units.append(unit)
        units = Unit.objects.bulk_create(units, batch_size=500)
        _set_new_paths(level)
        fresh = Unit.objects.in_bulk([unit.pk for unit in units])
        units = [fresh[unit.pk] for unit in units]
        by_code.update({unit.code: unit for unit in units})
        created.extend(units)
    history_fields = (*EDITABLE_FIELDS, "parent", "joined_on", "left_on")
    UnitChange.objects.bulk_create(
        [
            UnitChange(
                unit=unit,
                action=UnitChangeAction.IMPORT,
                changed_by=actor,
                changes={k: [None, v] for k, v in _snapshot(unit, history_fields).items() if v not in (None, "")},
            )
            for unit in created
        ],
        batch_size=500,
    )
    return created


def _set_new_paths(kind: str) -> None:
    """Paths of the units just inserted (path still empty): the parent's path + own id, in one UPDATE."""
    own = Concat(Cast("id", output_field=CharField()), Value("/"), output_field=CharField())
    new_units = Unit.objects.filter(kind=kind, path="")
    if kind == UnitKind.BLOC:
        new_units.update(path=own, depth=0)
        return
    parent = Unit.objects.filter(pk=OuterRef("parent_id"))
    new_units.update(
        path=Concat(Subquery(parent.values("path")[:1]), own, output_field=CharField()),
        depth=Subquery(parent.values("depth")[:1]) + 1,
    )


def import_error_messages(result: CheckResult) -> list[str]:
    """The row errors as sentences: "Dòng 7, Mã số thuế: …"."""
    messages = []
    for error in result.errors:
        if error.row and error.column:
            messages.append(
                _("Row %(row)s, %(column)s: %(message)s")
                % {"row": error.row, "column": error.column_label, "message": error.message}
            )
        elif error.row:
            messages.append(_("Row %(row)s: %(message)s") % {"row": error.row, "message": error.message})
        else:
            messages.append(error.message)
    return messages


@transaction.atomic
def unit_group_add_member(*, group: UnitGroup, unit: Unit) -> UnitGroup:
    if unit.kind == UnitKind.BLOC:
        raise ValidationError({"unit": _("The bloc itself cannot be a member of a group.")})
    if group.members.filter(pk=unit.pk).exists():
        raise ValidationError({"unit": _("“%(unit)s” is already in this group.") % {"unit": unit.name}})
    group.members.add(unit)
    return group


@transaction.atomic
def unit_group_remove_member(*, group: UnitGroup, unit: Unit) -> UnitGroup:
    group.members.remove(unit)
    return group


@transaction.atomic
def zone_create(*, name: str, kind: str, province: str = "") -> Zone:
    zone = Zone(name=name.strip(), kind=kind, province=province.strip())
    zone.full_clean()
    zone.save()
    return zone


VSIC_DATA = Path(__file__).resolve().parent / "data" / "vsic2018.json"


@transaction.atomic
def sector_load_vsic() -> int:
    """(Re)load the VSIC 2018 sections and divisions shipped in data/vsic2018.json; idempotent.

    Migration 0002 loads them; this puts them back where a test database was flushed (tests
    with transaction=True empty every table, data migrations included).
    """
    data = json.loads(VSIC_DATA.read_text(encoding="utf-8"))
    count = 0
    for section in data["sections"]:
        parent, _ = Sector.objects.update_or_create(
            code=section["code"], defaults={"name": section["name"], "level": 1, "parent": None}
        )
        count += 1
        for code, name in section["divisions"]:
            Sector.objects.update_or_create(code=code, defaults={"name": name, "level": 2, "parent": parent})
            count += 1
    return count
