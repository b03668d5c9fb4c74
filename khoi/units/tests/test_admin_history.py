"""The register's audit history (UnitChange) is read-only in the admin: listed and shown, never
added, changed or deleted by hand."""

from __future__ import annotations

from django.urls import reverse

from khoi.units import services
from khoi.units.models import UnitChange


def test_the_admin_shows_the_history_but_cannot_add_change_or_delete_it(admin_client, unit_a, admin_user):
    services.unit_update(unit=unit_a, actor=admin_user, fields={"address": "Số 1 Lê Lợi, Hải Phòng"})
    change = UnitChange.objects.filter(unit=unit_a).latest("changed_at")
    count = UnitChange.objects.count()
    assert admin_client.get(reverse("admin:units_unitchange_changelist")).status_code == 200
    page = admin_client.get(reverse("admin:units_unitchange_change", args=[change.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert admin_client.get(reverse("admin:units_unitchange_add")).status_code == 403
    assert (
        admin_client.post(reverse("admin:units_unitchange_change", args=[change.pk]), {"action": "close"}).status_code
        == 403
    )
    assert (
        admin_client.post(reverse("admin:units_unitchange_delete", args=[change.pk]), {"post": "yes"}).status_code
        == 403
    )
    assert UnitChange.objects.count() == count
    assert UnitChange.objects.get(pk=change.pk).action == change.action
