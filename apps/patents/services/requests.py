"""Every write on licence requests: create, answer, withdraw, message, and the automatic declines
when a listing leaves the pool. Only the automatic declines touch a request on hold (one of its
organizations suspended or lapsed); neither side can act on it until the hold is lifted.

Each transition claims the row with a conditional UPDATE on the status it expects, so a double
click or two people answering at once change it exactly once; it then records a transition row
and an event in the same transaction and sends its e-mail once the transaction commits.
"""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.errors import Conflict, DomainError
from apps.core.events import event_record
from apps.core.models import Event
from apps.organizations.models import Organization

from ..models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition, PatentListing
from ..permissions import licence_request_refusal
from ..permissions_requests import is_owner_side, is_requesting_side

Status = LicenceRequest.Status


def _check_length(value: str, limit: int, field: str) -> None:
    if len(value) > limit:
        raise DomainError(
            _("Keep this under %(limit)d characters (it has %(length)d).")
            % {"limit": limit, "length": len(value)},
            field=field,
        )


@transaction.atomic
def request_create(
    *,
    listing: PatentListing,
    organization: Organization,
    requested_by: User,
    intended_use: str,
    message: str = "",
) -> LicenceRequest:
    """Ask for a licence on `listing` on behalf of `organization`, when the eligibility rule
    (permissions.licence_request_refusal) allows it.

    The listing row is locked first, so a request cannot slip in while the owner withdraws it (the
    withdrawal declines only the requests it can see).
    """
    listing = PatentListing.objects.select_for_update().select_related("organization").get(pk=listing.pk)
    organization = Organization.objects.get(pk=organization.pk)
    refusal = licence_request_refusal(requested_by, listing, organization)
    if refusal is not None:
        raise DomainError(refusal.message, field=refusal.field)
    intended_use = intended_use.strip()
    message = message.strip()
    if not intended_use:
        raise DomainError(_("Say how your organization intends to use the patent."), field="intended_use")
    _check_length(intended_use, 5000, "intended_use")
    _check_length(message, 5000, "message")

    already_open = _("Your organization already has an open request on this listing.")
    if LicenceRequest.objects.filter(
        listing=listing, requesting_organization=organization, status__in=LicenceRequest.OPEN
    ).exists():
        raise Conflict(already_open)
    try:
        with transaction.atomic():
            licence_request = LicenceRequest.objects.create(
                listing=listing,
                requesting_organization=organization,
                requested_by=requested_by,
                intended_use=intended_use,
                message=message,
                requester_canadian_owned=organization.is_canadian_owned,
            )
    except IntegrityError:
        raise Conflict(already_open) from None
    LicenceRequestTransition.objects.create(
        request=licence_request, from_status="", to_status=Status.PENDING, actor=requested_by
    )
    event_record(
        kind=Event.Kind.LICENCE_REQUESTED,
        subject=licence_request,
        actor=requested_by,
        data={"listing_id": listing.pk, "organization_id": organization.pk},
    )
    return licence_request


_REFUSALS = {
    Status.ACCEPTED: lambda: _("Only a pending request can be accepted."),
    Status.LICENSED: lambda: _("A licence can be recorded only on an accepted request."),
    Status.DECLINED: lambda: _("Only a pending or accepted request can be declined."),
    Status.WITHDRAWN: lambda: _("Only a pending or accepted request can be withdrawn."),
}


def _transition(
    *,
    licence_request: LicenceRequest,
    actor: User | None,
    from_statuses: tuple[str, ...],
    to_status: str,
    note: str = "",
    **fields,
) -> LicenceRequestTransition:
    """Move the request from one of `from_statuses` to `to_status`, or refuse and write nothing.

    Locks the listing before the request, in the order the listing services use (withdraw, hide,
    expire), so the two never wait on each other in a circle.
    """
    PatentListing.objects.select_for_update().filter(pk=licence_request.listing_id).values_list("pk").first()
    current = (
        LicenceRequest.objects.select_for_update()
        .filter(pk=licence_request.pk)
        .values_list("status", flat=True)
        .first()
    )
    if current not in from_statuses:
        raise DomainError(
            _REFUSALS[to_status]()
            + " "
            + _("This one is %(status)s.") % {"status": Status(current).label.lower() if current else "?"}
        )
    claimed = LicenceRequest.objects.filter(pk=licence_request.pk, status=current).update(
        status=to_status, updated_at=timezone.now(), **fields
    )
    if not claimed:
        raise Conflict(_("Someone changed this request first. Reload to see it."))
    licence_request.refresh_from_db()
    transition = LicenceRequestTransition.objects.create(
        request=licence_request, from_status=current, to_status=to_status, actor=actor, note=note
    )
    event_record(
        kind=Event.Kind.LICENCE_REQUEST_CHANGED,
        subject=licence_request,
        actor=actor,
        data={
            "from": current,
            "to": to_status,
            "listing_id": licence_request.listing_id,
            "transition_id": transition.pk,
        },
    )
    return transition


def _sync_listing(listing: PatentListing, actor: User) -> None:
    """An exclusive listing shows "under negotiation" or "licensed" from its requests."""
    from .listings import listing_sync_exclusive_status

    listing_sync_exclusive_status(listing=listing, actor=actor)


def _as_it_is_now(licence_request: LicenceRequest) -> LicenceRequest:
    """The request with its two organizations read afresh: one may have been suspended since the
    caller loaded it."""
    return LicenceRequest.objects.select_related("listing__organization", "requesting_organization").get(
        pk=licence_request.pk
    )


def _refuse_while_on_hold(licence_request: LicenceRequest) -> None:
    if licence_request.is_on_hold:
        raise DomainError(
            _(
                "This request is on hold: neither side can act on it for now. It resumes as it was "
                "once the hold is lifted."
            )
        )


def _require_owner_side(user: User, licence_request: LicenceRequest) -> None:
    current = _as_it_is_now(licence_request)
    if not is_owner_side(user, current):
        raise PermissionDenied(_("Only the owner's licensing contacts can answer this request."))
    _refuse_while_on_hold(current)


def _require_requesting_side(user: User, licence_request: LicenceRequest) -> None:
    current = _as_it_is_now(licence_request)
    if not is_requesting_side(user, current):
        raise PermissionDenied(_("Only the requesting organization can withdraw this request."))
    _refuse_while_on_hold(current)


def _require_either_side(user: User, licence_request: LicenceRequest) -> None:
    current = _as_it_is_now(licence_request)
    if not (is_owner_side(user, current) or is_requesting_side(user, current)):
        raise PermissionDenied(_("Only the two organizations of this request can write on it."))
    _refuse_while_on_hold(current)


@transaction.atomic
def request_accept(*, licence_request: LicenceRequest, actor: User) -> LicenceRequest:
    """The owner agrees in principle; the licence itself is recorded later."""
    _require_owner_side(actor, licence_request)
    _transition(
        licence_request=licence_request,
        actor=actor,
        from_statuses=(Status.PENDING,),
        to_status=Status.ACCEPTED,
    )
    _sync_listing(licence_request.listing, actor)
    return licence_request


@transaction.atomic
def request_record_licence(
    *, licence_request: LicenceRequest, actor: User, signed_on: date
) -> LicenceRequest:
    """The owner records the signed licence and the day it was signed (not in the future)."""
    _require_owner_side(actor, licence_request)
    if signed_on is None:
        raise DomainError(_("Enter the day the licence was signed."), field="signed_on")
    if signed_on > timezone.localdate():
        raise DomainError(_("The licence cannot be signed in the future."), field="signed_on")
    _transition(
        licence_request=licence_request,
        actor=actor,
        from_statuses=(Status.ACCEPTED,),
        to_status=Status.LICENSED,
        licensed_on=signed_on,
    )
    _sync_listing(licence_request.listing, actor)
    return licence_request


@transaction.atomic
def request_decline(*, licence_request: LicenceRequest, actor: User, reason: str) -> LicenceRequest:
    """The owner says no to a pending or accepted request, and says why."""
    _require_owner_side(actor, licence_request)
    reason = reason.strip()
    if not reason:
        raise DomainError(_("Say why you decline, so the requester knows."), field="reason")
    _check_length(reason, 1000, "reason")
    _transition(
        licence_request=licence_request,
        actor=actor,
        from_statuses=LicenceRequest.OPEN,
        to_status=Status.DECLINED,
        note=reason,
        decline_reason=reason,
    )
    _sync_listing(licence_request.listing, actor)
    return licence_request


@transaction.atomic
def request_withdraw(*, licence_request: LicenceRequest, actor: User) -> LicenceRequest:
    """The requesting organization gives up on its request, at any time until it is licensed."""
    _require_requesting_side(actor, licence_request)
    _transition(
        licence_request=licence_request,
        actor=actor,
        from_statuses=LicenceRequest.OPEN,
        to_status=Status.WITHDRAWN,
    )
    _sync_listing(licence_request.listing, actor)
    return licence_request


@transaction.atomic
def request_message_send(
    *, licence_request: LicenceRequest, author: User, body: str
) -> LicenceRequestMessage:
    """Either side writes to the other while the request is open."""
    _require_either_side(author, licence_request)
    body = body.strip()
    if not body:
        raise DomainError(_("Write a message."), field="body")
    _check_length(body, 5000, "body")
    status = (
        LicenceRequest.objects.select_for_update()
        .filter(pk=licence_request.pk)
        .values_list("status", flat=True)
    )
    if status.first() not in LicenceRequest.OPEN:
        raise DomainError(_("This request is closed: messages can be sent only while it is open."))
    message = LicenceRequestMessage.objects.create(request=licence_request, author=author, body=body)
    event_record(
        kind=Event.Kind.LICENCE_MESSAGE_SENT,
        subject=licence_request,
        actor=author,
        data={"message_id": message.pk, "listing_id": licence_request.listing_id},
    )
    return message


@transaction.atomic
def requests_decline_open_for_listing(*, listing: PatentListing, actor: User | None, reason: str) -> int:
    """Close the loose ends when a listing is withdrawn, hidden or licensed exclusively: decline
    every open request with `reason` and tell each requester. Returns how many were declined.

    Called by the listings services inside their own transaction; it does not touch the listing.
    """
    reason = reason.strip()[:1000]
    open_ids = list(
        LicenceRequest.objects.select_for_update()
        .filter(listing=listing, status__in=LicenceRequest.OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    declined = 0
    for licence_request in LicenceRequest.objects.filter(pk__in=open_ids).select_related("listing"):
        _transition(
            licence_request=licence_request,
            actor=actor,
            from_statuses=LicenceRequest.OPEN,
            to_status=Status.DECLINED,
            note=reason,
            decline_reason=reason,
        )
        declined += 1
    return declined
