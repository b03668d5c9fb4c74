"""API tokens (django-rest-knox): made and revoked on the profile page, the only way a script
authenticates; HTTP Basic (a password on every call) is gone."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from khoi.accounts.models import ApiToken
from khoi.accounts.services import TOKENS_PER_USER, api_token_create
from khoi.accounts.tests.factories import PASSWORD


def _create_on_profile(client: Client, name: str = "Kịch bản xuất số liệu", days: int = 90) -> str:
    response = client.post("/accounts/profile/", {"name": name, "days": days})
    assert response.status_code == 200
    match = re.search(r'<code class="token-secret">([^<]+)</code>', response.content.decode())
    assert match, "the new token is shown once"
    return match.group(1)


def test_a_member_creates_a_token_on_the_profile_page_and_calls_the_api_with_it(staff_user, staff_client, unit_a):
    secret = _create_on_profile(staff_client)
    assert secret.startswith("khoi_")
    token = ApiToken.objects.get(user=staff_user)
    assert token.name == "Kịch bản xuất số liệu"
    assert secret not in token.digest  # only a hash is stored
    assert token.expiry is not None and token.expiry - timezone.now() > dt.timedelta(days=89)

    response = Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_the_profile_lists_the_tokens_without_their_secret(staff_client):
    secret = _create_on_profile(staff_client)
    page = staff_client.get("/accounts/profile/").content.decode()
    assert "Kịch bản xuất số liệu" in page and secret[:15] in page
    assert secret not in page


def test_a_revoked_token_no_longer_opens_the_api(staff_user, staff_client):
    secret = _create_on_profile(staff_client)
    key = ApiToken.objects.get(user=staff_user).token_key
    response = staff_client.post(f"/accounts/profile/tokens/{key}/revoke/")
    assert response.status_code == 302
    answer = Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {secret}")
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."


def test_no_one_revokes_another_persons_token(staff_user, reporter_a_client):
    token, secret = api_token_create(user=staff_user, name="Báo cáo", days=30)
    assert reporter_a_client.post(f"/accounts/profile/tokens/{token.token_key}/revoke/").status_code == 404
    assert Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 200


def test_an_expired_token_is_refused(staff_user):
    token, secret = api_token_create(user=staff_user, name="Cũ", days=30)
    ApiToken.objects.filter(pk=token.pk).update(expiry=timezone.now() - dt.timedelta(seconds=1))
    assert Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401


def test_a_token_of_an_inactive_account_is_refused(staff_user):
    _token, secret = api_token_create(user=staff_user, name="Kịch bản", days=30)
    staff_user.is_active = False
    staff_user.save()
    assert Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {secret}").status_code == 401


def test_http_basic_with_a_correct_password_is_no_longer_accepted(staff_user):
    credentials = base64.b64encode(f"{staff_user.username}:{PASSWORD}".encode()).decode()
    response = Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Basic {credentials}")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_token_needs_a_name_and_an_offered_validity(staff_client, staff_user):
    assert staff_client.post("/accounts/profile/", {"name": "  ", "days": 90}).status_code == 400
    assert staff_client.post("/accounts/profile/", {"name": "x", "days": 7}).status_code == 400
    with pytest.raises(ValidationError):
        api_token_create(user=staff_user, name="\x00\x01", days=90)
    assert not ApiToken.objects.exists()


def test_a_member_has_at_most_ten_tokens(staff_user, staff_client):
    for number in range(TOKENS_PER_USER):
        api_token_create(user=staff_user, name=f"Mã {number}", days=30)
    response = staff_client.post("/accounts/profile/", {"name": "Một mã nữa", "days": 30})
    assert response.status_code == 400
    assert "thu hồi một mã không còn dùng" in response.content.decode()
    assert ApiToken.objects.filter(user=staff_user).count() == TOKENS_PER_USER


def test_the_profile_page_needs_a_signed_in_member():
    response = Client().get("/accounts/profile/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_openapi_schema_documents_the_token_and_no_basic_authentication(staff_client):
    schema = staff_client.get("/api/schema/", {"format": "json"}).json()
    schemes = schema["components"]["securitySchemes"]
    assert schemes["knoxApiToken"]["in"] == "header" and schemes["knoxApiToken"]["name"] == "Authorization"
    assert "basicAuth" not in schemes
    assert "Authorization: Token" in schema["info"]["description"]
