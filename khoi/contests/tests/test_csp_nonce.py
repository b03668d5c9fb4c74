"""The contests' pages keep their <style> block under the Content-Security-Policy: it carries the
nonce that the page's own header allows, and no other page's."""

import re

from django.test import Client


def test_the_contest_page_style_block_carries_the_nonce_of_its_header(open_round):
    response = Client().get(f"/contests/c/{open_round.contest.slug}/")
    assert response.status_code == 200
    header = re.search(r"style-src 'self' 'nonce-([^']+)'", response.headers["Content-Security-Policy"])
    assert header, "the policy names the nonce the page used"
    assert f'<style nonce="{header.group(1)}">' in response.content.decode()
    again = Client().get(f"/contests/c/{open_round.contest.slug}/").headers["Content-Security-Policy"]
    assert header.group(1) not in again  # a fresh nonce on every response
