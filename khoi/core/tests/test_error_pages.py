"""Error pages (400, 403, 404, 500, CSRF) in the site's layout, in Vietnamese or English, with the
reason our code gave and never a technical one."""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.test import Client, RequestFactory

from khoi.core.errors import server_error

pytestmark = pytest.mark.urls("khoi.core.tests.error_urls")

LAYOUT = 'class="site-header'


def text(response) -> str:
    return html.unescape(response.content.decode())


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_a_403_shows_the_reason_the_code_gave_in_vietnamese(leader_client, unit_a):
    response = leader_client.get("/test-errors/change-unit/")
    assert response.status_code == 403
    page = text(response)
    assert LAYOUT in page and "Lỗi 403" in page
    assert "Bạn không được thực hiện thao tác này" in page
    assert "Bạn không được thay đổi dữ liệu của đơn vị này." in page


def test_a_403_is_in_english_when_the_interface_is(leader_client, unit_a):
    page = text(english(leader_client).get("/test-errors/change-unit/"))
    assert "You may not do this" in page and "You may not change this unit's data." in page
    assert "Lỗi" not in page


def test_a_403_without_a_reason_says_so_in_general_terms(reporter_a_client):
    response = reporter_a_client.get("/units/new/")
    assert response.status_code == 403
    assert "Bạn không có quyền" in text(response)


def test_a_404_shows_the_reason_the_code_gave(reporter_a_client, unit_b):
    response = reporter_a_client.get(f"/units/{unit_b.pk}/")
    assert response.status_code == 404
    page = text(response)
    assert LAYOUT in page and "Không tìm thấy trang" in page and "Không tìm thấy đơn vị." in page


def test_a_404_hides_the_technical_messages_of_django(staff_client):
    page = text(staff_client.get("/test-errors/missing-user/"))
    assert "Không tìm thấy trang" in page and "No User matches" not in page and "matches the given query" not in page
    page = text(staff_client.get("/khong-co-trang-nay/"))
    assert "Không có trang nào ở địa chỉ này" in page and "tried" not in page and "urlpatterns" not in page


def test_a_404_in_english(staff_client):
    response = english(staff_client).get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "Page not found" in text(response)


def test_a_400_page_in_both_languages(staff_client):
    response = staff_client.get("/test-errors/suspicious/")
    assert response.status_code == 400
    page = text(response)
    assert LAYOUT in page and "Không hiểu được yêu cầu" in page and "made up by the test" not in page
    assert "could not be understood" in text(english(staff_client).get("/test-errors/suspicious/"))


def test_a_request_for_another_host_gets_the_400_page(db):
    response = Client().get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400 and "Không hiểu được yêu cầu" in text(response)


def test_a_500_page_in_the_layout_in_both_languages(staff_client):
    staff_client.raise_request_exception = False
    response = staff_client.get("/test-errors/broken/")
    assert response.status_code == 500
    page = text(response)
    assert LAYOUT in page and "Lỗi 500" in page and "Hệ thống gặp sự cố" in page and "made up" not in page
    page = text(english(staff_client).get("/test-errors/broken/"))
    assert "Something went wrong on our side" in page


def test_the_500_page_needs_no_database_session_or_user(db, django_assert_num_queries):
    request = RequestFactory().get("/")  # no session, no user, no middleware
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500 and "Hệ thống gặp sự cố" in text(response)


def test_a_form_sent_without_its_csrf_token_gets_the_vietnamese_page(staff_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = client.post("/accounts/logout/")
    assert response.status_code == 403
    page = text(response)
    assert LAYOUT in page and "Biểu mẫu đã hết hiệu lực" in page and "CSRF verification failed" not in page
    english(client)
    assert "The form has expired" in text(client.post("/accounts/logout/"))


def test_the_reasons_our_code_gives_are_translated_strings():
    """The pages show a 403/404 reason raised in khoi/: it must be a gettext string, never a literal."""
    import re
    from pathlib import Path

    literal = re.compile(
        r"""(?:PermissionDenied|Http404)\(\s*f?["']|\brequire\([^()]*(?:\([^()]*\))?[^()]*,\s*f?["']"""
    )
    offences = [
        f"{path}: {match.group(0)}"
        for path in Path(settings.BASE_DIR, "khoi").rglob("*.py")
        if "tests" not in path.parts
        for match in literal.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offences == []
