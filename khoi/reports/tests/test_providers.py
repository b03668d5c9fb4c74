"""Reports read the commendations from emulation through khoi.core.providers, never an import:
with emulation left out of INSTALLED_APPS the report simply has no commendation sentence.

It uses the package's demo bloc (`demo`): the demo stays loaded for the whole package, so a bloc of
its own would be a second root, which the register refuses."""

from __future__ import annotations

from django.conf import settings
from django.test import override_settings

from khoi.emulation.selectors import CommendationCounts
from khoi.reporting.periods import Period
from khoi.reports.wording import commendation_sentence
from khoi.units.models import Unit, UnitKind


def test_the_commendation_sentence_comes_from_emulation_and_leaves_with_it(monkeypatch, demo):
    bloc = Unit.objects.get(kind=UnitKind.BLOC)
    asked = []

    def commendation_counts(**filters):
        asked.append(filters)
        return CommendationCounts(collectives=12, individuals=29, decisions=("86-QĐ/ĐUK",))

    monkeypatch.setattr("khoi.emulation.selectors.commendation_counts", commendation_counts)
    period = Period(2021, "H1")
    sentence = commendation_sentence(period=period, bloc=bloc)
    assert "12" in sentence and "29" in sentence
    assert asked == [{"date_from": period.start, "date_to": period.end, "issuer": bloc.code}]
    without = [app for app in settings.INSTALLED_APPS if app != "khoi.emulation"]
    with override_settings(INSTALLED_APPS=without):
        assert commendation_sentence(period=period, bloc=bloc) == ""
    assert len(asked) == 1
