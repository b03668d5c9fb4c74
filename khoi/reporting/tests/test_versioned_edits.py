"""The validation rule form is versioned: of two people editing the same rule, the second's stale
save is refused with who saved it and when, and the first's change is kept."""

from __future__ import annotations

import html

from django.urls import reverse

from khoi.core.tests.test_versioned_forms import REFUSED, _form_fields
from khoi.reporting import services
from khoi.reporting.models import ValidationRule
from khoi.units.models import UnitGroup


def test_a_stale_rule_form_is_refused_and_the_first_change_is_kept(staff_client, admin_client, bloc):
    UnitGroup.objects.create(code="ngan-hang", name="Nhóm ngân hàng")
    services.catalogue_install()
    rule = ValidationRule.objects.get(code="bad-loans-within-loans")
    url = reverse("reporting:rule_edit", args=[rule.pk])
    first, second = (
        {name: html.unescape(value) for name, value in _form_fields(client.get(url)).items()}
        for client in (staff_client, admin_client)
    )
    assert first["version"] == second["version"] == "0"
    assert staff_client.post(url, {**first, "active": "on", "name": "Nợ xấu (sửa)"}).status_code == 302
    refused = admin_client.post(url, {**second, "active": "on", "name": "Nợ xấu (sửa lần hai)"})
    text = refused.content.decode()
    assert refused.status_code == 200
    assert REFUSED in text and "vanphong" in text
    saved = ValidationRule.objects.get(pk=rule.pk)
    assert (saved.name, saved.version) == ("Nợ xấu (sửa)", 1)
