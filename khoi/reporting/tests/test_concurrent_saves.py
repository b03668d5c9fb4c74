"""Two people saving the same form at the same moment, on PostgreSQL with real parallel
connections: one save wins, the other is refused with a clear message — no lost update."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from khoi.reporting import round_services, services
from khoi.reporting.models import IndicatorValue, ReportForm, Submission
from khoi.units.models import UnitGroup

pytestmark = [
    pytest.mark.postgres_only,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrency and locking)"),
    pytest.mark.django_db(transaction=True),
]


def test_two_parallel_saves_from_the_same_version_keep_exactly_one(bloc, unit_a, reporter_a, staff_user):
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    services.catalogue_install()
    form = ReportForm.objects.get(code="bao-cao-dinh-ky")
    reporting_round = round_services.round_open(
        form=form, period_code="2021-H1", deadline=dt.date(2021, 7, 20), actor=None
    )
    submission = Submission.objects.get(reporting_round=reporting_round, unit=unit_a)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    lock = threading.Lock()

    def save(actor, text):
        try:
            barrier.wait(timeout=10)
            services.submission_save_values(
                submission=submission, actor=actor, values={"v-revenue-2021-H1": text}, expected_version=0
            )
            result = f"saved {text}"
        except services.ValidationError as error:
            result = "refused" if "version" in error.message_dict else f"other {error}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [
        threading.Thread(target=save, args=(reporter_a, "100")),
        threading.Thread(target=save, args=(staff_user, "200")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(o.split()[0] for o in outcomes) == ["refused", "saved"]
    winner = next(o for o in outcomes if o.startswith("saved")).split()[1]
    assert IndicatorValue.objects.get(submission=submission).value == int(winner)
    assert Submission.objects.get(pk=submission.pk).version == 1
