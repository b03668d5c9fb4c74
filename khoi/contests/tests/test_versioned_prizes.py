"""The prize table of a contest is one versioned form (guarded by the contest's version): of two
people editing it, the second's stale save is refused with who saved it and when, and the first's
counts are kept."""

from __future__ import annotations

from khoi.contests.models import Contest, Prize
from khoi.contests.tests.factories import make_contest
from khoi.core.tests.test_versioned_forms import REFUSED, _form_fields


def test_a_stale_prize_form_is_refused_and_the_first_counts_are_kept(propaganda_client, admin_client, db):
    contest = make_contest()
    url = f"/contests/manage/contests/{contest.pk}/prizes/"
    first, second = _form_fields(propaganda_client.get(url)), _form_fields(admin_client.get(url))
    assert first["version"] == second["version"] == "0"
    assert propaganda_client.post(url, {**first, "round__first": "2"}).status_code == 302
    refused = admin_client.post(url, {**second, "round__first": "5"})
    text = refused.content.decode()
    assert refused.status_code == 200
    assert REFUSED in text and "tuyengiao" in text
    assert Prize.objects.get(contest=contest, scope="round", kind="first").count == 2
    assert Contest.objects.get(pk=contest.pk).version == 1
