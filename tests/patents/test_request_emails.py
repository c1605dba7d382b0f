"""Who is told what, in their own language."""

from django.core import mail

from apps.accounts.models import User
from apps.organizations.models import Membership
from apps.patents.services import requests as services
from tests.factories import MembershipFactory, UserFactory

from .requests_support import *  # noqa: F403


def test_each_licensing_contact_is_told_of_a_new_request_in_their_language(
    listing, organization, contact, requester, other_organization, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=contact.pk).update(preferred_language="fr")
    second = UserFactory(email="second@northern-cells.ca", preferred_language="en")
    MembershipFactory(user=second, organization=organization, role=Membership.Role.CONTACT)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_create(
            listing=listing,
            organization=other_organization,
            requested_by=requester,
            intended_use="Pilot line",
        )
    languages = {message.to[0]: message.extra_headers["Content-Language"] for message in mail.outbox}
    assert languages == {contact.email: "fr-CA", "second@northern-cells.ca": "en-CA"}
    french = next(message for message in mail.outbox if message.to == [contact.email])
    assert "/fr/" in french.body
    assert "Pilot line" in french.body


def test_the_person_who_asked_is_told_of_the_answer_not_their_colleagues(
    pending_request, contact, requester, requester_colleague, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_accept(licence_request=pending_request, actor=contact)
    assert [message.to for message in mail.outbox] == [[requester.email]]


def test_an_inactive_requester_is_not_written_to(
    pending_request, contact, requester, django_capture_on_commit_callbacks
):
    User.objects.filter(pk=requester.pk).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decline(licence_request=pending_request, actor=contact, reason="No.")
    assert mail.outbox == []


def test_a_message_is_not_sent_back_to_its_author(
    pending_request, requester, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_message_send(licence_request=pending_request, author=requester, body="Hello")
        services.request_message_send(licence_request=pending_request, author=contact, body="Hi back")
    assert [message.to for message in mail.outbox] == [[contact.email], [requester.email]]
    assert mail.outbox[0].alternatives
