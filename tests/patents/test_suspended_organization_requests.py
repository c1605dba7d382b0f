"""A suspended organization's licence requests are on hold: its people cannot act for it (even
those who also belong to an active organization), the other side sees "On hold" without a reason
and cannot act either, and everything resumes as it was on reinstatement.

The cast (requests_support): Northern Cells (`organization`, licensing contact `contact`) owns
`listing`; Prairie Lithium (`other_organization`, `requester`) asks for it. Tess is also a contact
of Northern Cells, Rob also a member of Prairie Lithium; both belong to an active third company."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.organizations.models import Membership
from apps.organizations.services.lifecycle import organization_reinstate, organization_suspend
from apps.patents.models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .requests_support import *  # noqa: F403

ON_HOLD = "This request is on hold: neither side can act on it for now."

ACTIONS = {
    "accept": {},
    "licence": {"signed_on": "2025-01-15"},
    "decline": {"reason": "Not now."},
    "withdraw": {},
    "message": {"body": "Any news?"},
}


def action_url(licence_request, action):
    return reverse(f"patents:request_{action}", kwargs={"pk": licence_request.pk})


def detail_url(licence_request):
    return reverse("patents:request_detail", kwargs={"pk": licence_request.pk})


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
def tess(organization, third_company):
    """A contact of the owner, Northern Cells, who also works with an active third company."""
    user = UserFactory(full_name="Tess Twohats", email="tess@active-anodes.ca")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.CONTACT)
    MembershipFactory(user=user, organization=third_company)
    return user


@pytest.fixture
def rob(other_organization, third_company):
    """A member of the requester, Prairie Lithium, who also works with an active third company."""
    user = UserFactory(full_name="Rob Twohats", email="rob@active-anodes.ca")
    MembershipFactory(user=user, organization=other_organization)
    MembershipFactory(user=user, organization=third_company)
    return user


def suspend(organization, staff):
    organization_suspend(organization=organization, actor=staff, reason="Membership fee unpaid")


@pytest.fixture
def act(client_for, django_capture_on_commit_callbacks):
    """`act(person, licence_request, action)`: the page's POST, its e-mails sent as after a commit."""

    def post(person, licence_request, action):
        with django_capture_on_commit_callbacks(execute=True):
            return client_for(person).post(action_url(licence_request, action), ACTIONS[action])

    return post


@pytest.mark.parametrize(
    "action, expected",
    [("accept", 404), ("licence", 404), ("decline", 404), ("message", 404), ("withdraw", 404)],
)
def test_contact_of_a_suspended_owner_cannot_act_for_it_through_another_membership(
    action, expected, act, client_for, accepted_request, organization, tess, staff
):
    suspend(organization, staff)
    if action == "accept":
        LicenceRequest.objects.filter(pk=accepted_request.pk).update(status=LicenceRequest.Status.PENDING)
    before = written()
    mail.outbox.clear()

    response = act(tess, accepted_request, action)

    assert response.status_code == expected
    assert written() == before
    assert mail.outbox == []


def test_contact_of_a_suspended_owner_neither_sees_nor_lists_its_requests(
    client_for, pending_request, organization, tess, staff
):
    suspend(organization, staff)

    assert client_for(tess).get(detail_url(pending_request)).status_code == 404
    page = client_for(tess).get(reverse("patents:requests"), {"side": "to_us"})
    assert page.status_code == 200
    assert list(page.context["page_obj"].object_list) == []


@pytest.mark.parametrize("action", ["withdraw", "message"])
def test_member_of_a_suspended_requester_cannot_act_for_it_through_another_membership(
    action, act, client_for, pending_request, other_organization, rob, staff
):
    suspend(other_organization, staff)
    before = written()
    mail.outbox.clear()

    response = act(rob, pending_request, action)

    assert response.status_code == 404
    assert written() == before
    assert mail.outbox == []
    assert client_for(rob).get(detail_url(pending_request)).status_code == 404


def test_requester_sees_on_hold_without_a_reason_and_no_buttons_while_the_owner_is_suspended(
    client_for, pending_request, organization, requester, staff
):
    suspend(organization, staff)

    response = client_for(requester).get(detail_url(pending_request))

    assert response.status_code == 200
    page = response.content.decode()
    assert "On hold" in page
    assert ON_HOLD in page
    assert "Membership fee unpaid" not in page
    assert "suspended" not in page.lower()
    assert response.context["is_on_hold"] is True
    assert not any(response.context[key] for key in ("can_withdraw", "can_message"))
    assert action_url(pending_request, "withdraw") not in page
    assert action_url(pending_request, "message") not in page


def test_owner_sees_on_hold_in_the_list_of_requests_to_us_while_the_requester_is_suspended(
    client_for, pending_request, other_organization, contact, staff
):
    suspend(other_organization, staff)

    response = client_for(contact).get(reverse("patents:requests"), {"side": "to_us"})

    assert list(response.context["page_obj"].object_list) == [pending_request]
    assert "On hold" in response.content.decode()


@pytest.mark.parametrize(
    "role, action",
    [
        ("requester", "withdraw"),
        ("requester", "message"),
    ],
)
def test_requester_cannot_act_while_the_owner_is_suspended(
    role, action, request, act, pending_request, organization, staff
):
    suspend(organization, staff)
    before = written()
    mail.outbox.clear()

    response = act(request.getfixturevalue(role), pending_request, action)

    assert response.status_code == 400
    assert ON_HOLD in response.content.decode()
    assert written() == before
    assert mail.outbox == []


@pytest.mark.parametrize("action", ["licence", "decline", "message"])
def test_owner_cannot_act_on_an_accepted_request_of_a_suspended_requester(
    action, act, accepted_request, other_organization, contact, staff
):
    suspend(other_organization, staff)
    before = written()
    mail.outbox.clear()

    response = act(contact, accepted_request, action)

    assert response.status_code == 400
    assert ON_HOLD in response.content.decode()
    assert written() == before
    assert LicenceRequest.objects.get().licensed_on is None
    assert mail.outbox == []


def test_owner_cannot_accept_a_pending_request_of_a_suspended_requester(
    act, pending_request, other_organization, contact, staff
):
    suspend(other_organization, staff)
    before = written()

    response = act(contact, pending_request, "accept")

    assert response.status_code == 400
    assert written() == before


def test_requests_resume_as_they_were_when_the_organization_is_reinstated(
    act, client_for, pending_request, organization, other_organization, contact, requester, staff
):
    suspend(other_organization, staff)
    assert act(contact, pending_request, "accept").status_code == 400

    organization_reinstate(organization=other_organization, actor=staff, reason="Fee paid")

    assert act(contact, pending_request, "accept").status_code == 302
    assert LicenceRequest.objects.get().status == LicenceRequest.Status.ACCEPTED
    page = client_for(requester).get(detail_url(pending_request))
    assert page.context["is_on_hold"] is False
    assert page.context["can_withdraw"] is True
    assert "On hold" not in page.content.decode()


def test_a_closed_request_is_not_on_hold(client_for, pending_request, organization, requester, staff):
    LicenceRequest.objects.filter(pk=pending_request.pk).update(status=LicenceRequest.Status.DECLINED)
    suspend(organization, staff)

    page = client_for(requester).get(detail_url(pending_request))

    assert page.context["is_on_hold"] is False
    assert "On hold" not in page.content.decode()
