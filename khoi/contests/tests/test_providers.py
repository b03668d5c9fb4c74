"""Contests read the workers per unit from reporting through khoi.core.providers, never an import:
with reporting left out of INSTALLED_APPS the results by unit still work, without the share."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import override_settings

from khoi.contests import services
from khoi.contests.selectors import contest_results_by_unit
from khoi.core.providers import provider

WITHOUT_REPORTING = [app for app in settings.INSTALLED_APPS if app not in ("khoi.reporting", "khoi.reports")]


def test_results_by_unit_take_the_workers_reporting_provides(monkeypatch, contest, start_entry, unit_a):
    asked = []

    def unit_values(*, code, periods):
        asked.append((code, list(periods)))
        return {unit_a.pk: 30.0}

    monkeypatch.setattr("khoi.reporting.provides.unit_values", unit_values)
    services.entry_submit(entry=start_entry())
    [result] = contest_results_by_unit(contest=contest)
    assert result.workers == 30.0 and result.share_of_workers == pytest.approx(100 / 30)
    assert asked and asked[0][0] == "workers"


def test_with_reporting_left_out_the_results_by_unit_work_without_workers(contest, start_entry, unit_a):
    services.entry_submit(entry=start_entry())
    assert provider("reporting.unit_values") is not None
    with override_settings(INSTALLED_APPS=WITHOUT_REPORTING):
        assert provider("reporting.unit_values") is None
        results = contest_results_by_unit(contest=contest)
    assert [(r.unit_id, r.participants, r.workers) for r in results] == [(unit_a.pk, 1, None)]
    assert provider("reporting.unit_values") is not None


def test_reporting_offers_no_values_for_an_unknown_indicator(db):
    unit_values = provider("reporting.unit_values")
    assert unit_values is not None
    assert unit_values(code="no-such-indicator", periods=[(2024, "H1"), (2023, "Y")]) == {}
