"""Who may see and answer a licence request. Pure predicates shared by the pages, the services,
the API and the templates (which show or hide each button with the same answers).

The requesting side is every person of the requesting organization; the owner side is the owner
organization's licensing contacts; staff see every request but act on neither side unless they
are also on it.
"""

from apps.organizations.models import Membership

from .models import LicenceRequest
from .permissions import is_licensing_contact


def is_requesting_side(user, licence_request: LicenceRequest) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(
        user=user, organization_id=licence_request.requesting_organization_id
    ).exists()


def is_owner_side(user, licence_request: LicenceRequest) -> bool:
    return is_licensing_contact(user, licence_request.listing.organization)


def can_view_request(user, licence_request: LicenceRequest) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_staff or is_requesting_side(user, licence_request) or is_owner_side(user, licence_request)


def request_actions(user, licence_request: LicenceRequest) -> dict[str, bool]:
    """Which buttons `user` gets on the request's page, computed with two queries."""
    owner = is_owner_side(user, licence_request)
    requester = is_requesting_side(user, licence_request)
    status = licence_request.status
    is_open = licence_request.is_open
    return {
        "is_owner_side": owner,
        "is_requesting_side": requester,
        "can_accept": owner and status == LicenceRequest.Status.PENDING,
        "can_record_licence": owner and status == LicenceRequest.Status.ACCEPTED,
        "can_decline": owner and is_open,
        "can_withdraw": requester and is_open,
        "can_message": (owner or requester) and is_open,
    }
