"""Benchmark: the article checker on its own corpus (khoi/reports/tests/corpus/): recall on the
labelled inconsistencies, false alarms on everything else, and time per passage; then a 1,000-word
article and a 200,000-character paste built from the passages. No database: internal arithmetic.

    .venv/bin/python bench/checker_corpus.py [--verbose]

Goal: recall ≥ 95%, 0 false alarms; a 200,000-character paste in under 1 s, 1,000 words well
under 100 ms.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("SECRET_KEY", "bench-only")


def main() -> None:
    import django

    django.setup()
    from django.utils import translation

    from khoi.reports.checker import INCONSISTENT, check_text
    from khoi.reports.tests.corpus import load
    from khoi.reports.tests.corpus.measure import measure

    translation.activate("vi")
    verbose = "--verbose" in sys.argv
    passages = load()
    report = measure(passages)
    altered = sum(1 for p in passages if p.altered_from)
    print(f"corpus: {len(passages) - altered} passages + {altered} altered copies")
    print(f"labelled calculations: {report.consistent} consistent, {report.inconsistent} inconsistent")
    print(f"recall on inconsistencies: {report.found}/{report.inconsistent} = {report.recall:.1%}")
    print(f"consistent calculations recognised: {report.recognised}/{report.consistent}")
    print(f"false alarms: {len(report.false_alarms)}")
    print(f"time per passage: {report.seconds / len(passages) * 1000:.2f} ms")
    if verbose:
        for line in report.missed:
            print("  missed:", line)
        for line in report.false_alarms:
            print("  false alarm:", line)
    goal = report.recall >= 0.95 and not report.false_alarms
    print(f"goal (recall ≥ 95%, 0 false alarms): {'met' if goal else 'NOT met'}")

    texts = [p.text for p in passages if not p.altered_from]
    article = ""
    while len(article.split()) < 1000:
        article += "\n\n".join(texts) + "\n\n"
    article = " ".join(article.split(" ")[:1000])
    paste = ""
    while len(paste) < 200_000:
        paste += "\n\n".join(texts) + "\n\n"
    paste = paste[:200_000]
    for name, text, goal_seconds in (("1,000-word article", article, 0.1), ("200,000-character paste", paste, 1.0)):
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            result = check_text(text)
            best = min(best, time.perf_counter() - started)
        flagged = result.count(INCONSISTENT)
        verdict = "met" if best < goal_seconds else "NOT met"
        print(
            f"{name}: {len(text):,} characters, {len(result.marks):,} figures, {flagged} inconsistent, "
            f"best of 3 {best * 1000:.0f} ms (goal < {goal_seconds * 1000:.0f} ms: {verdict})"
        )


if __name__ == "__main__":
    main()
