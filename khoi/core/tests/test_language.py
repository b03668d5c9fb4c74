"""Vietnamese is the default whatever the browser asks for; English when the user chooses it."""

from django.test import Client


def test_pages_are_vietnamese_even_for_an_english_browser(db):
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    assert "Đăng nhập" in response.content.decode()


def test_the_language_switch_turns_the_interface_english(db):
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    page = client.get("/accounts/login/").content.decode()
    assert "Sign in" in page
    assert "Đăng nhập" not in page


def test_an_unknown_language_cookie_falls_back_to_vietnamese(db):
    client = Client()
    client.cookies["django_language"] = "xx"
    assert "Đăng nhập" in client.get("/accounts/login/").content.decode()


def test_the_health_check_answers_without_login(db):
    assert Client().get("/health/").content == b"ok"


def test_the_home_page_sends_anonymous_visitors_to_login(db):
    response = Client().get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_home_page_lists_the_modules_in_vietnamese(staff_client):
    page = staff_client.get("/").content.decode()
    assert "Danh sách đơn vị" in page
    assert "Xin chào" in page


def test_a_reporter_home_page_loads_its_forms_due_and_marketplace_suggestions(reporter_a_client):
    page = reporter_a_client.get("/").content.decode()
    assert 'hx-get="/reporting/home-panel/"' in page
    assert 'hx-get="/market/suggestions/"' in page
    panel = reporter_a_client.get("/reporting/home-panel/")
    assert panel.status_code == 200
    assert "Biểu mẫu cần nộp" in panel.content.decode()


def test_staff_get_no_forms_due_panel(staff_client):
    assert staff_client.get("/reporting/home-panel/").content == b""


def test_leadership_gets_no_marketplace_suggestions_panel(leader_client):
    assert 'hx-get="/market/suggestions/"' not in leader_client.get("/").content.decode()
