"""Reads of the register. "The units of the bloc on date D" lives here and every report uses it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from khoi.core.text import search_key, vietnamese_sort_key

from .models import BASE_KINDS, Sector, Unit, UnitChange, UnitGroup, UnitKind, Zone


def active_on_filter(on_date: dt.date) -> Q:
    """Units that were members of the bloc on `on_date` (joined on or before, not yet left)."""
    return Q(joined_on__lte=on_date) & (Q(left_on__isnull=True) | Q(left_on__gt=on_date))


def unit_get_bloc() -> Unit | None:
    """The root of the tree (the bloc's Party committee), if the register has one."""
    return Unit.objects.filter(kind=UnitKind.BLOC).order_by("id").first()


def unit_list(*, queryset: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    base = queryset if queryset is not None else Unit.objects.all()
    return base.select_related("parent", "sector", "zone")


def unit_list_active_on(
    *,
    on_date: dt.date,
    kinds: Iterable[str] | None = BASE_KINDS,
    root: Unit | None = None,
    queryset: QuerySet[Unit] | None = None,
) -> QuerySet[Unit]:
    """The units of the bloc on a date: by default the base organisations (95 in 2021, 93 in 2024).

    `kinds=None` keeps every kind; `root` limits to a subtree (the root included).
    """
    units = (queryset if queryset is not None else Unit.objects.all()).filter(active_on_filter(on_date))
    if kinds is not None:
        units = units.filter(kind__in=list(kinds))
    if root is not None:
        units = units.filter(path__startswith=root.path)
    return units


def unit_subtree(*, root: Unit, include_root: bool = True) -> QuerySet[Unit]:
    units = Unit.objects.filter(path__startswith=root.path)
    return units if include_root else units.exclude(pk=root.pk)


def unit_ancestors(*, unit: Unit) -> list[Unit]:
    """From the root down to the unit's parent, in order."""
    ids = [int(part) for part in unit.path.strip("/").split("/") if part][:-1]
    by_id = Unit.objects.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


def unit_search(*, query: str, queryset: QuerySet[Unit] | None = None) -> QuerySet[Unit]:
    """Accent-insensitive search over name, short name, enterprise name and tax code.

    Every word must appear: "hai phong cang" finds "Cảng Hải Phòng".
    """
    units = queryset if queryset is not None else Unit.objects.all()
    for word in search_key(query).split():
        units = units.filter(search_text__contains=word)
    return units


def sort_vietnamese(units: Iterable[Unit]) -> list[Unit]:
    """Sort for reading: Vietnamese alphabetical order of the name (SQLite has no such collation)."""
    return sorted(units, key=lambda unit: vietnamese_sort_key(unit.name))


def unit_change_list(*, unit: Unit) -> QuerySet[UnitChange]:
    return UnitChange.objects.filter(unit=unit).select_related("changed_by")


def unit_group_list() -> QuerySet[UnitGroup]:
    return UnitGroup.objects.all()


def unit_group_member_ids(*, group: UnitGroup) -> set[int]:
    return set(group.members.values_list("id", flat=True))


def sector_list(*, level: int | None = None) -> QuerySet[Sector]:
    sectors = Sector.objects.select_related("parent")
    return sectors.filter(level=level) if level else sectors


def zone_list() -> QuerySet[Zone]:
    return Zone.objects.all()
