"""Content-Security-Policy: every page carries it; templates hold no inline event handler, no
style attribute, and no <script>/<style> block without the request's nonce."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.test import Client

TEMPLATE_DIRS = [Path(settings.BASE_DIR) / "templates", *Path(settings.BASE_DIR).glob("khoi/*/templates")]
TEMPLATES = sorted(path for directory in TEMPLATE_DIRS for path in directory.rglob("*.html"))
INLINE_HANDLER = re.compile(r"""\son[a-z]+\s*=\s*["']""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""<[^>]*\sstyle\s*=\s*["']""", re.IGNORECASE)
# htmx runs hx-on attributes through eval, which the policy forbids (and base.html turns off).
HTMX_EVAL = re.compile(r"""\s(data-)?hx-(on|vars)\b""", re.IGNORECASE)
BLOCK_WITHOUT_NONCE = re.compile(r"<(script|style)(?![^>]*\bsrc=)(?![^>]*\bnonce=\"\{\{ csp_nonce \}\}\")[^>]*>", re.I)


def test_the_templates_are_found():
    assert len(TEMPLATES) > 50


def test_no_template_has_an_inline_event_handler_a_style_attribute_or_a_block_without_nonce():
    offences = []
    for path in TEMPLATES:
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_HANDLER, STYLE_ATTRIBUTE, HTMX_EVAL, BLOCK_WITHOUT_NONCE):
            offences += [f"{path.relative_to(settings.BASE_DIR)}: {m.group(0)}" for m in pattern.finditer(text)]
    assert offences == []


def test_pages_carry_the_policy(staff_client):
    policy = staff_client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy and "base-uri 'self'" in policy
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "style-src 'self'" in policy and "img-src 'self' data:" in policy and "form-action 'self'" in policy


def test_the_login_page_and_error_pages_carry_it_too(db):
    assert "Content-Security-Policy" in Client().get("/accounts/login/").headers
    assert "Content-Security-Policy" in Client().get("/khong-co/").headers


def test_htmx_is_told_not_to_inject_its_indicator_style_nor_to_eval(staff_client):
    page = staff_client.get("/").content.decode()
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, "allowEval": false}\'>' in page
    assert ".htmx-indicator" in (Path(settings.BASE_DIR) / "static" / "css" / "khoi.css").read_text()


CONFIG_META = '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, "allowEval": false}\'>'


def test_only_the_page_layouts_configure_htmx_and_alike():
    """htmx reads the first htmx-config meta of a page: a second one in a page's head is ignored. So
    only the layouts a page starts from (base.html, and the contest participants' own shell, which
    extends nothing) configure it, each once and the same way."""
    configuring = {path: path.read_text(encoding="utf-8") for path in TEMPLATES}
    configuring = {path: text for path, text in configuring.items() if 'name="htmx-config"' in text}
    assert sorted(path.name for path in configuring) == ["_public_page.html", "base.html"]
    for path, text in configuring.items():
        assert "{% extends" not in text, path
        assert text.count('name="htmx-config"') == 1, path
        assert CONFIG_META in text, path


def test_the_api_documentation_relaxes_styles_only(staff_client):
    policy = staff_client.get("/api/docs/").headers["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
    assert "<script>" not in staff_client.get("/api/docs/").content.decode()
