"""A sweep of the Vietnamese screens of reporting, reports, units and emulation over the demo: no
period code ("2024-Y"), no status value ("draft"), no indicator code ("female_workers") and no
untranslated empty choice in what a reader sees (links and form values may carry codes)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from .conftest import client_for

CODES = re.compile(
    r"\b20\d\d-(?:Y|H1|H2|Q[1-4]|9M|0[1-9]|1[0-2])\b"  # period codes
    r"|Select an option|---------"  # empty choices
    r"|\b(?:draft|submitted|returned|approved|rejected|pending)\b"  # status values
    r"|\b[a-z]+_[a-z_]+\b"  # snake_case codes (indicator codes, choice values)
)


def visible_text(html: str) -> str:
    """What the page shows inside <main>: the text between tags, plus the options' labels."""
    main = html.split("<main", 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)\b.*?</\1>", " ", main, flags=re.S)
    main = re.sub(r"<textarea\b.*?</textarea>", " ", main, flags=re.S)  # what a user typed
    return re.sub(r"<[^>]*>", " ", main)


def pages() -> list[str]:
    from khoi.emulation.models import Agreement, Decision, EmulationBloc, Proposal, Scorecard
    from khoi.reporting.models import ReportingRound, Submission, ValidationRule
    from khoi.units.models import Unit

    unit = Unit.objects.filter(parent__isnull=False).order_by("code").first()
    urls = [
        reverse("reporting:home"),
        reverse("reporting:overview"),
        reverse("reporting:drilldown", args=["revenue"]),
        reverse("reporting:round_list"),
        reverse("reporting:round_create"),
        reverse("reporting:round_detail", args=[ReportingRound.objects.order_by("pk").first().pk]),
        reverse("reporting:submission_detail", args=[Submission.objects.order_by("pk").first().pk]),
        reverse("reporting:audit"),
        reverse("reporting:rule_list"),
        reverse("reporting:plans"),
        reverse("reporting:notices"),
        reverse("reports:report") + "?period=2021-H1",
        reverse("reports:dashboard") + "?period=2021-Y",
        reverse("reports:dashboard") + "?period=2024-H1",
        reverse("reports:drilldown", args=["revenue"]) + "?period=2021-Y",
        reverse("reports:checker"),
        reverse("units:tree"),
        reverse("units:groups"),
        reverse("units:zones"),
        reverse("units:create"),
        reverse("units:detail", args=[unit.pk]),
        reverse("units:edit", args=[unit.pk]),
        reverse("emulation:index"),
        reverse("emulation:forms"),
        reverse("emulation:proposal_list"),
        reverse("emulation:proposal_create"),
        reverse("emulation:decision_list"),
        reverse("emulation:decision_create"),
        reverse("emulation:counts"),
    ]
    for model, name in (
        (EmulationBloc, "emulation:bloc_detail"),
        (Agreement, "emulation:agreement_detail"),
        (Agreement, "emulation:ranking"),
        (Scorecard, "emulation:scorecard"),
        (Proposal, "emulation:proposal_detail"),
        (Decision, "emulation:decision_detail"),
    ):
        first = model.objects.order_by("pk").first()
        if first is not None:
            urls.append(reverse(name, args=[first.pk]))
    assert ValidationRule.objects.exists()
    return urls


@pytest.mark.parametrize("username", ["vanphong", "baocao.dv001"])
def test_no_internal_code_on_a_vietnamese_screen(demo, username):
    client = client_for(username)
    client.cookies["django_language"] = "vi"
    found = {}
    for url in pages():
        response = client.get(url)
        if response.status_code != 200:  # a reporter does not see staff pages (their own tests)
            continue
        hits = sorted(set(CODES.findall(visible_text(response.content.decode()))))
        if hits:
            found[url] = hits
    assert found == {}


def test_the_sweep_would_see_a_code():
    assert CODES.findall(visible_text("<main><td>2024-Y</td><b>draft</b> female_workers</main>")) == [
        "2024-Y",
        "draft",
        "female_workers",
    ]
    assert CODES.findall(visible_text('<main><a href="?period=2024-Y">6 tháng đầu năm 2024</a></main>')) == []
