import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.patents.models import LicenceRequest, LicenceRequestMessage

from .requests_support import *  # noqa: F403


def message_url(licence_request):
    return reverse("patents:request_message", kwargs={"pk": licence_request.pk})


def test_requesting_side_writes_and_the_owner_licensing_contacts_are_told(
    client_for, pending_request, requester_colleague, contact, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(requester_colleague).post(
            message_url(pending_request), {"body": "Any field data?"}
        )
    assert response.status_code == 302
    message = LicenceRequestMessage.objects.get()
    assert (message.author, message.body) == (requester_colleague, "Any field data?")
    assert Event.objects.filter(kind=Event.Kind.LICENCE_MESSAGE_SENT).count() == 1
    assert [sent.to for sent in mail.outbox] == [[contact.email]]
    assert "Any field data?" in mail.outbox[0].body


def test_owner_writes_and_the_person_who_asked_is_told(
    client_for, accepted_request, contact, requester, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact).post(message_url(accepted_request), {"body": "Draft attached soon."})
    assert response.status_code == 302
    assert [sent.to for sent in mail.outbox] == [[requester.email]]


@pytest.mark.parametrize("status", ["licensed", "declined", "withdrawn"])
def test_no_message_once_the_request_is_closed(status, client_for, pending_request, requester):
    LicenceRequest.objects.filter(pk=pending_request.pk).update(status=status)
    response = client_for(requester).post(message_url(pending_request), {"body": "Hello?"})
    assert response.status_code == 400
    assert "messages can be sent only while it is open" in response.content.decode()
    assert not LicenceRequestMessage.objects.exists()
    assert not Event.objects.exists()
    assert mail.outbox == []


@pytest.mark.parametrize("body", ["", "   ", "x" * 5001])
def test_empty_or_overlong_message_is_refused(body, client_for, pending_request, requester):
    response = client_for(requester).post(message_url(pending_request), {"body": body})
    assert response.status_code == 400
    assert response.context["message_form"].errors["body"]
    assert not LicenceRequestMessage.objects.exists()
    assert mail.outbox == []
