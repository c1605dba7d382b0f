"""Who may read each endpoint: members and staff read everything; people whose organizations are
suspended get 403; anonymous callers get 401 with the header that tells them how to sign in."""

import pytest
from django.urls import reverse

from tests.api.helpers import (
    action_url,
    actions_url,
    area_url,
    areas_url,
    indicator_url,
    indicators_url,
    updates_url,
)
from tests.roadmap.factories import IndicatorFactory, StatusUpdateFactory


@pytest.fixture
def endpoints(action, lead):
    """Every address of the API that reads, with one object of each kind behind it."""
    StatusUpdateFactory(action=action, author=lead)
    indicator = IndicatorFactory(area=action.area)
    return [
        reverse("api:api-root"),
        areas_url(),
        area_url(action.area.code),
        actions_url(),
        action_url(action.code),
        updates_url(action.code),
        indicators_url(),
        indicator_url(indicator.pk),
    ]


def test_anonymous_caller_gets_401_with_bearer_challenge_everywhere(api_client_for, endpoints):
    client = api_client_for(None)

    for url in endpoints:
        response = client.get(url)

        assert response.status_code == 401, url
        assert response["WWW-Authenticate"] == "Bearer"
        assert response.json() == {
            "detail": "Authentication credentials were not provided.",
            "code": "not_authenticated",
            "fields": {},
        }


def test_person_of_suspended_organization_gets_403_everywhere(api_client_for, suspended_member, endpoints):
    client = api_client_for(suspended_member)

    for url in endpoints:
        response = client.get(url)

        assert response.status_code == 403, url
        assert response.json()["code"] == "permission_denied"
        assert response.json()["detail"] == (
            "Only people of active member organizations and the secretariat may use the API."
        )


@pytest.mark.parametrize("role", ["member", "contact", "outsider", "lead", "other_lead", "staff"])
def test_members_and_staff_read_everything(request, api_client_for, endpoints, role):
    client = api_client_for(request.getfixturevalue(role))

    for url in endpoints:
        assert client.get(url).status_code == 200, url


def test_deactivated_person_with_a_session_gets_401(api_client_for, member, endpoints):
    client = api_client_for(member)
    member.is_active = False
    member.save()

    assert client.get(actions_url()).status_code == 401


def test_unknown_action_code_is_a_json_404(api_client_for, member, action):
    client = api_client_for(member)

    for url in (action_url("NOPE-1"), updates_url("NOPE-1")):
        response = client.get(url)

        assert response.status_code == 404
        assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}


def test_unknown_area_is_a_json_404(api_client_for, member, area):
    response = api_client_for(member).get(area_url("NOPE"))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_writing_to_a_read_only_endpoint_is_405_json(api_client_for, staff, action):
    response = api_client_for(staff).delete(action_url(action.code))

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/indicators/6.3e-305/"),
        ("post", "/api/v1/patents/requests/0.5/accept/"),
        ("get", "/api/v1/no-such-endpoint/"),
    ],
)
def test_an_address_under_the_api_that_matches_no_endpoint_answers_a_json_404(
    api_client_for, member, method, path
):
    response = getattr(api_client_for(member), method)(path)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found.", "code": "not_found", "fields": {}}
