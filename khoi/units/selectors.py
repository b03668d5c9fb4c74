"""Reads of the register. "The units of the bloc on date D" lives here and every report uses it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Collate

from khoi.core.formatting import format_number, format_short_date
from khoi.core.text import search_key, vietnamese_sort_key

from .models import BASE_KINDS, Ownership, Sector, Unit, UnitChange, UnitGroup, UnitKind, Zone


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
    """Accent-insensitive search over name, short name, enterprise name, tax code and the unit's
    code (shown beside its name: "dv030" finds DV030).

    Every word must appear: "hai phong cang" finds "Cảng Hải Phòng".
    """
    units = queryset if queryset is not None else Unit.objects.all()
    for word in search_key(query).split():
        units = units.filter(Q(search_text__contains=word) | Q(code__icontains=word))
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


# ---- Pages and API: filtered lists, the tree, the history -----------------------------------


def unit_filter(
    *,
    queryset: QuerySet[Unit],
    as_of: dt.date | None = None,
    kind: str | None = None,
    ownership: str | None = None,
    sector: str | None = None,
    zone: int | None = None,
    group: str | None = None,
    query: str | None = None,
    root: Unit | None = None,
) -> QuerySet[Unit]:
    """The register narrowed by the filters people use on the tree page, the export and the API.

    `sector` is a VSIC code: a section letter ("K") keeps its divisions too. `group` is a group code.
    """
    units = queryset
    if as_of is not None:
        units = units.filter(active_on_filter(as_of))
    if kind:
        units = units.filter(kind=kind)
    if ownership:
        units = units.filter(ownership=ownership)
    if sector:
        units = units.filter(Q(sector__code=sector) | Q(sector__parent__code=sector))
    if zone:
        units = units.filter(zone_id=zone)
    if group:
        units = units.filter(groups__code=group)
    if root is not None:
        units = units.filter(path__startswith=root.path)
    if query:
        units = unit_search(query=query, queryset=units)
    return units


def unit_list_for_api(*, queryset: QuerySet[Unit], with_groups: bool = True) -> QuerySet[Unit]:
    """Everything a unit's API representation shows, in a constant number of queries. Without
    `with_groups`, the caller reads the group codes with `unit_group_codes` (a page of a thousand
    units: one plain query instead of a related manager and group objects per unit)."""
    units = queryset.select_related("parent", "sector", "zone").order_by("path")
    return units.prefetch_related("groups") if with_groups else units


def unit_group_codes(*, unit_ids: Iterable[int]) -> dict[int, list[str]]:
    """{unit id: its groups' codes, in the groups' order (by name)} in one query."""
    codes: dict[int, list[str]] = {}
    memberships = UnitGroup.members.through.objects.filter(unit_id__in=list(unit_ids))
    for unit_id, code in memberships.order_by("unitgroup__name", "unitgroup__code").values_list(
        "unit_id", "unitgroup__code"
    ):
        codes.setdefault(unit_id, []).append(code)
    return codes


def unit_kind_counts(*, queryset: QuerySet[Unit]) -> dict[str, int]:
    """How many units of each kind: {"base_committee": 36, ...} (one query)."""
    counts = {kind.value: 0 for kind in UnitKind}
    for row in queryset.order_by().values("kind").annotate(total=Count("id")):
        counts[row["kind"]] = row["total"]
    return counts


def unit_children_page(
    *, parent: Unit, as_of: dt.date | None, offset: int = 0, limit: int = 100
) -> tuple[list[Unit], int]:
    """One page of a unit's children in Vietnamese order, each with `child_count` (on `as_of`).

    Three queries whatever the number of children: ids and names to sort (SQLite has no
    Vietnamese collation), then the page with its counts.
    """
    children = Unit.objects.filter(parent=parent)
    if as_of is not None:
        children = children.filter(active_on_filter(as_of))
    page_ids, total = _vietnamese_page(children, offset=offset, limit=limit)
    grandchildren = Q()
    if as_of is not None:
        grandchildren = Q(children__joined_on__lte=as_of) & (
            Q(children__left_on__isnull=True) | Q(children__left_on__gt=as_of)
        )
    page = Unit.objects.filter(pk__in=page_ids).select_related("sector", "zone")
    page = page.annotate(child_count=Count("children", filter=grandchildren))
    by_id = {unit.pk: unit for unit in page}
    return [by_id[pk] for pk in page_ids if pk in by_id], total


# Names repeat from request to request: their sort keys are worth keeping (SQLite path).
_name_sort_key = lru_cache(maxsize=100_000)(vietnamese_sort_key)


def _vietnamese_page(units: QuerySet[Unit], *, offset: int, limit: int) -> tuple[list[int], int]:
    """Ids of one page of `units` in Vietnamese order of the name, and the total.

    PostgreSQL sorts with its ICU collation vi-VN-x-icu (two queries); SQLite has none, so the
    ids and names are read and sorted in Python with a cached key.
    """
    if connection.vendor == "postgresql":
        ordered = units.order_by(Collate("name", "vi-VN-x-icu"), "id")
        return list(ordered.values_list("id", flat=True)[offset : offset + limit]), units.count()
    names = list(units.values_list("id", "name"))
    names.sort(key=lambda row: _name_sort_key(row[1]))
    return [pk for pk, _name in names[offset : offset + limit]], len(names)


def unit_search_sorted(*, queryset: QuerySet[Unit], query: str, limit: int = 200) -> tuple[list[Unit], int]:
    """Search results in Vietnamese order of the name, with their parent: (first `limit`, total)."""
    matches = unit_search(query=query, queryset=queryset)
    ids, total = _vietnamese_page(matches, offset=0, limit=limit)
    by_id = Unit.objects.select_related("parent", "sector").in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id], total


@dataclass(frozen=True)
class ChangeLine:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True)
class ChangeEntry:
    change: UnitChange
    lines: list[ChangeLine]


def _audit_display(field: str, value: Any, names: dict[str, dict[int, str]]) -> str:
    if value is None or value == "":
        return "–"
    if field in names:
        return names[field].get(int(value), str(value))
    if field in ("joined_on", "left_on"):
        return format_short_date(dt.date.fromisoformat(str(value)))
    if field == "kind":
        return str(UnitKind(value).label) if value in UnitKind.values else str(value)
    if field == "ownership":
        return str(Ownership(value).label) if value in Ownership.values else str(value)
    if field == "registered_capital":
        return format_number(Decimal(str(value)), 2)
    return str(value)


def unit_history(*, unit: Unit) -> list[ChangeEntry]:
    """The unit's history, newest first, with field labels and readable old/new values.

    Sectors, zones and parents are stored as ids; their names are read in one query each.
    """
    changes = list(unit_change_list(unit=unit))
    wanted: dict[str, set[int]] = {"parent": set(), "sector": set(), "zone": set()}
    for change in changes:
        for field, pair in change.changes.items():
            if field in wanted:
                wanted[field].update(int(v) for v in pair if v not in (None, ""))
    names = {
        "parent": dict(Unit.objects.filter(pk__in=wanted["parent"]).values_list("id", "name")),
        "sector": {pk: str(s) for pk, s in Sector.objects.in_bulk(wanted["sector"]).items()},
        "zone": dict(Zone.objects.filter(pk__in=wanted["zone"]).values_list("id", "name")),
    }
    entries = []
    for change in changes:
        lines = []
        for field, pair in change.changes.items():
            try:
                label = str(getattr(Unit._meta.get_field(field), "verbose_name", field))
            except FieldDoesNotExist:
                label = field
            old, new = [*list(pair), None, None][:2]
            line = ChangeLine(field, label, _audit_display(field, old, names), _audit_display(field, new, names))
            if line.old != line.new:  # a creation lists only the fields it set
                lines.append(line)
        entries.append(ChangeEntry(change, lines))
    return entries


def unit_group_detail_members(*, group: UnitGroup, queryset: QuerySet[Unit]) -> list[Unit]:
    """A group's members the reader may see, in Vietnamese order."""
    return sort_vietnamese(queryset.filter(groups=group).select_related("parent"))


def unit_group_list_with_counts(*, visible: QuerySet[Unit]) -> QuerySet[UnitGroup]:
    """Groups with the number of their members the reader may see (one query)."""
    return UnitGroup.objects.annotate(
        member_count=Count("members", filter=Q(members__in=visible.values("pk")), distinct=True)
    ).order_by("name")


def zone_list_with_counts(*, on_date: dt.date) -> QuerySet[Zone]:
    active = Q(units__joined_on__lte=on_date) & (Q(units__left_on__isnull=True) | Q(units__left_on__gt=on_date))
    return Zone.objects.annotate(unit_count=Count("units", filter=active)).order_by("name")


def parent_choices(*, exclude: Unit | None = None) -> QuerySet[Unit]:
    """Units that may take children: the bloc and base committees still in the bloc."""
    units = Unit.objects.filter(kind__in=[UnitKind.BLOC, UnitKind.BASE_COMMITTEE], left_on__isnull=True)
    if exclude is not None:
        units = units.exclude(path__startswith=exclude.path)
    return units.order_by("path")


@dataclass(frozen=True)
class ImportContext:
    """What the register's Excel check needs to know about the database (no ORM objects)."""

    existing: dict[str, ExistingUnit]
    tax_codes: set[str]
    sectors: dict[str, int]
    zones: dict[str, int]
    has_bloc: bool


@dataclass(frozen=True)
class ExistingUnit:
    pk: int
    kind: str
    joined_on: dt.date
    left_on: dt.date | None


def register_import_context() -> ImportContext:
    """The codes, tax codes, sectors and zones already in the database, in four queries."""
    existing = {
        code: ExistingUnit(pk, kind, joined_on, left_on)
        for pk, code, kind, joined_on, left_on in Unit.objects.values_list("id", "code", "kind", "joined_on", "left_on")
    }
    return ImportContext(
        existing=existing,
        tax_codes=set(Unit.objects.exclude(tax_code="").values_list("tax_code", flat=True)),
        sectors=dict(Sector.objects.values_list("code", "id")),
        zones={search_key(name): pk for pk, name in Zone.objects.values_list("id", "name")},
        has_bloc=any(unit.kind == UnitKind.BLOC for unit in existing.values()),
    )
