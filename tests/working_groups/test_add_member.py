"""Leads add a portal member to their group by e-mail address; the person is told by e-mail."""

import pytest
from django.core import mail

from apps.working_groups.models import GroupMembership, JoinRequest
from tests.factories import MembershipFactory, UserFactory
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, messages_of, person_for


def memberships(group) -> list[str]:
    return sorted(GroupMembership.objects.filter(group=group).values_list("user__email", flat=True))


@pytest.mark.parametrize("role", ROLES)
def test_who_may_add_a_member(
    role, request, client_for, lead, outsider, group, django_capture_on_commit_callbacks
):
    user = person_for(request, role)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(
            group_url("member_add", group), {"email": "oscar@prairie-lithium.ca"}
        )

    if role in ("lead", "staff"):
        assert response.status_code == 302
        assert response.url == group_url("detail", group)
        assert memberships(group) == ["lea@northern-cells.ca", "oscar@prairie-lithium.ca"]
        assert [message.to for message in mail.outbox] == [["oscar@prairie-lithium.ca"]]
        return
    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    else:
        assert response.status_code == 403
    assert memberships(group) == ["lea@northern-cells.ca"]
    assert mail.outbox == []


def test_added_person_gets_an_email_naming_who_added_them(
    client_for, lead, outsider, group, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(
            group_url("member_add", group), {"email": " Oscar@Prairie-Lithium.ca "}, follow=True
        )

    assert messages_of(response) == ["Oscar Outsider was added to the group and told by e-mail."]
    (message,) = mail.outbox
    assert message.subject == "You were added to Financing"
    assert "Lea Lead added you to the Financing working group." in message.body
    assert "http://127.0.0.1:8000/en/groups/financing/" in message.body
    assert "Lea Lead added you to the Financing working group." in message.alternatives[0][0]


def test_adding_someone_with_a_waiting_request_settles_it(client_for, lead, join_request, group):
    client_for(lead).post(group_url("member_add", group), {"email": "mo@northern-cells.ca"})

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert join_request.decided_by == lead


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("", "This field is required."),
        ("not-an-address", "Enter a valid email address."),
        ("nobody@example.ca", "No active portal member has the address nobody@example.ca."),
        ("sam@dormant.ca", "No active portal member has the address sam@dormant.ca."),
        ("lea@northern-cells.ca", "Lea Lead is already in this group."),
        ("gus@northern-cells.ca", "Gus Groupmember is already in this group."),
        ("a" * 250 + "@example.ca", "Ensure this value has at most 254 characters (it has 261)."),
    ],
)
def test_bad_addresses_are_refused(
    email, error, client_for, lead, group_member, suspended_member, group, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(group_url("member_add", group), {"email": email})

    assert response.status_code == 400
    assert error in response.context["member_add_form"].errors["email"]
    assert error.replace("'", "&#x27;") in response.content.decode()
    assert memberships(group) == ["gus@northern-cells.ca", "lea@northern-cells.ca"]
    assert mail.outbox == []


def test_a_deactivated_person_cannot_be_added(client_for, lead, organization, group):
    gone = UserFactory(email="gone@northern-cells.ca", is_active=False)
    MembershipFactory(user=gone, organization=organization)

    response = client_for(lead).post(group_url("member_add", group), {"email": "gone@northern-cells.ca"})

    assert response.status_code == 400
    assert not GroupMembership.objects.filter(user=gone).exists()


def test_lead_cannot_add_to_another_group(client_for, lead, other_group, member):
    response = client_for(lead).post(group_url("member_add", other_group), {"email": "mo@northern-cells.ca"})

    assert response.status_code == 403
    assert not GroupMembership.objects.filter(group=other_group, user=member).exists()
