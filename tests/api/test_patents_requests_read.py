"""/api/v1/patents/requests/ (list and detail): only the requesting organization's people, the
owner's licensing contacts and staff see a request; nobody else, in a list or by its id."""

import pytest

from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest
from tests.api.patents_fixtures import request_url, requests_url
from tests.factories import MembershipFactory, UserFactory
from tests.patents.factories import LicenceRequestMessageFactory


def request_ids(response) -> list[int]:
    return [row["id"] for row in response.json()["results"]]


@pytest.fixture
def people(member, contact, outsider, owner_member, bystander, staff, suspended_member):
    return {
        "member": member,
        "contact": contact,
        "outsider": outsider,
        "owner_member": owner_member,
        "bystander": bystander,
        "staff": staff,
        "suspended_member": suspended_member,
    }


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ("member", 200),
        ("contact", 200),
        ("outsider", 200),
        ("staff", 200),
        ("owner_member", 404),
        ("bystander", 404),
        ("suspended_member", 403),
        (None, 401),
    ],
)
def test_who_may_open_a_request(api_client_for, people, pending_request, person, expected):
    response = api_client_for(people.get(person)).get(request_url(pending_request.pk))

    assert response.status_code == expected


@pytest.mark.parametrize(
    ("person", "visible"),
    [
        ("member", True),
        ("contact", True),
        ("outsider", True),
        ("staff", True),
        ("owner_member", False),
        ("bystander", False),
    ],
)
def test_list_shows_only_ones_own_requests(api_client_for, people, pending_request, person, visible):
    response = api_client_for(people[person]).get(requests_url())

    assert response.status_code == 200
    assert request_ids(response) == ([pending_request.pk] if visible else [])


def test_anonymous_and_suspended_cannot_list(api_client_for, suspended_member, pending_request):
    assert api_client_for(None).get(requests_url()).status_code == 401
    assert api_client_for(suspended_member).get(requests_url()).status_code == 403


def test_chosen_licensing_contact_replaces_the_other_contacts(
    api_client_for, other_organization, outsider, pending_request
):
    chosen = UserFactory(full_name="Lina Licensing")
    MembershipFactory(
        user=chosen, organization=other_organization, role=Membership.Role.CONTACT, handles_licensing=True
    )

    assert api_client_for(chosen).get(request_url(pending_request.pk)).status_code == 200
    assert api_client_for(outsider).get(request_url(pending_request.pk)).status_code == 404
    assert request_ids(api_client_for(outsider).get(requests_url())) == []


def test_detail_shows_history_messages_and_each_sides_actions(
    api_client_for, member, outsider, staff, pending_request
):
    LicenceRequestMessageFactory(request=pending_request, author=outsider, body="Which field of use?")

    requester_view = api_client_for(member).get(request_url(pending_request.pk)).json()
    owner_view = api_client_for(outsider).get(request_url(pending_request.pk)).json()
    staff_view = api_client_for(staff).get(request_url(pending_request.pk)).json()

    assert requester_view["status"] == "pending"
    assert requester_view["status_label"] == "Pending"
    assert requester_view["requesting_organization"]["name"] == "Northern Cells Inc."
    assert requester_view["requested_by"] == {"id": member.pk, "full_name": "Mo Member"}
    assert requester_view["listing"]["title"] == "Dry electrode coating"
    assert [
        (row["from_status"], row["to_status"], row["actor"]["full_name"])
        for row in requester_view["transitions"]
    ] == [("", "pending", "Mo Member")]
    assert [(row["author"]["full_name"], row["body"]) for row in requester_view["messages"]] == [
        ("Oscar Outsider", "Which field of use?")
    ]
    assert (requester_view["side"], requester_view["available_actions"]) == (
        "requester",
        ["withdraw", "message"],
    )
    assert (owner_view["side"], owner_view["available_actions"]) == (
        "owner",
        ["accept", "decline", "message"],
    )
    assert (staff_view["side"], staff_view["available_actions"]) == ("observer", [])


def test_list_filters_by_status(api_client_for, member, pending_request, listing, organization):
    from tests.patents.factories import LicenceRequestFactory

    declined = LicenceRequestFactory(
        listing=listing,
        requesting_organization=organization,
        requested_by=member,
        status=LicenceRequest.Status.DECLINED,
    )
    client = api_client_for(member)

    assert request_ids(client.get(requests_url(), {"status": "declined"})) == [declined.pk]
    assert request_ids(client.get(requests_url(), {"status": "pending"})) == [pending_request.pk]
    assert client.get(requests_url(), {"status": "lost"}).status_code == 400
