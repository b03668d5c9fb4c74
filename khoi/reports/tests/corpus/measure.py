"""Recall and false alarms of the checker on labelled passages (the bench and a test share it)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from khoi.reports.checker import INCONSISTENT, CheckResult, Mark, check_text

from . import Passage


@dataclass
class Report:
    inconsistent: int = 0
    found: int = 0
    consistent: int = 0
    recognised: int = 0
    seconds: float = 0.0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.inconsistent if self.inconsistent else 1.0


def _mark_of(result: CheckResult, figure: str) -> Mark | None:
    """The mark of a labelled figure: the first whose written text contains it, else the first
    whose number is the label's ("3.450" for "3.450 phần quà")."""
    found = next((mark for mark in result.marks if figure in mark.figure.text), None)
    number = figure.split()[-1] if figure.split()[0] in ("tăng", "giảm", "gấp") else figure.split()[0]
    return found or next((mark for mark in result.marks if mark.figure.number.text == number.rstrip("%")), None)


def measure(passages: list[Passage]) -> Report:
    report = Report()
    for passage in passages:
        started = time.perf_counter()
        result = check_text(passage.text)
        report.seconds += time.perf_counter() - started
        expected_wrong: set[int] = set()
        for label in passage.labels:
            mark = _mark_of(result, label.figure)
            if label.consistent:
                report.consistent += 1
                if mark is not None and mark.recomputation and mark.status != INCONSISTENT:
                    report.recognised += 1
                continue
            report.inconsistent += 1
            if mark is not None and mark.status == INCONSISTENT:
                report.found += 1
                expected_wrong.add(id(mark))
            else:
                report.missed.append(f"{passage.id}: {label.figure} ({label.computation})")
        for mark in result.marks:
            if mark.status == INCONSISTENT and id(mark) not in expected_wrong:
                report.false_alarms.append(f"{passage.id}: {mark.figure.text} → {mark.expected} ({mark.recomputation})")
    return report
