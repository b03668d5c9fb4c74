"""API error bodies are Vietnamese by default and English with the English language cookie, for
the messages of DRF, Django, django-filter and knox as much as for our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rest_framework
from babel.messages.extract import extract_from_file
from django.conf import settings
from django.test import Client
from django.utils import translation
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

DRF = Path(rest_framework.__file__).parent
# The modules whose messages reach an API answer (Basic authentication is not used any more).
DRF_MODULES = ["exceptions.py", "fields.py", "relations.py", "serializers.py", "validators.py", "pagination.py"]
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2)}


def drf_messages() -> list[str]:
    found = []
    for module in DRF_MODULES:
        for _lineno, message, _comments, _context in extract_from_file("python", DRF / module, keywords=KEYWORDS):
            found.append(message if isinstance(message, str) else message[0])
    return sorted(set(found))


@pytest.mark.parametrize("message", drf_messages())
def test_every_drf_message_an_api_answer_can_carry_is_translated_into_vietnamese(message):
    with translation.override("vi"):
        assert translation.gettext(message) != message


def english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def detail(response) -> object:
    return json.loads(response.content)


@pytest.fixture
def office_api(staff_user) -> Client:
    client = Client()
    client.force_login(staff_user)
    return client


def patch(client: Client, unit, data: object, **extra):
    return client.patch(f"/api/v1/units/{unit.pk}/", data, content_type="application/json", **extra)


def test_a_text_too_long(office_api, unit_a):
    response = patch(office_api, unit_a, {"name": "x" * 300})
    assert response.status_code == 400
    assert detail(response) == {"name": ["Trường này chỉ được dài tối đa 255 ký tự."]}
    assert detail(patch(english(office_api), unit_a, {"name": "x" * 300})) == {
        "name": ["Ensure this field has no more than 255 characters."]
    }


def test_an_unknown_related_id(office_api, unit_a):
    response = patch(office_api, unit_a, {"zone": 999999})
    assert detail(response) == {"zone": ["Mã “999999” không hợp lệ: không có đối tượng nào mang mã này."]}
    assert detail(patch(english(office_api), unit_a, {"zone": 999999})) == {
        "zone": ['Invalid pk "999999" - object does not exist.']
    }


def test_a_number_that_is_not_one(office_api, unit_a):
    assert detail(patch(office_api, unit_a, {"registered_capital": "nhiều"})) == {
        "registered_capital": ["Phải là một số hợp lệ."]
    }


def test_not_signed_in(db):
    response = Client().get("/api/v1/units/")
    assert response.status_code == 401
    assert detail(response)["detail"].startswith("Chưa có thông tin xác thực")
    assert detail(english(Client()).get("/api/v1/units/"))["detail"] == "Authentication credentials were not provided."


def test_a_wrong_token(db):
    response = Client().get("/api/v1/units/", HTTP_AUTHORIZATION="Token khoi_sai")
    assert response.status_code == 401
    assert detail(response)["detail"] == "Mã truy cập không hợp lệ, đã hết hạn hoặc đã bị thu hồi."
    answer = english(Client()).get("/api/v1/units/", HTTP_AUTHORIZATION="Token khoi_sai")
    assert detail(answer)["detail"] == "Invalid token."


def test_permission_denied_keeps_the_reason_our_code_gave(reporter_a_client, unit_a):
    response = reporter_a_client.post("/api/v1/units/", {}, content_type="application/json")
    assert response.status_code == 403
    assert detail(response)["detail"] == "Bạn không có quyền thực hiện thao tác này."
    answer = english(reporter_a_client).post("/api/v1/units/", {}, content_type="application/json")
    assert detail(answer)["detail"] == "You do not have permission to do this."


def test_not_found(office_api):
    response = office_api.get("/api/v1/units/999999/")
    assert response.status_code == 404
    assert detail(response)["detail"] in ("Không tìm thấy.", "Không tìm thấy đơn vị.")
    assert detail(english(office_api).get("/api/v1/units/999999/"))["detail"] in ("Not found.", "No such unit.")


def test_a_session_write_without_the_csrf_token(staff_user, unit_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user)
    response = patch(client, unit_a, {"name": "Tên mới"})
    assert response.status_code == 403
    assert detail(response)["detail"].startswith("Yêu cầu không có mã bảo mật (CSRF) hợp lệ")
    assert "CSRF Failed" not in response.content.decode()
    assert detail(patch(english(client), unit_a, {"name": "Tên mới"}))["detail"].startswith(
        "The request has no valid security token (CSRF)"
    )
    unit_a.refresh_from_db()
    assert unit_a.name != "Tên mới"


def test_a_method_not_allowed(office_api):
    response = office_api.delete("/api/v1/units/")
    assert response.status_code == 405
    assert detail(response)["detail"] == "Không chấp nhận phương thức “DELETE”."
    assert detail(english(office_api).delete("/api/v1/units/"))["detail"] == 'Method "DELETE" not allowed.'


def test_a_body_that_is_not_json(office_api, unit_a):
    response = patch(office_api, unit_a, '{"name": ')
    assert response.status_code == 400
    assert detail(response)["detail"] == "Nội dung yêu cầu không phải JSON hợp lệ (dòng 1, cột 10)."
    answer = patch(english(office_api), unit_a, '{"name": ')
    assert detail(answer)["detail"] == "The request body is not valid JSON (line 1, column 10)."


class OncePerMinute(SimpleRateThrottle):
    rate = "1/min"
    scope = "test"

    def get_cache_key(self, request, view):
        return "test-throttle"


class ThrottledView(APIView):
    authentication_classes: list[type] = []
    permission_classes: list[type] = []
    throttle_classes = [OncePerMinute]

    def get(self, request):
        return Response({"ok": True})


def test_too_many_requests(db):
    from django.core.cache import cache

    cache.delete("test-throttle")
    view = ThrottledView.as_view()
    factory = APIRequestFactory()
    assert view(factory.get("/")).status_code == 200
    with translation.override("vi"):
        response = view(factory.get("/"))
        response.render()
    assert response.status_code == 429
    assert detail(response)["detail"].startswith("Có quá nhiều yêu cầu trong thời gian ngắn. Hãy thử lại sau ")
    with translation.override("en"):
        response = view(factory.get("/"))
        response.render()
    assert detail(response)["detail"].startswith("Request was throttled. Expected available in ")
