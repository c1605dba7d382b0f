"""The page people of a suspended or lapsed organization see instead of the member pages."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.organizations.models import Membership, Organization
from apps.organizations.services.lifecycle import organization_mark_lapsed
from tests.factories import MembershipFactory, MembershipStatusChangeFactory, OrganizationFactory, UserFactory
from tests.organizations.application_helpers import STATUS_URL

pytestmark = pytest.mark.django_db


def test_anonymous_visitor_is_sent_to_sign_in(client_for):
    response = client_for(None).get(STATUS_URL)

    assert response.status_code == 302
    assert response["Location"] == f"/en/accounts/sign-in/?next={STATUS_URL}"


def test_member_pages_send_suspended_people_here(client_for, suspended_member):
    response = client_for(suspended_member).get("/en/organizations/", follow=True)

    assert response.redirect_chain == [(STATUS_URL, 302)]


def test_suspended_member_sees_status_reason_date_and_how_to_renew(client_for, suspended_member, settings):
    settings.SECRETARIAT_EMAIL = "desk@alliance.example"
    organization = suspended_member.memberships.get().organization
    MembershipStatusChangeFactory(
        organization=organization, from_status="active", to_status="suspended", reason="Membership fee unpaid"
    )

    response = client_for(suspended_member).get(STATUS_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Dormant Batteries Co." in page
    assert "Suspended" in page
    assert "Membership fee unpaid" in page
    assert timezone.localdate().strftime("%Y") in page
    assert "How to renew" in page
    assert 'href="mailto:desk@alliance.example?subject=Dormant%20Batteries%20Co."' in page
    assert "the member pages are closed for now" in page
    assert not response.context["has_access"]


def test_lapsed_member_sees_the_lapse_and_its_date(client_for, organization, member, staff):
    organization_mark_lapsed(organization=organization, actor=staff, reason="Not renewed in time.")

    response = client_for(member).get(STATUS_URL)

    page = response.content.decode()
    assert "Lapsed" in page
    assert "Not renewed in time." in page
    assert "since" in page
    assert "How to renew" in page


def test_active_member_sees_all_is_well_with_a_link_home(client_for, member):
    response = client_for(member).get(STATUS_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your membership is active" in page
    assert "Northern Cells Inc." in page
    assert "How to renew" not in page
    assert 'href="/en/"' in page
    assert response.context["has_access"]


def test_person_in_an_active_and_a_lapsed_organization_sees_both(client_for, member):
    lapsed = OrganizationFactory(
        name="Old Cells Ltd.", membership_status=Organization.Status.LAPSED, status_reason="Not renewed."
    )
    MembershipFactory(user=member, organization=lapsed)

    response = client_for(member).get(STATUS_URL)

    page = response.content.decode()
    assert "Your membership is active" in page
    assert page.index("Northern Cells Inc.") < page.index("Old Cells Ltd.")
    assert "Not renewed." in page
    assert page.count("How to renew") == 1


def test_person_without_any_organization_is_told_so(client_for):
    loner = UserFactory()

    response = client_for(loner).get(STATUS_URL)

    assert response.status_code == 200
    page = response.content.decode()
    assert "You do not belong to any member organization" in page
    assert 'href="/en/organizations/apply/"' in page


def test_staff_without_organization_is_pointed_home(client_for, staff):
    response = client_for(staff).get(STATUS_URL)

    assert response.status_code == 200
    assert "You are secretariat staff" in response.content.decode()


@pytest.mark.parametrize("organization_count", [1, 20])
def test_page_runs_a_fixed_number_of_queries(client_for, django_assert_max_num_queries, organization_count):
    person = UserFactory()
    for index in range(organization_count):
        organization = OrganizationFactory(
            name=f"Lapsed {index}",
            membership_status=Organization.Status.LAPSED,
            renewal_due_on=timezone.localdate() - timedelta(days=index),
        )
        MembershipFactory(user=person, organization=organization, role=Membership.Role.CONTACT)
        MembershipStatusChangeFactory.create_batch(2, organization=organization, to_status="lapsed")
    client = client_for(person)

    # Session, person, access check, their organizations with each one's latest change.
    with django_assert_max_num_queries(4):
        response = client.get(STATUS_URL)

    assert response.content.decode().count("How to renew") == organization_count
