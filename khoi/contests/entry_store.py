"""The entry's storage on the hot paths: start, read by token, read and save answers, close. One round
trip each.

A big contest's evening is thousands of these per minute, so on PostgreSQL each is one fixed
statement sent with server-side binding, which psycopg prepares once it has run a few times on
the (persistent) connection (settings: PG_PREPARE_THRESHOLD): the database then neither parses
nor plans it again. A write is one statement in its own transaction (one commit, no BEGIN/COMMIT
round trips). The statements also settle the races themselves:
answers are only written to an entry that is still open, under a row lock, so an autosave racing
a submit can never change an answer after the score was taken from it.

Other databases (SQLite on a laptop) run the same steps through the ORM inside a transaction;
SQLite serialises writers, which gives the same guarantees. The tests run both.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from typing import Any

from django.db import OperationalError, connection, transaction

from .models import Answer, Entry

# The columns SELECT_ENTRY reads, in its order, which must be the model's field order
# (Model.from_db fills the fields it is given in that order).
ENTRY_FIELDS = (
    "id",
    "round_id",
    "name",
    "token",
    "draw",
    "prediction",
    "started_at",
    "deadline_at",
    "submitted_at",
    "finished_by",
    "score",
    "time_taken_ms",
    "receipt_code",
)
CLOSE_FIELDS = ("submitted_at", "finished_by", "score", "time_taken_ms", "receipt_code")

SELECT_ENTRY = """
SELECT id, round_id, name, token, draw, prediction, started_at, deadline_at, submitted_at, finished_by, score,
       time_taken_ms, receipt_code
FROM contests_entry WHERE token = %s
"""

# Answers go in only while the entry is open and before its deadline. FOR SHARE waits for a
# submit that holds the row and then sees it closed; autosaves of one entry don't block each other.
SAVE_ANSWERS = """
WITH open_entry AS (
    SELECT id FROM contests_entry
    WHERE id = %s AND submitted_at IS NULL AND deadline_at > %s
    FOR SHARE
)
INSERT INTO contests_answer (entry_id, question_id, choice, saved_at)
SELECT open_entry.id, answer.question_id, answer.choice, %s
FROM open_entry, unnest(%s::bigint[], %s::text[]) AS answer (question_id, choice)
ON CONFLICT (entry_id, question_id) DO UPDATE SET choice = EXCLUDED.choice, saved_at = EXCLUDED.saved_at
RETURNING entry_id
"""

# Closes the entry once (the conditional UPDATE) and, only if this statement closed it, stores
# the answers it was scored on. Returns 1 when closed here, 0 when it was closed before.
CLOSE_WITH_ANSWERS = """
WITH closed AS (
    UPDATE contests_entry
    SET submitted_at = %s, finished_by = %s, score = %s, time_taken_ms = %s, receipt_code = %s,
        prediction = COALESCE(%s::integer, prediction)
    WHERE id = %s AND submitted_at IS NULL
    RETURNING id
), saved AS (
    INSERT INTO contests_answer (entry_id, question_id, choice, saved_at)
    SELECT closed.id, answer.question_id, answer.choice, %s
    FROM closed, unnest(%s::bigint[], %s::text[]) AS answer (question_id, choice)
    ON CONFLICT (entry_id, question_id) DO UPDATE SET choice = EXCLUDED.choice, saved_at = EXCLUDED.saved_at
)
SELECT count(*) FROM closed
"""


def _prepared() -> bool:
    return connection.vendor == "postgresql"


@contextmanager
def _server_bound_cursor() -> Iterator[Any]:
    """A cursor on Django's own connection (so it joins any open transaction, is logged and wraps
    errors like Django's own) that binds on the server: psycopg then prepares a statement once it
    has run a few times on the connection (its prepare_threshold) and sends only the values."""
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    with connection.wrap_database_errors:  # Django's exceptions, as from its own cursors
        raw: Any = ServerBindingCursor(connection.connection)  # type: ignore[call-arg]  # stubs lag psycopg 3
    with connection.make_debug_cursor(raw) if connection.queries_logged else connection.make_cursor(raw) as cursor:
        yield cursor


INSERT_ENTRY = """
INSERT INTO contests_entry (round_id, name, phone, unit_id, other_unit, birth_year, token, draw, started_at,
                            deadline_at, finished_by)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s::jsonb, %s, %s, '')
RETURNING id
"""


def entry_insert(entry: Entry) -> Entry:
    """Stores a new entry (one statement, its own transaction); IntegrityError when its phone has
    already entered the round (the unique constraint decides, even for two requests at once)."""
    if not _prepared():
        with transaction.atomic():
            entry.save(force_insert=True)
        return entry
    params = (
        entry.round_id,
        entry.name,
        entry.phone,
        entry.unit_id,
        entry.other_unit,
        entry.birth_year,
        entry.token,
        json.dumps(entry.draw),
        entry.started_at,
        entry.deadline_at,
    )
    # Inside a caller's transaction a savepoint keeps a refused INSERT from spoiling the rest of it.
    with transaction.atomic() if connection.in_atomic_block else nullcontext(), _server_bound_cursor() as cursor:
        cursor.execute(INSERT_ENTRY, params)
        row = cursor.fetchone()
    entry.pk = row[0]
    entry._state.adding = False
    entry._state.db = connection.alias
    return entry


def _select_entry(token: str) -> tuple[Any, ...] | None:
    with _server_bound_cursor() as cursor:
        cursor.execute(SELECT_ENTRY, (token,))
        row: tuple[Any, ...] | None = cursor.fetchone()
    return row


def entry_by_token(token: str) -> Entry | None:
    """The entry the participant's token opens, with the fields the hot paths use."""
    if not token or len(token) > 32:
        return None
    if not _prepared():
        return Entry.objects.filter(token=token).only(*ENTRY_FIELDS).first()
    try:
        row = _select_entry(token)
    except OperationalError:
        # These cursors skip Django's per-request "SELECT 1" health check (a round trip saved on
        # every autosave and submit). The read is the first statement of those requests, so a
        # connection PostgreSQL dropped (a restart) shows here: reconnect and read again.
        if connection.in_atomic_block:
            raise
        connection.close()
        row = _select_entry(token)
    if row is None:
        return None
    values = list(row)
    draw_index = ENTRY_FIELDS.index("draw")
    if isinstance(values[draw_index], str):  # Django reads jsonb as text and decodes it itself
        values[draw_index] = json.loads(values[draw_index])
    return Entry.from_db(connection.alias, ENTRY_FIELDS, values)


SELECT_ANSWERS = "SELECT question_id, choice FROM contests_answer WHERE entry_id = %s"


def answers_of(entry_id: int) -> dict[int, str]:
    """The entry's saved answers by question id (the question page reads them on every load)."""
    if not _prepared():
        return dict(Answer.objects.filter(entry_id=entry_id).values_list("question_id", "choice"))
    with _server_bound_cursor() as cursor:
        cursor.execute(SELECT_ANSWERS, (entry_id,))
        return dict(cursor.fetchall())


def answers_save(*, entry_id: int, answers: Mapping[int, str], now: dt.datetime) -> bool:
    """Upserts answers if the entry is open and `now` is before its deadline; False otherwise."""
    if not answers:
        return True
    if not _prepared():
        with transaction.atomic():
            if not Entry.objects.filter(pk=entry_id, submitted_at__isnull=True, deadline_at__gt=now).exists():
                return False
            _answers_upsert_orm(entry_id, answers, now)
        return True
    with _server_bound_cursor() as cursor:
        cursor.execute(SAVE_ANSWERS, (entry_id, now, now, list(answers), list(answers.values())))
        return cursor.fetchone() is not None


def entry_close(
    *, entry_id: int, fields: Mapping[str, Any], prediction: int | None, answers: Mapping[int, str], now: dt.datetime
) -> bool:
    """Closes an open entry with its score and receipt, storing the `answers` it was scored on
    in the same transaction. False when the entry had been closed already (nothing written)."""
    if not _prepared():
        with transaction.atomic():
            values = dict(fields)
            if prediction is not None:
                values["prediction"] = prediction
            if not Entry.objects.filter(pk=entry_id, submitted_at__isnull=True).update(**values):
                return False
            if answers:
                _answers_upsert_orm(entry_id, answers, now)
        return True
    params = [fields[name] for name in CLOSE_FIELDS]
    params += [prediction, entry_id, now, list(answers), list(answers.values())]
    with _server_bound_cursor() as cursor:
        cursor.execute(CLOSE_WITH_ANSWERS, params)
        row = cursor.fetchone()
    return bool(row and row[0])


def _answers_upsert_orm(entry_id: int, answers: Mapping[int, str], now: dt.datetime) -> None:
    Answer.objects.bulk_create(
        [Answer(entry_id=entry_id, question_id=qid, choice=choice, saved_at=now) for qid, choice in answers.items()],
        update_conflicts=True,
        unique_fields=["entry", "question"],
        update_fields=["choice", "saved_at"],
    )
