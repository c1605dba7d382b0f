import pytest
from django.urls import reverse

from apps.organizations.models import Membership
from apps.patents.models import LicenceRequest
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

from .factories import LicenceRequestFactory, LicenceRequestMessageFactory, PatentListingFactory
from .requests_support import *  # noqa: F403


def detail_url(licence_request):
    return reverse("patents:request_detail", kwargs={"pk": licence_request.pk})


@pytest.mark.parametrize(
    "role, expected",
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("requester", 200),
        ("requester_colleague", 200),
        ("contact", 200),
        ("member", 404),  # the owner's plain member does not handle licensing
        ("other_lead", 200),  # a plain member of the requesting organization
        ("lead", 404),
        ("staff", 200),
    ],
)
def test_request_page_role_matrix(role, expected, request, client_for, pending_request):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    response = client_for(user).get(detail_url(pending_request))
    assert response.status_code == expected
    if role == "suspended_member":
        assert response.url == reverse("organizations:membership_status")


def test_owner_contact_who_is_not_a_chosen_licensing_contact_cannot_see_the_request(
    client_for, pending_request, organization, contact
):
    chosen = UserFactory()
    MembershipFactory(
        user=chosen, organization=organization, role=Membership.Role.CONTACT, handles_licensing=True
    )
    assert client_for(contact).get(detail_url(pending_request)).status_code == 404
    assert client_for(chosen).get(detail_url(pending_request)).status_code == 200


def test_owner_sees_the_answer_buttons_and_the_requester_the_withdraw_button(
    client_for, pending_request, contact, requester, staff
):
    owner_page = client_for(contact).get(detail_url(pending_request)).context
    assert (owner_page["can_accept"], owner_page["can_decline"], owner_page["can_withdraw"]) == (
        True,
        True,
        False,
    )
    requester_page = client_for(requester).get(detail_url(pending_request)).context
    assert (requester_page["can_accept"], requester_page["can_withdraw"], requester_page["can_message"]) == (
        False,
        True,
        True,
    )
    staff_page = client_for(staff).get(detail_url(pending_request)).context
    assert not any(staff_page[key] for key in ("can_accept", "can_decline", "can_withdraw", "can_message"))


def test_page_shows_history_and_messages(client_for, accepted_request, contact, requester):
    LicenceRequestMessageFactory(request=accepted_request, author=requester, body="Looking forward.")
    content = client_for(requester).get(detail_url(accepted_request)).content.decode()
    assert "Looking forward." in content
    assert "Carla Contact" in content
    assert "Accepted in principle" in content


def test_request_page_runs_a_fixed_number_of_queries(
    client_for, accepted_request, contact, requester, django_assert_max_num_queries
):
    client = client_for(contact)
    for index in range(3):
        LicenceRequestMessageFactory(request=accepted_request, author=requester, body=f"Message {index}")
    with django_assert_max_num_queries(16) as small:
        client.get(detail_url(accepted_request))
    for index in range(30):
        LicenceRequestMessageFactory(request=accepted_request, author=UserFactory(), body=f"More {index}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(detail_url(accepted_request))


def requests_url(**query):
    url = reverse("patents:requests")
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def test_licensing_contact_sees_requests_to_us_and_no_one_elses(client_for, pending_request, contact):
    unrelated = LicenceRequestFactory()
    response = client_for(contact).get(requests_url())
    assert response.context["side"] == "to_us"
    assert list(response.context["page_obj"].object_list) == [pending_request]
    assert unrelated not in response.context["page_obj"].object_list


def test_requesting_side_sees_our_requests(client_for, pending_request, requester_colleague):
    response = client_for(requester_colleague).get(requests_url(side="to_us"))
    assert response.status_code == 200
    assert response.context["side"] == "ours"  # not a licensing contact: only "Our requests"
    assert list(response.context["page_obj"].object_list) == [pending_request]


def test_status_filter(client_for, pending_request, contact, listing):
    declined = LicenceRequestFactory(listing=listing, status=LicenceRequest.Status.DECLINED)
    response = client_for(contact).get(requests_url(side="to_us", status="declined"))
    assert list(response.context["page_obj"].object_list) == [declined]


def test_list_role_matrix(client_for, suspended_member, outsider, pending_request):
    anonymous = client_for(None).get(requests_url())
    assert anonymous.status_code == 302
    assert client_for(suspended_member).get(requests_url()).url == reverse("organizations:membership_status")
    stranger = UserFactory()
    MembershipFactory(user=stranger, organization=OrganizationFactory())
    response = client_for(stranger).get(requests_url())
    assert response.status_code == 200
    assert list(response.context["page_obj"].object_list) == []


def make_requests(organization, other_organization, count):
    for _index in range(count):
        listing = PatentListingFactory(organization=organization)
        LicenceRequestFactory(listing=listing, requesting_organization=other_organization)
        requester_listing = PatentListingFactory(organization=OrganizationFactory())
        LicenceRequestFactory(listing=requester_listing, requesting_organization=organization)


@pytest.mark.parametrize("side", ["to_us", "ours"])
def test_request_list_runs_a_fixed_number_of_queries(
    side, client_for, contact, organization, other_organization, django_assert_max_num_queries
):
    client = client_for(contact)
    make_requests(organization, other_organization, 2)
    with django_assert_max_num_queries(14) as small:
        response = client.get(requests_url(side=side))
    assert len(response.context["page_obj"].object_list) == 2
    make_requests(organization, other_organization, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(requests_url(side=side))
    assert len(response.context["page_obj"].object_list) == 25
