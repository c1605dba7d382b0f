"""Two callers acting on the same licence request at the same moment, from two connections on
PostgreSQL: the request changes once; the other caller is refused and nothing else is written."""

import pytest

from apps.accounts.services_tokens import api_token_create
from apps.core.models import Event
from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest, LicenceRequestTransition
from tests.api.patents_fixtures import request_action_url, requests_url
from tests.api.test_post_update_race import post_together
from tests.factories import MembershipFactory, UserFactory
from tests.patents.factories import TechnologyAreaFactory


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_double_click_on_accept_accepts_once(request):
    TechnologyAreaFactory()  # an earlier transactional test may have emptied the migration's rows
    outsider, pending_request = (
        request.getfixturevalue("outsider"),
        request.getfixturevalue("pending_request"),
    )
    transitions_before = LicenceRequestTransition.objects.count()
    tokens = [api_token_create(user=outsider, name=f"click {number}")[1] for number in range(2)]

    statuses = post_together(tokens, request_action_url(pending_request.pk, "accept"), [{}, {}])

    assert statuses == [200, 400]
    assert LicenceRequest.objects.get(pk=pending_request.pk).status == LicenceRequest.Status.ACCEPTED
    assert LicenceRequestTransition.objects.count() == transitions_before + 1
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUEST_CHANGED).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_people_of_one_organization_asking_at_once_make_one_request(request):
    TechnologyAreaFactory()
    member, organization = request.getfixturevalue("member"), request.getfixturevalue("organization")
    listing = request.getfixturevalue("listing")
    colleague = UserFactory()
    MembershipFactory(user=colleague, organization=organization, role=Membership.Role.MEMBER)
    tokens = [api_token_create(user=person, name="race")[1] for person in (member, colleague)]
    payload = {"listing": listing.pk, "organization": organization.slug, "intended_use": "Cells."}

    statuses = post_together(tokens, requests_url(), [payload, payload])

    assert statuses == [201, 409]
    assert LicenceRequest.objects.count() == 1
    assert Event.objects.filter(kind=Event.Kind.LICENCE_REQUESTED).count() == 1
