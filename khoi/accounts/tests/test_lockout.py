"""Login attempt limits (django-axes): per account and per address, refused before any password
hash is computed, explained in Vietnamese, lifted by the Office."""

from __future__ import annotations

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.test import Client, RequestFactory, override_settings

from khoi.accounts.lockout import client_ip
from khoi.accounts.selectors import locked_logins
from khoi.accounts.services import unlock_login
from khoi.accounts.tests.factories import PASSWORD

LIMIT = settings.AXES_FAILURE_LIMIT


def _fail(username: str, *, times: int, address: str = "10.0.0.1") -> None:
    client = Client(REMOTE_ADDR=address)
    for _ in range(times):
        response = client.post("/accounts/login/", {"username": username, "password": "sai-mat-khau"})
        assert response.status_code in (200, 429)


def _login(username: str, password: str = PASSWORD, address: str = "10.0.0.1"):
    return Client(REMOTE_ADDR=address).post("/accounts/login/", {"username": username, "password": password})


@pytest.fixture
def hash_calls(monkeypatch):
    """Counts the password checks that reach Django's ModelBackend (each one hashes a password)."""
    calls: list[str] = []
    original = ModelBackend.authenticate

    def counting(self, request, username=None, password=None, **kwargs):
        calls.append(username or "")
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", counting)
    return calls


def test_failures_under_the_limit_leave_the_account_open(staff_user):
    _fail(staff_user.username, times=LIMIT - 1)
    assert _login(staff_user.username).status_code == 302


def test_an_account_is_locked_after_too_many_wrong_passwords_even_from_other_addresses(staff_user):
    for number in range(LIMIT):
        _fail(staff_user.username, times=1, address=f"10.0.1.{number}")
    response = _login(staff_user.username, address="10.9.9.9")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert f"{settings.AXES_COOLOFF_TIME.seconds // 60} phút" in page
    assert "Văn phòng Đảng ủy Khối" in page
    assert "_auth_user_id" not in Client().session


def test_an_address_is_locked_after_too_many_wrong_passwords_for_any_accounts(staff_user, leader_user):
    for number in range(LIMIT):
        _fail(f"khong-co-{number}", times=1, address="10.0.2.1")
    assert _login(leader_user.username, address="10.0.2.1").status_code == 429
    assert _login(staff_user.username, address="10.0.2.2").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_the_addresss_failures(staff_user, leader_user):
    for number in range(LIMIT - 1):
        _fail(f"doan-mo-{number}", times=1, address="10.0.6.6")
        assert _login(staff_user.username, address="10.0.6.6").status_code == 302
    _fail("doan-mo-cuoi", times=1, address="10.0.6.6")
    assert _login(leader_user.username, address="10.0.6.6").status_code == 429


def test_a_locked_account_or_address_is_refused_before_any_password_is_hashed(staff_user, hash_calls):
    _fail(staff_user.username, times=LIMIT)
    assert len(hash_calls) == LIMIT
    hash_calls.clear()
    for _ in range(3):
        assert _login(staff_user.username).status_code == 429
        assert _login("someone-else", address="10.0.0.1").status_code == 429
    assert hash_calls == []


def test_the_lock_page_is_english_when_the_interface_is(staff_user):
    _fail(staff_user.username, times=LIMIT)
    client = Client(REMOTE_ADDR="10.0.0.1")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.post("/accounts/login/", {"username": staff_user.username, "password": PASSWORD}).content.decode()
    assert "Signing in is locked" in page and "Office" in page
    assert "Tạm khóa" not in page


def test_failures_while_locked_do_not_prolong_the_lock(staff_user):
    _fail(staff_user.username, times=LIMIT)
    before = list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start"))
    _fail(staff_user.username, times=3)
    assert list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start")) == before


def test_the_lock_ends_by_itself_after_the_lock_period(staff_user):
    _fail(staff_user.username, times=LIMIT)
    AccessAttempt.objects.update(
        attempt_time=dt.datetime.now(dt.UTC) - settings.AXES_COOLOFF_TIME - dt.timedelta(minutes=1)
    )
    assert locked_logins() == []
    assert _login(staff_user.username).status_code == 302


def test_the_office_sees_the_locked_account_and_address_and_unlocks_them(staff_user, leader_user, staff_client):
    _fail(leader_user.username, times=LIMIT, address="10.0.3.3")
    page = staff_client.get("/accounts/locks/").content.decode()
    assert "Đăng nhập bị khóa" in page and leader_user.username in page and "10.0.3.3" in page
    assert {(login.kind, login.value) for login in locked_logins()} == {
        ("account", leader_user.username),
        ("address", "10.0.3.3"),
    }

    response = staff_client.post("/accounts/locks/unlock/", {"account": leader_user.username})
    assert response.status_code == 302
    assert [(login.kind, login.value) for login in locked_logins()] == []
    assert _login(leader_user.username, address="10.0.3.4").status_code == 302


def test_unlocking_an_address_leaves_the_other_addresses_locked(staff_user):
    _fail("a", times=LIMIT, address="10.0.4.1")
    _fail("b", times=LIMIT, address="10.0.4.2")
    unlock_login(address="10.0.4.1")
    assert {login.value for login in locked_logins() if login.kind == "address"} == {"10.0.4.2"}


def test_only_admins_and_the_office_may_see_or_lift_locks(
    db, propaganda_client, reporter_a_client, leader_client, admin_client
):
    for client in (propaganda_client, reporter_a_client, leader_client):
        assert client.get("/accounts/locks/").status_code == 403
        assert client.post("/accounts/locks/unlock/", {"account": "x"}).status_code == 403
    assert admin_client.get("/accounts/locks/").status_code == 200
    assert Client().get("/accounts/locks/").status_code == 302


def test_unlock_needs_exactly_one_of_an_account_or_an_address(staff_client):
    response = staff_client.post("/accounts/locks/unlock/", {"account": "a", "address": "10.0.0.1"}, follow=True)
    assert "Hãy chỉ rõ một tài khoản hoặc một địa chỉ" in response.content.decode()


def test_the_admin_login_is_limited_too(admin_user):
    client = Client(REMOTE_ADDR="10.0.5.5")
    for _ in range(LIMIT):
        client.post("/admin/login/", {"username": admin_user.username, "password": "sai"})
    assert client.post("/admin/login/", {"username": admin_user.username, "password": PASSWORD}).status_code == 429


def test_the_client_address_is_the_connection_unless_proxies_are_declared():
    request = RequestFactory().get("/", REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "10.1.1.1"
    with override_settings(KHOI_PROXY_COUNT=1):
        assert client_ip(request) == "203.0.113.7"
    with override_settings(KHOI_PROXY_COUNT=2):
        assert client_ip(request) == "6.6.6.6"
    with override_settings(KHOI_PROXY_COUNT=3):
        assert client_ip(request) == "10.1.1.1"
