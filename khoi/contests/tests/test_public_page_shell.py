"""The participants' pages have their own page shell (contests/_public_page.html): base.html's assets,
the public header, and what is the same for every visitor rendered once per process and language."""

import re

from django.conf import settings
from django.test import Client
from django.urls import reverse

HEAD_ASSET = re.compile(r"<(?:link|script|meta)\b[^>]*>")


def _head_assets(html: str) -> set[str]:
    head = html.split("</head>", 1)[0]
    return {tag for tag in HEAD_ASSET.findall(head) if "nonce" not in tag}


def test_the_participants_pages_load_every_style_and_script_the_other_pages_load(open_round, contest):
    other_page = Client().get(reverse("contests:index")).content.decode()  # base.html
    landing = Client().get(reverse("contests:landing", args=[contest.slug])).content.decode()
    assert _head_assets(other_page)  # the comparison reads something
    assert _head_assets(other_page) <= _head_assets(landing)
    assert 'href="/static/contests/public.css"' in landing


def test_the_public_header_follows_the_language_chosen_even_once_a_first_page_is_kept(open_round, contest):
    url = reverse("contests:landing", args=[contest.slug])
    vietnamese = Client().get(url).content.decode()
    english_client = Client()
    english_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = english_client.get(url).content.decode()
    assert 'value="vi" lang="vi" aria-pressed="true"' in vietnamese
    assert 'value="en" lang="en" aria-pressed="false"' in vietnamese
    assert "Cuộc thi trực tuyến" in vietnamese
    assert 'value="en" lang="en" aria-pressed="true"' in english
    assert ">Online contests</a>" in english
    assert f'<input name="next" type="hidden" value="{url}">' in english


def test_each_page_carries_its_own_csrf_token_and_nonce_around_the_kept_parts(open_round, contest):
    url = reverse("contests:landing", args=[contest.slug])
    first, second = Client().get(url), Client().get(url)
    tokens = [re.search(r'"X-CSRFToken": "([^"]+)"', page.content.decode()).group(1) for page in (first, second)]
    nonces = [re.search(r'<style nonce="([^"]+)"', page.content.decode()).group(1) for page in (first, second)]
    assert tokens[0] != tokens[1]
    assert nonces[0] != nonces[1]
    assert nonces[0] in first["Content-Security-Policy"]
