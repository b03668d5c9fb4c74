"""Signing in and out, changing one's password, switching the interface to English."""

from django.test import Client
from django.utils import translation

from khoi.accounts.tests.factories import PASSWORD


def test_a_member_signs_in_and_lands_on_the_home_page(staff_user):
    client = Client()
    response = client.post("/accounts/login/", {"username": staff_user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200


def test_a_wrong_password_is_refused_in_vietnamese(staff_user):
    response = Client().post("/accounts/login/", {"username": staff_user.username, "password": "sai"})
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session
    assert "mật khẩu" in response.content.decode().lower()


def test_signing_out_ends_the_session(staff_client):
    response = staff_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert staff_client.get("/units/").status_code == 302


def test_a_member_changes_their_password(staff_user, staff_client):
    response = staff_client.post(
        "/accounts/password/",
        {"old_password": PASSWORD, "new_password1": "Hai-Phong-2025!x", "new_password2": "Hai-Phong-2025!x"},
    )
    assert response.status_code == 302
    staff_user.refresh_from_db()
    assert staff_user.check_password("Hai-Phong-2025!x")


def test_the_register_switches_to_english(staff_client, unit_a):
    staff_client.post("/i18n/setlang/", {"language": "en", "next": "/units/"})
    try:
        page = staff_client.get("/units/").content.decode()
    finally:
        translation.activate("vi")  # the request left this thread in English
    assert "Register of units" in page and "Base Party committee" in page
    assert "Danh sách đơn vị" not in page
