"""Emulation benchmark: the ranking of a large bloc, the rule check of a long decision, the
report counts, and the Word decision.

    .venv/bin/python bench/emulation.py                      # SQLite file var/bench_emulation.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/khoi_emulation .venv/bin/python bench/emulation.py

Builds (once) a bloc of 150 members with a 12-criterion agreement, fully scored, and a decision of
400 recipients; everything it creates is rolled back at the end.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench_emulation.sqlite3'}")

MEMBERS = 150
RECIPIENTS = 400


class Rollback(Exception):
    pass


def timed(function, repeat: int = 5) -> tuple[float, float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), max(samples)


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from khoi.emulation import documents, selectors, services
    from khoi.emulation.models import CommendationForm, CriterionKind, Issuer, IssuerKind, RecipientKind, Scorecard
    from khoi.units.selectors import unit_get_bloc
    from khoi.units.tests.factories import make_bloc, make_unit

    print(f"database: {connection.vendor}")
    try:
        with transaction.atomic():
            root = unit_get_bloc() or make_bloc(code="BENCH-BLOC")
            units = [make_unit(root, code=f"BE{i:04d}") for i in range(max(MEMBERS, RECIPIENTS))]
            bloc = services.bloc_create(code="bench-bloc", name="Khối thi đua đo hiệu năng")
            for unit in units[:MEMBERS]:
                services.bloc_member_add(bloc=bloc, joined_year=2015, unit=unit)
            sections = [
                services.SectionInput(
                    f"Phần {s}",
                    [services.CriterionInput(f"{s}.{c}", f"Tiêu chí {s}.{c}", Decimal(10)) for c in range(1, 4)],
                )
                for s in range(1, 4)
            ] + [
                services.SectionInput(
                    "Thưởng, trừ",
                    [
                        services.CriterionInput("T1", "Thưởng", Decimal(5), CriterionKind.BONUS),
                        services.CriterionInput("T2", "Thưởng 2", Decimal(5), CriterionKind.BONUS),
                        services.CriterionInput("P1", "Trừ", Decimal(5), CriterionKind.PENALTY),
                    ],
                )
            ]
            start = time.perf_counter()
            agreement = services.agreement_create(bloc=bloc, year=2020, title="Giao ước đo", sections=sections)
            elapsed = (time.perf_counter() - start) * 1000
            print(f"agreement with {MEMBERS} scorecards × 12 criteria created: {elapsed:.0f} ms")
            start = time.perf_counter()
            for index, card in enumerate(Scorecard.objects.filter(agreement=agreement).order_by("id")):
                scores = {
                    s.criterion_id: services.ScoreInput(str(Decimal(index * 7 + s.criterion_id) % 50 / 10))
                    for s in card.scores.all()
                }
                services.scorecard_save_bloc(scorecard=card, actor=None, scores=scores)
            print(f"bloc scores saved for {MEMBERS} members: {(time.perf_counter() - start) * 1000:.0f} ms")
            median, worst = timed(lambda: selectors.agreement_ranking(agreement=agreement))
            print(f"ranking of {MEMBERS} members: median {median:.1f} ms, max {worst:.1f} ms")

            issuer = Issuer.objects.create(
                code="BENCH",
                name="Ban Thường vụ",
                short_name="ĐUK",
                kind=IssuerKind.PARTY,
                is_own=True,
                symbol="QĐ/BENCH",
                parent_body="ĐẢNG BỘ",
                issuing_body="ĐẢNG ỦY KHỐI",
                deciding_body="BAN THƯỜNG VỤ",
                authority="T/M BAN THƯỜNG VỤ",
            )
            form = CommendationForm.objects.create(
                code="BENCH-GK",
                name="Giấy khen đo",
                short_name="Giấy khen",
                issuer=issuer,
                recipients=RecipientKind.BOTH,
            )
            people = [services.person_create(full_name=f"Người thứ {i}", unit=units[i]) for i in range(RECIPIENTS // 2)]
            items = [services.ItemInput(form=form, unit=unit) for unit in units[: RECIPIENTS // 2]]
            items += [services.ItemInput(form=form, person=person) for person in people]
            start = time.perf_counter()
            decision = services.decision_create(
                actor=None,
                data=services.DecisionInput(
                    issuer=issuer,
                    form=form,
                    number=1,
                    signed_on=dt.date(2021, 6, 28),
                    signer_name="A",
                    signer_title="Bí thư",
                    subject="Về việc tặng Giấy khen",
                    year=2020,
                    achievement="Đã có thành tích",
                ),
                items=items,
            )
            elapsed = (time.perf_counter() - start) * 1000
            print(f"decision of {RECIPIENTS} recipients (rule checks + records): {elapsed:.0f} ms")
            median, worst = timed(lambda: selectors.commendation_counts(year=2020, issuer="BENCH"), repeat=20)
            print(f"commendation_counts: median {median:.1f} ms, max {worst:.1f} ms")
            median, worst = timed(lambda: documents.decision_docx(decision=decision), repeat=3)
            print(f"Word decision with {RECIPIENTS} lines: median {median:.0f} ms, max {worst:.0f} ms")
            raise Rollback
    except Rollback:
        print("(all benchmark data rolled back)")


if __name__ == "__main__":
    main()
