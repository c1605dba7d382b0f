"""What the caller may see and do: the listings they may read, and their sides of licence requests
computed once per call (with the request selectors' rules), so a list checks every row without a
query per row. Which requests they may read is selectors_requests.requests_visible_to."""

from django.db.models import Q, QuerySet

from apps.organizations.models import Membership, Organization

from ..models import LicenceRequest, PatentListing
from ..selectors_requests import licensing_organization_ids, member_organization_ids


def listings_visible_to(user) -> QuerySet[PatentListing]:
    """The pool, plus every listing of the active organizations the person is a contact of (drafts,
    withdrawn, expired and hidden ones included); staff see all. The query form of
    permissions.can_view_listing."""
    listings = PatentListing.objects.all()
    if user.is_staff:
        return listings
    contact_of = Membership.objects.filter(
        user=user, role=Membership.Role.CONTACT, organization__membership_status=Organization.Status.ACTIVE
    ).values("organization_id")
    return listings.filter(
        Q(pk__in=PatentListing.objects.in_pool().values("pk")) | Q(organization__in=contact_of)
    )


OWNER_ACTIONS = {
    LicenceRequest.Status.PENDING: ("accept", "decline", "message"),
    LicenceRequest.Status.ACCEPTED: ("licence", "decline", "message"),
}
REQUESTER_ACTIONS = {
    LicenceRequest.Status.PENDING: ("withdraw", "message"),
    LicenceRequest.Status.ACCEPTED: ("withdraw", "message"),
}
ACTION_ORDER = ("accept", "licence", "decline", "withdraw", "message")


class Sides:
    """The caller's sides of licence requests: computed once (two queries), then asked per row.
    Each side is taken through an active organization only (see permissions_requests)."""

    def __init__(self, user):
        self.member_organization_ids = member_organization_ids(user)
        self.licensing_organization_ids = licensing_organization_ids(user)

    def is_requester(self, licence_request) -> bool:
        """Every person of the requesting organization speaks for its request."""
        return licence_request.requesting_organization_id in self.member_organization_ids

    def is_owner(self, licence_request) -> bool:
        """The owner organization's licensing contacts answer it."""
        return licence_request.listing.organization_id in self.licensing_organization_ids

    def available_actions(self, licence_request) -> list[str]:
        """None while the request is on hold (LicenceRequest.is_on_hold)."""
        if licence_request.is_on_hold:
            return []
        allowed = set()
        if self.is_owner(licence_request):
            allowed.update(OWNER_ACTIONS.get(licence_request.status, ()))
        if self.is_requester(licence_request):
            allowed.update(REQUESTER_ACTIONS.get(licence_request.status, ()))
        return [action for action in ACTION_ORDER if action in allowed]

    def may_act_as(self, licence_request, action: str) -> bool:
        """Whether the caller is on the side that may take `action` at all, whatever the status
        (the service refuses a wrong status with a clear message)."""
        if action == "message":
            return self.is_owner(licence_request) or self.is_requester(licence_request)
        if action == "withdraw":
            return self.is_requester(licence_request)
        return self.is_owner(licence_request)
