"""A person's own profile: name and job title, and where they belong."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.accounts.services_tokens import api_token_create
from tests.accounts.conftest import add_memberships, sign_in_redirect
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PROFILE_URL = reverse("accounts:profile")


def test_anonymous_is_sent_to_sign_in(client_for):
    response = client_for(None).get(PROFILE_URL)

    assert response.status_code == 302
    assert response["Location"] == sign_in_redirect(PROFILE_URL)


def test_anonymous_cannot_post_to_a_profile(client_for, member):
    response = client_for(None).post(PROFILE_URL, {"full_name": "Hacked", "job_title": ""})

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == "Mo Member"


@pytest.mark.parametrize("role", ["member", "contact", "lead", "outsider", "staff", "suspended_member"])
def test_every_signed_in_person_sees_their_own_profile(request, client_for, role):
    person = request.getfixturevalue(role)

    response = client_for(person).get(PROFILE_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert person.email in content
    assert f'value="{person.full_name}"' in content
    assert reverse("accounts:password_change") in content


def test_profile_lists_organizations_with_role_and_working_groups(
    client_for, lead, other_organization, group
):
    MembershipFactory(user=lead, organization=other_organization, role="contact")

    response = client_for(lead).get(PROFILE_URL)

    memberships = [(m.organization.name, m.get_role_display()) for m in response.context["memberships"]]
    assert memberships == [
        ("Northern Cells Inc.", "Member"),
        ("Prairie Lithium Ltd.", "Organization contact"),
    ]
    assert [(g.group.name, g.get_role_display()) for g in response.context["group_memberships"]] == [
        ("Financing", "Lead")
    ]
    content = response.content.decode()
    assert group.get_absolute_url() in content


def test_suspended_organization_is_shown_with_its_status_in_words(client_for, suspended_member):
    response = client_for(suspended_member).get(PROFILE_URL)

    content = response.content.decode()
    assert "Dormant Batteries Co." in content
    assert "Suspended" in content


def test_person_updates_name_and_job_title(client_for, member):
    client = client_for(member)

    response = client.post(PROFILE_URL, {"full_name": "  Maureen   Member ", "job_title": "Cell engineer"})

    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    member.refresh_from_db()
    assert (member.full_name, member.job_title) == ("Maureen Member", "Cell engineer")
    assert "Your profile is saved." in client.get(PROFILE_URL).content.decode()
    assert member.history.first().full_name == "Maureen Member"


def test_person_of_suspended_organization_may_update_profile(client_for, suspended_member):
    response = client_for(suspended_member).post(PROFILE_URL, {"full_name": "Sam Still", "job_title": ""})

    assert response.status_code == 302
    suspended_member.refresh_from_db()
    assert suspended_member.full_name == "Sam Still"


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"full_name": "", "job_title": "CEO"}, "full_name", "This field is required."),
        ({"full_name": "   ", "job_title": "CEO"}, "full_name", "This field is required."),
        ({"full_name": "x" * 151, "job_title": ""}, "full_name", "at most 150 characters"),
        ({"full_name": "Mo", "job_title": "y" * 151}, "job_title", "at most 150 characters"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(client_for, member, data, field, message):
    response = client_for(member).post(PROFILE_URL, data)

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    member.refresh_from_db()
    assert (member.full_name, member.job_title) == ("Mo Member", "")


def test_a_person_can_only_edit_their_own_profile(client_for, member, contact):
    client_for(member).post(PROFILE_URL, {"full_name": "Renamed", "job_title": "", "email": contact.email})

    contact.refresh_from_db()
    member.refresh_from_db()
    assert contact.full_name == "Carla Contact"
    assert member.email == "mo@northern-cells.ca"
    assert User.objects.filter(full_name="Renamed").get() == member


@pytest.mark.parametrize("organizations", [5, 200])
def test_profile_runs_a_fixed_number_of_queries(
    client_for, member, organizations, django_assert_max_num_queries
):
    add_memberships(member, organizations)
    for index in range(3):
        api_token_create(user=member, name=f"Script {index}")
    client = client_for(member)

    with django_assert_max_num_queries(6):
        response = client.get(PROFILE_URL)

    assert len(response.context["memberships"]) == organizations + 1
