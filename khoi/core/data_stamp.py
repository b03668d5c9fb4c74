"""Stamps of the data that official figures are counted from, so that a page of figures can be
kept in the cache until what it counts changes, and not a moment longer.

Two stamps (``Stamp``), each a random number rewritten whenever its data changes:
- ``APPROVED``: what figures of approved values count: the register, the catalogue, plans, the
  records other apps count, and approved values (a form approved or unlocked, an approved value
  corrected or imported). A reporter's draft or submission leaves it as it was, so the leaders'
  pages of approved figures stay cached through a deadline day's submissions.
- ``SUBMITTED``: what figures "with submitted values" count: all of the above, and every change
  of the window store or of a form's status.

Database triggers keep the stamps, not Python code, so that every way of writing (services, the
admin, bulk updates, raw SQL) changes them. Each app's migrations put the triggers on the tables
its figures are counted from (``watch_operation``; with a ``RowCondition`` where only some rows
count, as a draft's values do not), and the figure pages' tests check that every table a page
reads is watched. A restored backup brings back its stamps with its data (both are in the same
consistent copy), so what was cached under a stamp is still that data's.

A stamp is a random 62-bit number, not a counter: a rolled-back transaction leaves the stamp as it
was, and a new stamp is never an earlier one, so a page cached from data that was rolled back can
never be served again (in tests either, where every test's data is rolled back).

- PostgreSQL: a statement trigger marks the transaction (one row in ``core_datastampchange``, once
  per transaction and stamp); a deferred trigger on that row rewrites the stamp at commit. The
  stamp's row is locked only at the commit, not for the whole writing transaction: otherwise a
  bulk approval would hold every reporter's submit behind it, and two writers could deadlock on it.
- SQLite: row triggers rewrite the stamp directly (SQLite has one writer at a time anyway).

A reader reads the stamp first and the data after. A writer's data and its new stamp become
visible together, so a page cached under a stamp was computed from that stamp's data or newer,
never older. A transaction that has itself changed watched data does not use the cache at all:
others cannot see its data yet (``stamp_value`` returns None).
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import connection, migrations
from django.utils import timezone, translation

KEEP_SECONDS = 600  # a stamp's pages are dropped after this long, even if nothing changed


class Stamp(enum.StrEnum):
    APPROVED = "approved"
    SUBMITTED = "submitted"


ALL_STAMPS = (Stamp.APPROVED, Stamp.SUBMITTED)


# ---- reading -------------------------------------------------------------------------------------


def stamp_value(*, stamp: Stamp) -> int | None:
    """The stamp now; None when there is none (a database just flushed: nothing is written yet) or
    when this transaction has changed watched data others cannot see yet (PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT value, current_setting(%s, true) FROM core_datastamp WHERE name = %s",
                [_setting(stamp), str(stamp)],
            )
            row = cursor.fetchone()
            return None if row is None or row[1] == "marked" else int(row[0])
        cursor.execute("SELECT value FROM core_datastamp WHERE name = %s", [str(stamp)])
        row = cursor.fetchone()
        return None if row is None else int(row[0])


_MISSING = object()


def cached_by_stamp[T](*, stamp: Stamp, key: Iterable[object], compute: Callable[[], T]) -> T:
    """`compute()`, or its result kept in the shared cache from an earlier call with the same key
    while `stamp` has not changed. The key has the interface language and today's date in it too
    (labels are translated; "this year" moves)."""
    value = stamp_value(stamp=stamp)
    if value is None:
        return compute()
    parts = [str(stamp), str(value), translation.get_language() or "", timezone.localdate().isoformat(), *key]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    cache_key = f"figures:{digest}"
    found = cache.get(cache_key, _MISSING)
    if found is not _MISSING:
        return found
    result = compute()
    cache.set(cache_key, result, KEEP_SECONDS)
    return result


def _setting(stamp: Stamp) -> str:
    return f"khoi.stamp_{stamp}"


# ---- the triggers, for migrations -------------------------------------------------------------
# Each function returns (statements creating it, statements dropping it) for the database vendor;
# ``watch_operation`` runs them in a migration.

PG_FUNCTIONS = [
    """CREATE OR REPLACE FUNCTION khoi_stamp_mark(stamp text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('khoi.stamp_' || stamp, true) IS DISTINCT FROM 'marked' THEN
        PERFORM set_config('khoi.stamp_' || stamp, 'marked', true);
        INSERT INTO core_datastampchange (name) VALUES (stamp);
    END IF;
END $$""",
    """CREATE OR REPLACE FUNCTION khoi_stamp_statement() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    stamp text;
BEGIN
    FOREACH stamp IN ARRAY TG_ARGV LOOP
        PERFORM khoi_stamp_mark(stamp);
    END LOOP;
    RETURN NULL;
END $$""",
    """CREATE OR REPLACE FUNCTION khoi_stamp_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO core_datastamp (name, value) VALUES (NEW.name, floor(random() * 4.6e18)::bigint)
        ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value;
    DELETE FROM core_datastampchange WHERE id = NEW.id;
    RETURN NULL;
END $$""",
    """CREATE CONSTRAINT TRIGGER khoi_stamp_commit AFTER INSERT ON core_datastampchange
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION khoi_stamp_commit()""",
]

PG_FUNCTIONS_DROP = [
    "DROP TRIGGER IF EXISTS khoi_stamp_commit ON core_datastampchange",
    "DROP FUNCTION IF EXISTS khoi_stamp_commit()",
    "DROP FUNCTION IF EXISTS khoi_stamp_statement()",
    "DROP FUNCTION IF EXISTS khoi_stamp_mark(text)",
]

Statements = tuple[list[str], list[str]]


def _sqlite_rewrite(stamps: Iterable[Stamp]) -> str:
    return " ".join(
        f"INSERT INTO core_datastamp (name, value) VALUES ('{stamp}', abs(random() >> 2)) "  # noqa: S608  (an enum's value)
        "ON CONFLICT (name) DO UPDATE SET value = excluded.value;"
        for stamp in stamps
    )


def trigger_name(table: str) -> str:
    return f"khoi_stamp_{table}"


def watch_sql(*, vendor: str, table: str, stamps: Iterable[Stamp] = ALL_STAMPS) -> Statements:
    """A table any change of which changes `stamps`."""
    stamps = tuple(stamps)
    name = trigger_name(table)
    if vendor == "postgresql":
        args = ", ".join(f"'{stamp}'" for stamp in stamps)
        return (
            [
                f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION khoi_stamp_statement({args})"
            ],
            [f"DROP TRIGGER IF EXISTS {name} ON {table}"],
        )
    events = ("insert", "update", "delete")
    return (
        [
            f"CREATE TRIGGER {name}_{event} AFTER {event.upper()} ON {table} FOR EACH ROW "
            f"BEGIN {_sqlite_rewrite(stamps)} END"
            for event in events
        ],
        [f"DROP TRIGGER IF EXISTS {name}_{event}" for event in events],
    )


@dataclass(frozen=True)
class RowCondition:
    """When a row's change changes a stamp: SQL over NEW (insert), OLD and NEW (update), OLD
    (delete) that both databases understand; it may read other tables. None: never."""

    insert: str | None
    update: str | None
    delete: str | None


_EVENTS = (("INSERT", "insert"), ("UPDATE", "update"), ("DELETE", "delete"))


def watch_rows_sql(*, vendor: str, table: str, when: dict[Stamp, RowCondition]) -> Statements:
    """A table whose row changes change each stamp only when the stamp's condition holds
    (PostgreSQL: checked in a plpgsql function; SQLite: in each trigger's WHEN)."""
    name = trigger_name(table)
    if vendor == "postgresql":
        checks = "\n".join(
            f"    IF TG_OP = '{event}' AND ({sql}) THEN PERFORM khoi_stamp_mark('{stamp}'); END IF;"
            for stamp, condition in when.items()
            for event, field in _EVENTS
            if (sql := getattr(condition, field)) is not None
        )
        stamps = ", ".join(f"'{stamp}'" for stamp in when)
        return (
            [
                f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                f"BEGIN\n{checks}\n    RETURN NULL;\nEND $$",
                f"CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {name}()",
                f"CREATE TRIGGER {name}_truncate AFTER TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION khoi_stamp_statement({stamps})",
            ],
            [
                f"DROP TRIGGER IF EXISTS {name} ON {table}",
                f"DROP TRIGGER IF EXISTS {name}_truncate ON {table}",
                f"DROP FUNCTION IF EXISTS {name}()",
            ],
        )
    create: list[str] = []
    drop: list[str] = []
    for stamp, condition in when.items():
        for event, field in _EVENTS:
            sql = getattr(condition, field)
            if sql is None:
                continue
            trigger = f"{name}_{field}_{stamp}"
            create.append(
                f"CREATE TRIGGER {trigger} AFTER {event} ON {table} FOR EACH ROW "
                f"WHEN {sql} BEGIN {_sqlite_rewrite([stamp])} END"
            )
            drop.append(f"DROP TRIGGER IF EXISTS {trigger}")
    return create, drop


def _run(statements: list[str], schema_editor: Any) -> None:
    for statement in statements:
        schema_editor.execute(statement, params=None)


def functions_operation() -> migrations.RunPython:
    """The PostgreSQL functions every watched table's triggers call (nothing on SQLite)."""

    def forwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            _run(PG_FUNCTIONS, schema_editor)

    def backwards(apps: Any, schema_editor: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            _run(PG_FUNCTIONS_DROP, schema_editor)

    return migrations.RunPython(forwards, backwards, elidable=False)


def watch_operation(
    *, table: str, stamps: Iterable[Stamp] = ALL_STAMPS, rows: dict[Stamp, RowCondition] | None = None
) -> migrations.RunPython:
    """A migration operation putting the stamps' triggers on `table` (``watch_sql``, or
    ``watch_rows_sql`` when `rows` gives per-row conditions), for the database it runs on."""
    stamps = tuple(stamps)

    def statements(vendor: str) -> Statements:
        if rows is not None:
            return watch_rows_sql(vendor=vendor, table=table, when=rows)
        return watch_sql(vendor=vendor, table=table, stamps=stamps)

    def forwards(apps: Any, schema_editor: Any) -> None:
        _run(statements(schema_editor.connection.vendor)[0], schema_editor)

    def backwards(apps: Any, schema_editor: Any) -> None:
        _run(statements(schema_editor.connection.vendor)[1], schema_editor)

    return migrations.RunPython(forwards, backwards, elidable=False)


def watched_tables(*, stamp: Stamp) -> set[str]:
    """The tables that have a trigger changing `stamp`, read from the database's catalogue."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname, p.prosrc, t.tgargs FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "JOIN pg_proc p ON p.oid = t.tgfoid WHERE t.tgname LIKE 'khoi_stamp_%%' AND NOT t.tgisinternal"
            )
            return {
                table
                for table, source, args in cursor.fetchall()
                if f"'{stamp}'" in source or str(stamp).encode() in bytes(args)
            }
        cursor.execute("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'khoi_stamp_%'")
        return {table for table, sql in cursor.fetchall() if f"'{stamp}'" in sql}
