"""Ranking and prizes: pure functions, no database.

Order: higher score; then the prediction closest to the true figure (no prediction is last);
then less time taken; then the earlier submission; the entry id settles exact ties for good.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Ranked:
    entry_id: int
    score: int
    prediction: int | None
    time_taken_ms: int
    submitted_at: dt.datetime


def prediction_distance(prediction: int | None, true_figure: int | None) -> float:
    if prediction is None or true_figure is None:
        return float("inf")
    return abs(prediction - true_figure)


def rank_entries(rows: Iterable[Ranked], *, true_figure: int | None) -> list[Ranked]:
    return sorted(
        rows,
        key=lambda row: (
            -row.score,
            prediction_distance(row.prediction, true_figure),
            row.time_taken_ms,
            row.submitted_at,
            row.entry_id,
        ),
    )


def assign_prizes[T](ranked: Sequence[T], prizes: Sequence[tuple[str, int]]) -> list[tuple[str, T]]:
    """[("first", 1), ("second", 2)] over a ranked list → the winners in order, with their prize."""
    winners: list[tuple[str, T]] = []
    position = 0
    for kind, count in prizes:
        for row in ranked[position : position + count]:
            winners.append((kind, row))
        position += count
    return winners
