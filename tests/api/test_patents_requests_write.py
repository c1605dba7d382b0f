"""Writes on /api/v1/patents/requests/: asking for a licence, and each side's answers, through the
same services as the pages. Refusals answer 400, 403, 404 or 409 and write nothing."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from apps.core.models import Event
from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition, PatentListing
from tests.api.patents_fixtures import listing_of, request_action_url, request_url, requests_url
from tests.factories import MembershipFactory, OrganizationFactory

Status = LicenceRequest.Status


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """`post(client, url, data)`: a JSON POST whose on-commit tasks (the e-mails) run, as after a
    real commit."""

    def send(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {}, format="json")

    return send


def ask(listing_to_ask, organization_asking, **changes) -> dict:
    return {
        "listing": listing_to_ask.pk,
        "organization": organization_asking.slug,
        "intended_use": "Pilot production of dry-coated cathodes.",
        "message": "Could we talk next week?",
        **changes,
    }


def written() -> tuple[int, int, int, int]:
    """Requests, transitions, messages and events: what a refused write must leave unchanged."""
    return (
        LicenceRequest.objects.count(),
        LicenceRequestTransition.objects.count(),
        LicenceRequestMessage.objects.count(),
        Event.objects.count(),
    )


# Creating a request


def test_member_requests_a_licence(post, api_client_for, member, organization, listing, outsider):
    response = post(api_client_for(member), requests_url(), ask(listing, organization))

    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "pending"
    assert body["side"] == "requester"
    assert [(row["from_status"], row["to_status"]) for row in body["transitions"]] == [("", "pending")]
    licence_request = LicenceRequest.objects.get()
    assert (licence_request.requesting_organization, licence_request.requested_by) == (organization, member)
    assert licence_request.intended_use == "Pilot production of dry-coated cathodes."
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUESTED).count() == 1
    assert [message.to for message in mail.outbox] == [[outsider.email]]


def test_second_open_request_is_a_conflict(
    post, api_client_for, member, contact, organization, listing, pending_request
):
    before = written()

    response = post(api_client_for(contact), requests_url(), ask(listing, organization))

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert response.json()["detail"] == "Your organization already has an open request on this listing."
    assert written() == before
    assert mail.outbox == []


def test_request_on_own_listing_is_refused(post, api_client_for, outsider, other_organization, listing):
    response = post(api_client_for(outsider), requests_url(), ask(listing, other_organization))

    assert response.status_code == 400
    assert "own organization" in response.json()["detail"]
    assert written() == (0, 0, 0, 0)
    assert mail.outbox == []


def test_request_on_an_expired_patent_is_refused(
    post, api_client_for, member, organization, other_organization
):
    expired = listing_of(other_organization, expiry_date=timezone.localdate() - timedelta(days=1))

    response = post(api_client_for(member), requests_url(), ask(expired, organization))

    assert response.status_code == 400
    assert response.json()["detail"] == "This patent has expired: it can no longer be requested."
    assert written() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    "status", [PatentListing.Status.DRAFT, PatentListing.Status.WITHDRAWN, PatentListing.Status.EXPIRED]
)
def test_request_on_a_listing_outside_the_pool_is_refused(
    post, api_client_for, member, organization, other_organization, status
):
    unseen = listing_of(other_organization, status=status)

    response = post(api_client_for(member), requests_url(), ask(unseen, organization))

    assert response.status_code == 400
    assert response.json()["fields"]["listing"] == [f"There is no listing {unseen.pk} in the pool."]
    assert written() == (0, 0, 0, 0)


def test_exclusively_licensed_listing_takes_no_request(
    post, api_client_for, member, organization, other_organization
):
    licensed = listing_of(
        other_organization, status=PatentListing.Status.LICENSED, licence_terms=PatentListing.Terms.EXCLUSIVE
    )

    response = post(api_client_for(member), requests_url(), ask(licensed, organization))

    assert response.status_code == 400
    assert written() == (0, 0, 0, 0)


def test_non_canadian_owned_member_cannot_request_a_restricted_listing(
    post, api_client_for, member, organization, other_organization
):
    organization.is_canadian_owned = False
    organization.save(update_fields=["is_canadian_owned"])
    restricted = listing_of(other_organization, eligibility=PatentListing.Eligibility.CANADIAN_OWNED)

    response = post(api_client_for(member), requests_url(), ask(restricted, organization))

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "organization": ["Only Canadian-owned member organizations may request this licence."]
    }
    assert written() == (0, 0, 0, 0)
    assert mail.outbox == []


def test_cannot_ask_for_an_organization_one_does_not_belong_to(post, api_client_for, member, listing):
    third = OrganizationFactory(name="Third Cells")

    response = post(api_client_for(member), requests_url(), ask(listing, third))

    assert response.status_code == 400
    assert "organization" in response.json()["fields"]
    assert written() == (0, 0, 0, 0)


def test_person_of_two_organizations_chooses_which_asks(post, api_client_for, member, listing):
    second = OrganizationFactory(name="Second Cells")
    MembershipFactory(user=member, organization=second, role=Membership.Role.MEMBER)

    response = post(api_client_for(member), requests_url(), ask(listing, second))

    assert response.status_code == 201
    assert LicenceRequest.objects.get().requesting_organization == second


def test_staff_outside_any_organization_cannot_ask(post, api_client_for, staff, organization, listing):
    response = post(api_client_for(staff), requests_url(), ask(listing, organization))

    assert response.status_code == 400
    assert written() == (0, 0, 0, 0)


def test_anonymous_and_suspended_cannot_ask(post, api_client_for, suspended_member, organization, listing):
    assert post(api_client_for(None), requests_url(), ask(listing, organization)).status_code == 401
    assert (
        post(api_client_for(suspended_member), requests_url(), ask(listing, organization)).status_code == 403
    )
    assert written() == (0, 0, 0, 0)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"intended_use": ""}, "intended_use"),
        ({"intended_use": "x" * 5001}, "intended_use"),
        ({"message": "x" * 5001}, "message"),
        ({"listing": None}, "listing"),
        ({"listing": "twelve"}, "listing"),
        ({"organization": "nobody"}, "organization"),
    ],
)
def test_bad_input_is_refused(post, api_client_for, member, organization, listing, changes, field):
    response = post(api_client_for(member), requests_url(), ask(listing, organization, **changes))

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert written() == (0, 0, 0, 0)


def test_missing_fields_are_named(post, api_client_for, member, listing):
    response = post(api_client_for(member), requests_url(), {})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"listing", "organization", "intended_use"}


# Answering, withdrawing and writing


def test_owner_accepts_then_records_the_licence(post, api_client_for, outsider, member, pending_request):
    client = api_client_for(outsider)

    accepted = post(client, request_action_url(pending_request.pk, "accept"))
    licensed = post(client, request_action_url(pending_request.pk, "licence"), {"licensed_on": "2026-01-15"})

    assert accepted.status_code == 200
    assert accepted.json()["status"] == "accepted"
    assert accepted.json()["available_actions"] == ["licence", "decline", "message"]
    assert licensed.status_code == 200
    assert licensed.json()["status"] == "licensed"
    assert licensed.json()["licensed_on"] == "2026-01-15"
    assert [row["to_status"] for row in licensed.json()["transitions"]] == ["pending", "accepted", "licensed"]
    pending_request.refresh_from_db()
    assert (pending_request.status, pending_request.licensed_on) == (Status.LICENSED, date(2026, 1, 15))
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUEST_CHANGED).count() == 2
    assert [message.to for message in mail.outbox] == [[member.email], [member.email]]


def test_owner_declines_with_a_reason(post, api_client_for, outsider, member, pending_request):
    response = post(
        api_client_for(outsider),
        request_action_url(pending_request.pk, "decline"),
        {"reason": "The field of use is taken."},
    )

    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response.json()["decline_reason"] == "The field of use is taken."
    assert response.json()["transitions"][-1]["note"] == "The field of use is taken."
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_requester_withdraws(post, api_client_for, contact, accepted_request):
    response = post(api_client_for(contact), request_action_url(accepted_request.pk, "withdraw"))

    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["transitions"][-1]["actor"]["full_name"] == "Carla Contact"
    assert response.json()["available_actions"] == []


def test_both_sides_write_while_open(post, api_client_for, member, outsider, pending_request):
    first = post(
        api_client_for(member),
        request_action_url(pending_request.pk, "message"),
        {"body": "Any field-of-use limits?"},
    )
    second = post(
        api_client_for(outsider),
        request_action_url(pending_request.pk, "message"),
        {"body": "None in Canada."},
    )

    assert (first.status_code, second.status_code) == (201, 201)
    assert [(row["author"]["full_name"], row["body"]) for row in second.json()["messages"]] == [
        ("Mo Member", "Any field-of-use limits?"),
        ("Oscar Outsider", "None in Canada."),
    ]
    assert Event.objects.filter(kind=Event.Kind.LICENCE_MESSAGE_SENT).count() == 2


@pytest.mark.parametrize(
    ("start", "action", "payload"),
    [
        (Status.ACCEPTED, "accept", {}),
        (Status.LICENSED, "accept", {}),
        (Status.DECLINED, "accept", {}),
        (Status.WITHDRAWN, "accept", {}),
        (Status.PENDING, "licence", {"licensed_on": "2026-01-15"}),
        (Status.DECLINED, "licence", {"licensed_on": "2026-01-15"}),
        (Status.LICENSED, "licence", {"licensed_on": "2026-01-15"}),
        (Status.LICENSED, "decline", {"reason": "Too late."}),
        (Status.DECLINED, "decline", {"reason": "Again."}),
        (Status.WITHDRAWN, "decline", {"reason": "Gone."}),
        (Status.LICENSED, "withdraw", {}),
        (Status.DECLINED, "withdraw", {}),
        (Status.WITHDRAWN, "withdraw", {}),
        (Status.LICENSED, "message", {"body": "Thanks."}),
        (Status.DECLINED, "message", {"body": "Why?"}),
        (Status.WITHDRAWN, "message", {"body": "Hello?"}),
    ],
)
def test_illegal_transition_is_refused_and_writes_nothing(
    post, api_client_for, outsider, member, pending_request, start, action, payload
):
    LicenceRequest.objects.filter(pk=pending_request.pk).update(status=start)
    actor = member if action == "withdraw" else outsider
    before = written()

    response = post(api_client_for(actor), request_action_url(pending_request.pk, action), payload)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["detail"]
    assert written() == before
    assert LicenceRequest.objects.get(pk=pending_request.pk).status == start
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("person", "action", "payload", "expected"),
    [
        ("member", "accept", {}, 403),
        ("member", "licence", {"licensed_on": "2026-01-15"}, 403),
        ("member", "decline", {"reason": "No."}, 403),
        ("outsider", "withdraw", {}, 403),
        ("staff", "accept", {}, 403),
        ("staff", "decline", {"reason": "No."}, 403),
        ("staff", "withdraw", {}, 403),
        ("staff", "message", {"body": "Hello"}, 403),
        ("owner_member", "accept", {}, 404),
        ("owner_member", "message", {"body": "Hello"}, 404),
        ("bystander", "withdraw", {}, 404),
        ("bystander", "message", {"body": "Hello"}, 404),
        ("suspended_member", "accept", {}, 403),
        (None, "accept", {}, 401),
    ],
)
def test_who_may_act_on_a_request(
    post, api_client_for, request, accepted_request, person, action, payload, expected
):
    actor = request.getfixturevalue(person) if person else None
    before = written()

    response = post(api_client_for(actor), request_action_url(accepted_request.pk, action), payload)

    assert response.status_code == expected
    assert written() == before
    assert LicenceRequest.objects.get(pk=accepted_request.pk).status == Status.ACCEPTED
    assert mail.outbox == []


def test_licence_signed_in_the_future_is_refused(post, api_client_for, outsider, accepted_request):
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    before = written()

    response = post(
        api_client_for(outsider),
        request_action_url(accepted_request.pk, "licence"),
        {"licensed_on": tomorrow},
    )

    assert response.status_code == 400
    assert response.json()["fields"] == {"licensed_on": ["The licence cannot be signed in the future."]}
    assert written() == before


@pytest.mark.parametrize(
    ("action", "payload", "field"),
    [
        ("licence", {}, "licensed_on"),
        ("licence", {"licensed_on": "15/01/2026"}, "licensed_on"),
        ("decline", {}, "reason"),
        ("decline", {"reason": "   "}, "reason"),
        ("decline", {"reason": "x" * 1001}, "reason"),
        ("message", {}, "body"),
        ("message", {"body": "x" * 5001}, "body"),
    ],
)
def test_bad_answer_input_is_refused(
    post, api_client_for, outsider, accepted_request, action, payload, field
):
    before = written()

    response = post(api_client_for(outsider), request_action_url(accepted_request.pk, action), payload)

    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert written() == before
    assert mail.outbox == []


def test_session_writes_need_the_csrf_token(post, api_client_for, outsider, pending_request):
    response = post(
        api_client_for(outsider, csrf_checks=True), request_action_url(pending_request.pk, "accept")
    )

    assert response.status_code == 403
    assert LicenceRequest.objects.get(pk=pending_request.pk).status == Status.PENDING


def test_token_client_answers(post, token_client_for, outsider, pending_request):
    response = post(token_client_for(outsider), request_action_url(pending_request.pk, "accept"))

    assert response.status_code == 200
    assert response.json()["status"] == "accepted"


# An exclusive listing follows its requests


@pytest.fixture
def exclusive_listing(other_organization, outsider):
    return listing_of(
        other_organization, title="Exclusive separator", licence_terms=PatentListing.Terms.EXCLUSIVE
    )


def test_licensing_an_exclusive_listing_declines_the_other_open_requests(
    post, api_client_for, outsider, member, organization, exclusive_listing
):
    rival_organization = OrganizationFactory(name="Rival Cells")
    rival = MembershipFactory(organization=rival_organization, role=Membership.Role.CONTACT).user
    ours = post(api_client_for(member), requests_url(), ask(exclusive_listing, organization)).json()
    theirs = post(api_client_for(rival), requests_url(), ask(exclusive_listing, rival_organization)).json()
    owner = api_client_for(outsider)

    accepted = post(owner, request_action_url(ours["id"], "accept"))
    exclusive_listing.refresh_from_db()
    assert (accepted.status_code, exclusive_listing.status) == (200, PatentListing.Status.UNDER_NEGOTIATION)
    mail.outbox.clear()

    licensed = post(owner, request_action_url(ours["id"], "licence"), {"licensed_on": "2026-01-15"})

    assert licensed.status_code == 200
    exclusive_listing.refresh_from_db()
    assert exclusive_listing.status == PatentListing.Status.LICENSED
    declined = LicenceRequest.objects.get(pk=theirs["id"])
    assert declined.status == Status.DECLINED
    assert declined.decline_reason
    assert sorted(recipient for message in mail.outbox for recipient in message.to) == sorted(
        [member.email, rival.email]
    )
    rival_view = api_client_for(rival).get(request_url(theirs["id"])).json()
    assert rival_view["status"] == "declined"
    assert rival_view["available_actions"] == []
