"""The contest's public pages: a language switch on each, a test page whose counter and countdown
are driven by a static script (no inline script), and whose countdown is not a live region."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from .factories import next_address


@pytest.fixture
def participant() -> Client:
    return Client(REMOTE_ADDR=next_address())


def test_each_public_page_has_a_language_switch(participant, contest, open_round, start_entry):
    entry = start_entry()
    for url in (
        reverse("contests:landing", args=[contest.slug]),
        reverse("contests:results", args=[contest.slug]),
        reverse("contests:attempt", args=[entry.token]),
    ):
        page = participant.get(url).content.decode()
        assert 'class="lang-switch"' in page, url
        assert 'name="language" value="en"' in page, url


def test_the_switch_turns_the_contest_english(participant, contest, open_round):
    url = reverse("contests:landing", args=[contest.slug])
    response = participant.post("/i18n/setlang/", {"language": "en", "next": url})
    assert response.status_code == 302
    page = participant.get(url).content.decode()
    assert "Start the test" in page


def test_the_test_page_counts_answers_in_a_script_and_speaks_the_time_sparingly(participant, start_entry):
    entry = start_entry()
    page = participant.get(reverse("contests:attempt", args=[entry.token])).content.decode()
    assert "<script>" not in page
    assert "contests/attempt.js" in page
    assert 'id="answered-count">0</span>/' in page
    assert 'role="status"' not in page  # the bar with the seconds ticking is not read aloud
    assert 'id="time-announce"' in page and 'data-minutes="Còn %(n)s phút"' in page


def test_the_browser_finds_a_favicon(db):
    assert Client().get("/favicon.ico").status_code == 200
