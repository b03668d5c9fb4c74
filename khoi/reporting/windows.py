"""Incremental upkeep of the window store (``WindowValue``) when submissions change status.

A submission's status change (submit, return, approve, unlock) changes what counts only for the
windows its own values lie in: a March value is inside 2021-03, 2021-Q1, 2021-H1, 2021-9M and
2021-Y and nowhere else. ``windows_refresh_for_submissions`` recomputes exactly those windows of
those units and indicators, in SQL, with the same rules as ``aggregation.resolve`` (which stays
the reference, and ``services.window_values_refresh`` the full recomputation from it):

- **flow**: per window, the values inside it are grouped by frequency (months they cover); the
  coarsest frequency whose values tile the window (count × months = the window's months) wins and
  its sum is the window's value;
- **stock**: the coarsest value inside the window that ends on the window's last month.

Each is done twice in the same statement, from approved values only and from approved plus
submitted ones. The work is set-based: one DELETE of the touched windows and one INSERT … SELECT
per indicator kind (flow, stock), whatever the number of windows, units or submissions, plus one
statement locking the units' rows so that two transactions refreshing the same unit's windows
(two of its forms approved at once) run one after the other and the second one sees the first's
values (PostgreSQL, read committed). Same SQL on SQLite and PostgreSQL: only SUBSTR, ||, CASE,
VALUES and common table expressions.

The windows a stored period lies in are a fixed relation over period-code suffixes (“03”, “Q1”,
“H1”, “9M”, “Y”), built here from ``periods.Period`` so it cannot disagree with the reference:
a value's code "2021-03" is split into its year prefix "2021-" and suffix "03".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from khoi.units.models import Unit

from .aggregation import standard_windows
from .models import Indicator, IndicatorValue, Submission, SubmissionStatus, TimeAggregation, WindowValue
from .periods import Period

_REFERENCE_YEAR = 2001


def _stored_periods(year: int) -> list[Period]:
    return [
        *(Period(year, "M", m) for m in range(1, 13)),
        *(Period(year, "Q", q) for q in range(1, 5)),
        Period(year, "H1"),
        Period(year, "9M"),
        Period(year, "Y"),
    ]


def _suffix(period: Period) -> str:
    return str(period)[5:]


# (window suffix, stored period suffix, stored period's months, 1 if it ends on the window's
# last month, window's months) for every stored period kind inside every standard window.
CONTAINMENT: tuple[tuple[str, str, int, int, int], ...] = tuple(
    (
        _suffix(window),
        _suffix(stored),
        stored.month_count,
        int(stored.end == window.end),
        window.month_count,
    )
    for window in standard_windows(_REFERENCE_YEAR)
    for stored in _stored_periods(_REFERENCE_YEAR)
    if window.contains(stored)
)

_WIN_CTE = "win(wsuf, psuf, pmonths, at_end, wmonths) AS (VALUES {rows})".format(
    rows=", ".join(["(%s, %s, %s, %s, %s)"] * len(CONTAINMENT))
)
_WIN_PARAMS: list[Any] = [item for row in CONTAINMENT for item in row]


def _tables() -> dict[str, str]:
    return {
        "value": IndicatorValue._meta.db_table,
        "indicator": Indicator._meta.db_table,
        "submission": Submission._meta.db_table,
        "window": WindowValue._meta.db_table,
    }


# The windows touched by the listed submissions' values: every window a flow value lies in, and
# the windows a stock value ends (a stock value inside a window but not at its end changes nothing).
_TOUCHED = """
    SELECT DISTINCT v.unit_id, v.indicator_id, SUBSTR(v.period_code, 1, 5) AS yp, w.wsuf
    FROM {value} v
    JOIN {indicator} i ON i.id = v.indicator_id
    JOIN win w ON w.psuf = SUBSTR(v.period_code, 6)
    WHERE v.submission_id IN ({ids}) AND {kind_condition}
"""

_KIND_CONDITION = {
    TimeAggregation.FLOW: "i.time_aggregation = %s",
    TimeAggregation.STOCK: "i.time_aggregation = %s AND w.at_end = 1",
}

# A window's candidates per frequency, ranked (the winning frequency first, for approved values
# and for approved plus submitted ones), then the winner's value: one pass, no self-join (a join
# of two aggregates has no index and no useful estimate; PostgreSQL planned it as a nested loop).
_COMPUTE = """
WITH {win},
touched AS ({touched}),
parts AS (
    SELECT t.unit_id, t.indicator_id, t.yp, t.wsuf, w.wmonths, w.pmonths,
        SUM(CASE WHEN s.status = %s THEN 1 ELSE 0 END) AS a_n,
        SUM(CASE WHEN s.status = %s THEN v.value END) AS a_sum,
        COUNT(*) AS s_n,
        SUM(v.value) AS s_sum
    FROM touched t
    JOIN win w ON w.wsuf = t.wsuf {part_condition}
    JOIN {value} v ON v.unit_id = t.unit_id AND v.indicator_id = t.indicator_id AND v.period_code = t.yp || w.psuf
    JOIN {submission} s ON s.id = v.submission_id
    WHERE s.status IN (%s, %s)
    GROUP BY t.unit_id, t.indicator_id, t.yp, t.wsuf, w.wmonths, w.pmonths
),
ranked AS (
    SELECT unit_id, indicator_id, yp, wsuf, a_sum, s_sum,
        CASE WHEN {approved_complete} THEN 1 ELSE 0 END AS a_ok,
        CASE WHEN {submitted_complete} THEN 1 ELSE 0 END AS s_ok,
        ROW_NUMBER() OVER (
            PARTITION BY unit_id, indicator_id, yp, wsuf
            ORDER BY CASE WHEN {approved_complete} THEN pmonths ELSE 0 END DESC
        ) AS a_rank,
        ROW_NUMBER() OVER (
            PARTITION BY unit_id, indicator_id, yp, wsuf
            ORDER BY CASE WHEN {submitted_complete} THEN pmonths ELSE 0 END DESC
        ) AS s_rank
    FROM parts
)
INSERT INTO {window} (unit_id, indicator_id, year, window_code, approved_value, submitted_value)
SELECT unit_id, indicator_id, CAST(SUBSTR(yp, 1, 4) AS INTEGER), yp || wsuf,
    MAX(CASE WHEN a_rank = 1 AND a_ok = 1 THEN a_sum END),
    MAX(CASE WHEN s_rank = 1 AND s_ok = 1 THEN s_sum END)
FROM ranked
GROUP BY unit_id, indicator_id, yp, wsuf
HAVING MAX(a_ok) = 1 OR MAX(s_ok) = 1
"""

_RULES = {
    # A flow: the frequency whose values tile the window.
    TimeAggregation.FLOW: {
        "part_condition": "",
        "approved_complete": "a_n * pmonths = wmonths",
        "submitted_complete": "s_n * pmonths = wmonths",
    },
    # A stock: only values ending on the window's last month, the coarsest first.
    TimeAggregation.STOCK: {
        "part_condition": "AND w.at_end = 1",
        "approved_complete": "a_n > 0",
        "submitted_complete": "s_n > 0",
    },
}

_DELETE = """
WITH {win}
DELETE FROM {window}
WHERE unit_id IN ({unit_ids}) AND (unit_id, indicator_id, window_code) IN (
    SELECT unit_id, indicator_id, yp || wsuf FROM ({touched_flow} UNION {touched_stock}) touched
)
"""


@transaction.atomic
def windows_refresh_for_submissions(*, submission_ids: Iterable[int]) -> None:
    """Recompute the stored windows the values of these submissions lie in (for their units and
    indicators only), from the approved and submitted values now in the database. Call it in
    the transaction that changed the submissions' statuses, after the change."""
    ids = sorted(set(submission_ids))
    if not ids:
        return
    unit_ids = sorted(set(Submission.objects.filter(pk__in=ids).values_list("unit_id", flat=True)))
    # One refresh of a unit's windows at a time (see the module's docstring). NO KEY UPDATE: the
    # reporters' own inserts of values (which share-lock the unit's key) are not held up.
    list(Unit.objects.filter(pk__in=unit_ids).order_by("pk").select_for_update(no_key=True).values_list("pk"))
    tables = _tables()
    id_marks = ", ".join(["%s"] * len(ids))

    def touched(kind: TimeAggregation) -> tuple[str, list[Any]]:
        sql = _TOUCHED.format(ids=id_marks, kind_condition=_KIND_CONDITION[kind], **tables)
        return sql, [*ids, kind]

    flow_sql, flow_params = touched(TimeAggregation.FLOW)
    stock_sql, stock_params = touched(TimeAggregation.STOCK)
    with connection.cursor() as cursor:
        cursor.execute(
            _DELETE.format(
                win=_WIN_CTE,
                unit_ids=", ".join(["%s"] * len(unit_ids)),
                touched_flow=flow_sql,
                touched_stock=stock_sql,
                **tables,
            ),
            [*_WIN_PARAMS, *unit_ids, *flow_params, *stock_params],
        )
        for kind in (TimeAggregation.FLOW, TimeAggregation.STOCK):
            touched_sql, touched_params = touched(kind)
            cursor.execute(
                _COMPUTE.format(win=_WIN_CTE, touched=touched_sql, **_RULES[kind], **tables),
                [
                    *_WIN_PARAMS,
                    *touched_params,
                    SubmissionStatus.APPROVED,
                    SubmissionStatus.APPROVED,
                    SubmissionStatus.APPROVED,
                    SubmissionStatus.SUBMITTED,
                ],
            )
