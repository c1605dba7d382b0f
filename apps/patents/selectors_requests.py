"""Reads for licence requests, already limited to what the person may see: the people of the
requesting organization, the owner's licensing contacts (each through an active organization, as
permissions_requests says), and staff. Nobody else learns that a request exists (the access helper
answers 404)."""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from apps.organizations.models import Membership, Organization

from .models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition


def member_organization_ids(user) -> frozenset[int]:
    """Every active organization the person belongs to, in any role: its requests are theirs. A
    suspended organization's requests are nobody's until it is reinstated."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    return frozenset(
        Membership.objects.filter(
            user=user, organization__membership_status=Organization.Status.ACTIVE
        ).values_list("organization_id", flat=True)
    )


def licensing_organization_ids(user) -> frozenset[int]:
    """The active organizations whose licence requests the person answers, in one query: those
    where they are a chosen licensing contact, or a contact when the organization chose nobody."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    chosen_contact = Membership.objects.filter(
        organization=OuterRef("organization"),
        role=Membership.Role.CONTACT,
        handles_licensing=True,
        user__is_active=True,
    )
    return frozenset(
        Membership.objects.filter(
            user=user,
            role=Membership.Role.CONTACT,
            organization__membership_status=Organization.Status.ACTIVE,
        )
        .filter(Q(handles_licensing=True) | ~Exists(chosen_contact))
        .values_list("organization_id", flat=True)
    )


def _with_joins(queryset: QuerySet) -> QuerySet:
    return queryset.select_related(
        "listing__organization", "requesting_organization", "requested_by"
    ).order_by("-created_at", "-pk")


def requests_visible_to(user) -> QuerySet[LicenceRequest]:
    if not user.is_authenticated or not user.is_active:
        return LicenceRequest.objects.none()
    if user.is_staff:
        return _with_joins(LicenceRequest.objects.all())
    return _with_joins(
        LicenceRequest.objects.filter(
            Q(requesting_organization_id__in=member_organization_ids(user))
            | Q(listing__organization_id__in=licensing_organization_ids(user))
        )
    )


def requests_to_organizations(organization_ids, *, status: str = "") -> QuerySet[LicenceRequest]:
    """ "Requests to us": on the listings of the organizations the person answers for."""
    queryset = LicenceRequest.objects.filter(listing__organization_id__in=organization_ids)
    return _with_joins(queryset.filter(status=status) if status else queryset)


def requests_from_organizations(organization_ids, *, status: str = "") -> QuerySet[LicenceRequest]:
    """ "Our requests": made by the organizations the person belongs to."""
    queryset = LicenceRequest.objects.filter(requesting_organization_id__in=organization_ids)
    return _with_joins(queryset.filter(status=status) if status else queryset)


def get_request_for_user(user, pk: int) -> LicenceRequest:
    """The request, or 404 when the person may not see it (whether or not it exists)."""
    licence_request = requests_visible_to(user).filter(pk=pk).first()
    if licence_request is None:
        raise Http404
    return licence_request


def request_transitions(licence_request: LicenceRequest) -> QuerySet[LicenceRequestTransition]:
    return licence_request.transitions.select_related("actor").order_by("created_at", "pk")


def request_messages(licence_request: LicenceRequest) -> QuerySet[LicenceRequestMessage]:
    return licence_request.messages.select_related("author").order_by("created_at", "pk")
