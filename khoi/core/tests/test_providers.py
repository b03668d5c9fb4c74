"""The registry of reads one app offers the others (khoi.core.providers)."""

from __future__ import annotations

from django.conf import settings
from django.test import override_settings

from khoi.core.providers import provided_names, provider
from khoi.emulation.selectors import commendation_counts
from khoi.reporting.provides import unit_values


def test_each_offer_names_its_app_and_resolves_to_the_function():
    assert provided_names() == {
        **provided_names(),
        "emulation.commendation_counts": "emulation",
        "reporting.unit_values": "reporting",
    }
    assert provider("emulation.commendation_counts") is commendation_counts
    assert provider("reporting.unit_values") is unit_values
    assert provider("nobody.offers_this") is None


def test_an_app_left_out_of_installed_apps_offers_nothing():
    without = [app for app in settings.INSTALLED_APPS if app != "khoi.emulation"]
    with override_settings(INSTALLED_APPS=without):
        assert "emulation.commendation_counts" not in provided_names()
        assert provider("emulation.commendation_counts") is None
        assert provider("reporting.unit_values") is unit_values
    assert provider("emulation.commendation_counts") is commendation_counts


def test_an_app_left_out_of_installed_apps_leaves_the_menu(db):
    from khoi.accounts.models import Role
    from khoi.accounts.tests.factories import make_user
    from khoi.core.navigation import navigation_for

    user = make_user("lanhdao_menu", role=Role.LEADERSHIP)
    labels = {str(group.label) for group in navigation_for(user)}
    without = [app for app in settings.INSTALLED_APPS if app != "khoi.emulation"]
    with override_settings(INSTALLED_APPS=without):
        labels_without = {str(group.label) for group in navigation_for(user)}
    assert len(labels_without) == len(labels) - 1
    assert labels_without < labels
