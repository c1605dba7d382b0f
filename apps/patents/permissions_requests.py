"""Who may see and answer a licence request. Pure predicates shared by the pages, the services,
the API and the templates (which show or hide each button with the same answers).

The requesting side is every person of the requesting organization; the owner side is the owner
organization's licensing contacts; each side only while its organization is active. Staff see
every request but act on neither side unless they are also on it.

A request on hold (`LicenceRequest.is_on_hold`: one of its organizations is suspended or lapsed)
takes no action from either side until the organization is reinstated. The other side is not told
which organization or why: that is between the organization and the secretariat.
"""

from apps.organizations.permissions import may_act_for

from .models import LicenceRequest
from .permissions import answers_for


def is_requesting_side(user, licence_request: LicenceRequest) -> bool:
    return may_act_for(user, licence_request.requesting_organization)


def is_owner_side(user, licence_request: LicenceRequest) -> bool:
    return answers_for(user, licence_request.listing.organization)


def request_actions(user, licence_request: LicenceRequest) -> dict[str, bool]:
    """Which buttons `user` gets on the request's page, computed with two queries. None while the
    request is on hold."""
    owner = is_owner_side(user, licence_request)
    requester = is_requesting_side(user, licence_request)
    on_hold = licence_request.is_on_hold
    status = licence_request.status
    may_act = licence_request.is_open and not on_hold
    return {
        "is_owner_side": owner,
        "is_requesting_side": requester,
        "is_on_hold": on_hold,
        "can_accept": owner and may_act and status == LicenceRequest.Status.PENDING,
        "can_record_licence": owner and may_act and status == LicenceRequest.Status.ACCEPTED,
        "can_decline": owner and may_act,
        "can_withdraw": requester and may_act,
        "can_message": (owner or requester) and may_act,
    }
