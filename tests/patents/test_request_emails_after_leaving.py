"""Negotiation e-mails go to the people on each side when the e-mail is sent: someone who left the
requesting or the owner organization gets nothing more, and the organization's current licensing
contacts hear in their place."""

import pytest
from django.core import mail

from apps.notifications.delivery import events_deliver
from apps.organizations.models import Membership
from apps.organizations.services.people import membership_remove, membership_set_role
from apps.patents.models import LicenceRequest, LicenceRequestTransition
from apps.patents.services import requests as services
from tests.factories import MembershipFactory, UserFactory

from .factories import LicenceRequestFactory
from .requests_support import *  # noqa: F403


def negotiation_emails() -> list:
    """The e-mails about the request (not the notice telling someone they were removed)."""
    return [message for message in mail.outbox if "Dry electrode coating" in message.subject]


def recipients() -> list[str]:
    return sorted(address for message in negotiation_emails() for address in message.to)


def remove(person, organization, *, by):
    membership_remove(membership=Membership.objects.get(user=person, organization=organization), actor=by)


@pytest.fixture
def request_by_colleague(listing, other_organization, requester_colleague):
    """Rita (a plain member of Prairie Lithium) asked; Oscar is Prairie Lithium's contact."""
    licence_request = LicenceRequestFactory(
        listing=listing, requesting_organization=other_organization, requested_by=requester_colleague
    )
    LicenceRequestTransition.objects.create(
        request=licence_request, from_status="", to_status=LicenceRequest.Status.PENDING
    )
    return licence_request


@pytest.fixture
def owner_negotiator(organization):
    """A second licensing contact of the owner, Northern Cells, who takes part in the negotiation."""
    person = UserFactory(full_name="Nadia Negotiator", email="nadia@northern-cells.ca")
    MembershipFactory(user=person, organization=organization, role=Membership.Role.CONTACT)
    Membership.objects.filter(organization=organization, role=Membership.Role.CONTACT).update(
        handles_licensing=True
    )
    return person


def test_answer_reaches_the_requesting_contacts_once_the_asker_has_left(
    request_by_colleague, requester_colleague, requester, other_organization, contact
):
    remove(requester_colleague, other_organization, by=requester)
    events_deliver()
    mail.outbox.clear()

    services.request_accept(licence_request=request_by_colleague, actor=contact)
    events_deliver()

    assert recipients() == [requester.email]
    assert (
        "Rita Colleague made this request for Prairie Lithium Ltd. but no longer belongs to it: "
        "you receive this as one of its licensing contacts." in negotiation_emails()[0].body
    )


def test_owner_message_written_before_the_asker_left_goes_to_the_current_contacts(
    request_by_colleague, requester_colleague, requester, other_organization, contact
):
    services.request_message_send(
        licence_request=request_by_colleague, author=contact, body="Terms attached."
    )
    remove(requester_colleague, other_organization, by=requester)
    mail.outbox.clear()

    events_deliver()

    assert recipients() == [requester.email]
    assert "Terms attached." in negotiation_emails()[0].body


def test_asker_still_in_the_organization_keeps_getting_the_answers(
    request_by_colleague, requester_colleague, contact
):
    services.request_decline(licence_request=request_by_colleague, actor=contact, reason="Not now.")
    events_deliver()

    assert recipients() == [requester_colleague.email]
    assert "no longer belongs to it" not in negotiation_emails()[0].body


def test_requester_message_skips_an_owner_negotiator_who_left(
    request_by_colleague, requester_colleague, organization, contact, owner_negotiator
):
    services.request_message_send(
        licence_request=request_by_colleague, author=requester_colleague, body="Any news?"
    )
    remove(owner_negotiator, organization, by=contact)
    mail.outbox.clear()

    events_deliver()

    assert recipients() == [contact.email]


def test_owner_message_still_reaches_the_requester_after_its_author_stopped_being_a_contact(
    request_by_colleague, requester_colleague, organization, contact, owner_negotiator
):
    services.request_message_send(
        licence_request=request_by_colleague, author=owner_negotiator, body="Draft licence attached."
    )
    membership_set_role(
        membership=Membership.objects.get(user=owner_negotiator, organization=organization),
        actor=contact,
        role=Membership.Role.MEMBER,
    )
    mail.outbox.clear()

    events_deliver()

    assert recipients() == [requester_colleague.email]


def test_owner_message_still_reaches_the_requester_after_its_author_left_the_owner(
    request_by_colleague, requester_colleague, organization, contact, owner_negotiator
):
    services.request_message_send(
        licence_request=request_by_colleague, author=owner_negotiator, body="Draft licence attached."
    )
    remove(owner_negotiator, organization, by=contact)
    mail.outbox.clear()

    events_deliver()

    # The author's side is no longer known: both sides hear, and both may read the thread.
    assert requester_colleague.email in recipients()
    assert owner_negotiator.email not in recipients()


def test_replacement_line_is_in_french_for_a_french_contact(
    request_by_colleague, requester_colleague, requester, other_organization, contact
):
    type(requester).objects.filter(pk=requester.pk).update(preferred_language="fr")
    remove(requester_colleague, other_organization, by=requester)
    events_deliver()
    mail.outbox.clear()

    services.request_accept(licence_request=request_by_colleague, actor=contact)
    events_deliver()

    (message,) = negotiation_emails()
    assert "Rita Colleague a fait cette demande pour Prairie Lithium Ltd." in message.body
