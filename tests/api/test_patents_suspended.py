"""The API keeps to the suspension rules of the pages: a suspended organization's listings are
served to staff only, its people cannot act for it (even those who also belong to an active
organization), and its open requests are on hold for the other side (`is_on_hold`, no actions,
every action refused with 400) until it is reinstated.

The cast (patents_fixtures): Prairie Lithium (`other_organization`, licensing contact `outsider`)
owns `listing`; Northern Cells (`organization`: `contact`, `member`) asks for it. Tess is also a
contact of Prairie Lithium, Rob also a member of Northern Cells; both belong to an active third
company."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.organizations.models import Membership
from apps.organizations.services.lifecycle import organization_reinstate, organization_suspend
from apps.patents.models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition, PatentListing
from tests.api.patents_fixtures import listing_of, listing_url, listings_url, request_action_url, request_url
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

ON_HOLD = (
    "This request is on hold: neither side can act on it for now. It resumes as it was once the hold "
    "is lifted."
)
PAYLOADS = {
    "accept": {},
    "licence": {"licensed_on": "2025-01-15"},
    "decline": {"reason": "Not now."},
    "withdraw": {},
    "message": {"body": "Any news?"},
}


def written():
    """Requests' statuses, transitions, messages and events: what a refusal leaves unchanged."""
    return (
        list(LicenceRequest.objects.order_by("pk").values_list("status", flat=True)),
        LicenceRequestTransition.objects.count(),
        LicenceRequestMessage.objects.count(),
        Event.objects.count(),
    )


@pytest.fixture
def third_company(db):
    return OrganizationFactory(name="Active Anodes")


@pytest.fixture
def tess(other_organization, third_company):
    user = UserFactory(full_name="Tess Twohats", email="tess@active-anodes.ca")
    MembershipFactory(user=user, organization=other_organization, role=Membership.Role.CONTACT)
    MembershipFactory(user=user, organization=third_company)
    return user


@pytest.fixture
def rob(organization, third_company):
    user = UserFactory(full_name="Rob Twohats", email="rob@active-anodes.ca")
    MembershipFactory(user=user, organization=organization)
    MembershipFactory(user=user, organization=third_company)
    return user


@pytest.fixture
def act(api_client_for, django_capture_on_commit_callbacks):
    """`act(person, licence_request, action)`: the API's POST, its e-mails sent as after a commit."""

    def post(person, licence_request, action):
        with django_capture_on_commit_callbacks(execute=True):
            return api_client_for(person).post(
                request_action_url(licence_request.pk, action), PAYLOADS[action], format="json"
            )

    return post


def suspend(organization, staff):
    organization_suspend(organization=organization, actor=staff, reason="Membership fee unpaid")


# Listings


@pytest.mark.parametrize(
    "state",
    [
        {},
        {"status": PatentListing.Status.DRAFT, "published_at": None},
        {"is_hidden": True, "hidden_reason": "Duplicate"},
    ],
)
@pytest.mark.parametrize("role, expected", [("tess", 404), ("member", 404), ("staff", 200)])
def test_listings_of_a_suspended_owner_are_served_to_staff_only(
    role, expected, state, request, api_client_for, other_organization, staff
):
    listing = listing_of(other_organization, **state)
    suspend(other_organization, staff)
    client = api_client_for(request.getfixturevalue(role))

    assert client.get(listing_url(listing.pk)).status_code == expected
    listed = {row["id"] for row in client.get(listings_url(), {"page_size": 100}).json()["results"]}
    assert (listing.pk in listed) is (expected == 200)


# Requests: people acting for a suspended organization through another membership


@pytest.mark.parametrize("action", ["accept", "decline", "message"])
def test_contact_of_a_suspended_owner_cannot_answer_through_another_membership(
    action, act, api_client_for, pending_request, other_organization, tess, staff
):
    suspend(other_organization, staff)
    before = written()
    mail.outbox.clear()

    response = act(tess, pending_request, action)

    assert response.status_code == 404
    assert written() == before
    assert mail.outbox == []
    assert api_client_for(tess).get(request_url(pending_request.pk)).status_code == 404


def test_contact_of_a_suspended_owner_cannot_record_a_licence_through_another_membership(
    act, accepted_request, other_organization, tess, staff
):
    suspend(other_organization, staff)
    before = written()

    assert act(tess, accepted_request, "licence").status_code == 404
    assert written() == before


@pytest.mark.parametrize("action", ["withdraw", "message"])
def test_member_of_a_suspended_requester_cannot_act_through_another_membership(
    action, act, api_client_for, pending_request, organization, rob, staff
):
    suspend(organization, staff)
    before = written()

    assert act(rob, pending_request, action).status_code == 404
    assert written() == before
    listed = api_client_for(rob).get(reverse("api:licence-request-list")).json()["results"]
    assert listed == []


# Requests on hold: the other side sees it and cannot act


def test_the_other_side_sees_the_request_on_hold_with_no_actions(
    api_client_for, pending_request, other_organization, member, staff
):
    suspend(other_organization, staff)

    body = api_client_for(member).get(request_url(pending_request.pk)).json()
    listed = api_client_for(member).get(reverse("api:licence-request-list")).json()["results"]

    assert (body["status"], body["is_on_hold"], body["available_actions"]) == ("pending", True, [])
    assert [(row["id"], row["is_on_hold"], row["available_actions"]) for row in listed] == [
        (pending_request.pk, True, [])
    ]
    assert "suspended" not in str(body).lower()


@pytest.mark.parametrize(
    "role, action",
    [
        ("member", "withdraw"),
        ("member", "message"),
    ],
)
def test_requester_cannot_act_while_the_owner_is_suspended(
    role, action, request, act, pending_request, other_organization, staff
):
    suspend(other_organization, staff)
    before = written()
    mail.outbox.clear()

    response = act(request.getfixturevalue(role), pending_request, action)

    assert response.status_code == 400
    assert response.json()["detail"] == ON_HOLD
    assert written() == before
    assert mail.outbox == []


@pytest.mark.parametrize("action", ["licence", "decline", "message"])
def test_owner_cannot_act_on_an_accepted_request_of_a_suspended_requester(
    action, act, accepted_request, organization, outsider, staff
):
    suspend(organization, staff)
    before = written()
    mail.outbox.clear()

    response = act(outsider, accepted_request, action)

    assert response.status_code == 400
    assert response.json()["detail"] == ON_HOLD
    assert written() == before
    assert LicenceRequest.objects.get().licensed_on is None
    assert mail.outbox == []


def test_a_request_on_hold_resumes_when_the_organization_is_reinstated(
    act, api_client_for, accepted_request, organization, outsider, member, staff
):
    suspend(organization, staff)
    organization_reinstate(organization=organization, actor=staff, reason="Fee paid")

    body = api_client_for(member).get(request_url(accepted_request.pk)).json()
    assert (body["is_on_hold"], body["available_actions"]) == (False, ["withdraw", "message"])
    response = act(outsider, accepted_request, "licence")
    assert response.status_code == 200
    assert response.json()["status"] == "licensed"


def test_the_schema_documents_the_hold(api_client_for, member):
    schemas = (
        api_client_for(member).get(reverse("api:schema"), {"format": "json"}).json()["components"]["schemas"]
    )

    field = schemas["LicenceRequest"]["properties"]["is_on_hold"]
    assert (field["type"], field["readOnly"]) == ("boolean", True)
    assert "on hold" in field["description"]
    assert (
        "Empty while the request is on hold"
        in (schemas["LicenceRequest"]["properties"]["available_actions"]["description"])
    )
