"""API throttles: per client address before signing in, per person after, in one error shape."""

import pytest
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from tests.api.helpers import areas_url

pytestmark = pytest.mark.django_db

HERE = "198.51.100.50"


class OpenView(APIView):
    """An endpoint anyone may call, with the portal's default throttles."""

    permission_classes = [AllowAny]

    def get(self, request):
        return Response({"ok": True})


def call_open_view(address=HERE, **headers):
    request = APIRequestFactory().get("/api/open/", REMOTE_ADDR=address, **headers)
    return OpenView.as_view()(request)


def test_anonymous_calls_over_the_rate_are_throttled_per_client_address(settings):
    settings.API_THROTTLE_ANONYMOUS = "2/minute"

    responses = [call_open_view() for _ in range(3)]
    elsewhere = call_open_view(address="198.51.100.51")

    assert [response.status_code for response in responses] == [200, 200, 429]
    assert responses[-1].data["code"] == "throttled"
    assert responses[-1].data["fields"] == {}
    assert 0 < int(responses[-1]["Retry-After"]) <= 60
    assert elsewhere.status_code == 200


def test_forged_forwarded_for_does_not_escape_the_anonymous_throttle(settings):
    settings.API_THROTTLE_ANONYMOUS = "2/minute"

    statuses = [call_open_view(HTTP_X_FORWARDED_FOR=f"10.0.0.{number}").status_code for number in range(3)]

    assert statuses == [200, 200, 429]


def test_behind_a_trusted_proxy_each_reported_client_has_its_own_allowance(settings):
    settings.API_THROTTLE_ANONYMOUS = "1/minute"
    settings.TRUSTED_PROXY_COUNT = 1

    first = call_open_view(address="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    second = call_open_view(address="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.2")
    first_again = call_open_view(address="10.1.1.1", HTTP_X_FORWARDED_FOR="203.0.113.1")

    assert (first.status_code, second.status_code, first_again.status_code) == (200, 200, 429)


def test_signed_in_calls_over_the_rate_are_throttled_per_person(settings, token_client_for, member, contact):
    settings.API_THROTTLE_PERSON = "3/minute"
    scripts = [token_client_for(member), token_client_for(member, name="second script")]

    statuses = [
        scripts[number % 2].get(areas_url(), REMOTE_ADDR=f"198.51.100.{number}").status_code
        for number in range(4)
    ]
    other_person = token_client_for(contact).get(areas_url())

    assert statuses == [200, 200, 200, 429]
    assert other_person.status_code == 200


def test_session_calls_count_towards_the_same_person(settings, api_client_for, token_client_for, member):
    settings.API_THROTTLE_PERSON = "2/minute"
    token_client_for(member).get(areas_url())
    api_client_for(member).get(areas_url())

    response = api_client_for(member).get(areas_url())

    assert response.status_code == 429
    assert response.json()["code"] == "throttled"


def test_api_answers_when_the_limits_cache_is_down(settings, token_client_for, member):
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }

    response = token_client_for(member).get(areas_url())

    assert response.status_code == 200
