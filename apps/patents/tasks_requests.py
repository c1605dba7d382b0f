"""E-mails about licence requests. Each task takes ids, re-fetches, and sends one kind of e-mail in
each recipient's language."""

from celery import shared_task
from django.urls import reverse
from django.utils import translation

from apps.core.mail import absolute_url, send_templated_email

from .models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition
from .permissions import licensing_contacts_of

NETWORK_ERRORS = (ConnectionError, OSError)


def _send(*, template: str, person, context: dict) -> None:
    with translation.override(person.preferred_language or None):
        send_templated_email(template=template, to=[person.email], context={"person": person, **context})


def _request_context(licence_request: LicenceRequest) -> dict:
    return {
        "licence_request": licence_request,
        "listing": licence_request.listing,
        "request_url": absolute_url(reverse("patents:request_detail", kwargs={"pk": licence_request.pk})),
    }


def _load_request(request_id: int) -> LicenceRequest | None:
    return (
        LicenceRequest.objects.select_related(
            "listing__organization", "requesting_organization", "requested_by"
        )
        .filter(pk=request_id)
        .first()
    )


@shared_task(autoretry_for=NETWORK_ERRORS, retry_backoff=True, max_retries=5)
def send_licence_requested_email(request_id: int) -> None:
    """Tell the owner's licensing contacts that a request arrived (unless it closed meanwhile)."""
    licence_request = _load_request(request_id)
    if licence_request is None or not licence_request.is_open:
        return
    for person in licensing_contacts_of(licence_request.listing.organization):
        _send(template="licence_requested", person=person, context=_request_context(licence_request))


@shared_task(autoretry_for=NETWORK_ERRORS, retry_backoff=True, max_retries=5)
def send_licence_answered_email(transition_id: int) -> None:
    """Tell the person who asked that the owner accepted, licensed or declined (automatic declines
    included). The transition says which, even if the request changed again since."""
    transition = (
        LicenceRequestTransition.objects.select_related(
            "actor",
            "request__listing__organization",
            "request__requesting_organization",
            "request__requested_by",
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return
    requester = transition.request.requested_by
    if not requester.is_active:
        return
    _send(
        template="licence_answered",
        person=requester,
        context={**_request_context(transition.request), "transition": transition},
    )


@shared_task(autoretry_for=NETWORK_ERRORS, retry_backoff=True, max_retries=5)
def send_licence_withdrawn_email(transition_id: int) -> None:
    """Tell the owner's licensing contacts that the requester withdrew."""
    transition = (
        LicenceRequestTransition.objects.select_related(
            "actor", "request__listing__organization", "request__requesting_organization"
        )
        .filter(pk=transition_id)
        .first()
    )
    if transition is None:
        return
    for person in licensing_contacts_of(transition.request.listing.organization):
        _send(
            template="licence_withdrawn",
            person=person,
            context={**_request_context(transition.request), "transition": transition},
        )


@shared_task(autoretry_for=NETWORK_ERRORS, retry_backoff=True, max_retries=5)
def send_licence_message_email(message_id: int) -> None:
    """Tell the other side of the request that a message arrived: the owner's licensing contacts
    when the requesting side writes, the person who asked when the owner writes."""
    message = (
        LicenceRequestMessage.objects.select_related(
            "author",
            "request__listing__organization",
            "request__requesting_organization",
            "request__requested_by",
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return
    licence_request = message.request
    owner_contacts = list(licensing_contacts_of(licence_request.listing.organization))
    if message.author in owner_contacts:
        recipients = [licence_request.requested_by] if licence_request.requested_by.is_active else []
    else:
        recipients = owner_contacts
    for person in recipients:
        if person.pk == message.author_id:
            continue
        _send(
            template="licence_message",
            person=person,
            context={**_request_context(licence_request), "message": message, "author": message.author},
        )
