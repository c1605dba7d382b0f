"""The secretariat's admin for people and invitations."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Invitation, User
from apps.organizations.models import Membership
from tests.accounts.factories import InvitationFactory
from tests.factories import GroupMembershipFactory, MembershipFactory, OrganizationFactory, UserFactory

pytestmark = pytest.mark.django_db

USERS_URL = reverse("admin:accounts_user_changelist")
INVITATIONS_URL = reverse("admin:accounts_invitation_changelist")


def admin_login_redirect(next_url):
    return f"{reverse('admin:login')}?next={next_url}"


@pytest.mark.parametrize("role", [None, "member", "contact", "lead", "suspended_member"])
@pytest.mark.parametrize("url", [reverse("admin:index"), USERS_URL, INVITATIONS_URL])
def test_people_who_are_not_staff_are_sent_away_from_the_admin(request, client_for, role, url):
    person = request.getfixturevalue(role) if role else None

    response = client_for(person).get(url)

    assert response.status_code == 302
    assert response["Location"] == admin_login_redirect(url)


def test_staff_see_people_with_their_organizations(client_for, staff, contact, member, other_organization):
    MembershipFactory(user=member, organization=other_organization)

    response = client_for(staff).get(USERS_URL)

    assert response.status_code == 200
    rows = {person.email: person for person in response.context["cl"].result_list}
    assert set(rows) >= {contact.email, member.email, staff.email}
    content = response.content.decode()
    assert "Northern Cells Inc., Prairie Lithium Ltd." in content


def test_people_list_searches_by_organization_name(client_for, staff, member, outsider):
    response = client_for(staff).get(USERS_URL, {"q": "prairie"})

    assert [person.email for person in response.context["cl"].result_list] == [outsider.email]


@pytest.mark.parametrize("people", [5, 60])
def test_people_list_runs_a_fixed_number_of_queries(client_for, staff, people, django_assert_max_num_queries):
    organization = OrganizationFactory()
    for _ in range(people):
        MembershipFactory(user=UserFactory(), organization=organization)
    client = client_for(staff)

    with django_assert_max_num_queries(12):
        response = client.get(USERS_URL)

    assert response.status_code == 200


def test_person_page_shows_memberships_and_groups_read_only(client_for, staff, lead, group):
    response = client_for(staff).get(reverse("admin:accounts_user_change", args=[lead.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Northern Cells Inc." in content
    assert "Financing" in content
    inline_prefixes = [formset.formset.prefix for formset in response.context["inline_admin_formsets"]]
    assert inline_prefixes == ["memberships", "group_memberships"]
    assert all(not formset.has_add_permission for formset in response.context["inline_admin_formsets"])


def test_person_history_page_works(client_for, staff, member):
    member.full_name = "Mo Renamed"
    member.save()

    response = client_for(staff).get(reverse("admin:accounts_user_history", args=[member.pk]))

    assert response.status_code == 200
    assert "Mo Renamed" in response.content.decode()


def test_staff_add_a_person_with_email_and_name(client_for, staff):
    response = client_for(staff).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "New.Person@Example.ca",
            "full_name": "New Person",
            "usable_password": "true",
            "password1": "a-long-enough-password",
            "password2": "a-long-enough-password",
        },
    )

    assert response.status_code == 302
    person = User.objects.get(email="new.person@example.ca")
    assert person.full_name == "New Person"
    assert person.check_password("a-long-enough-password")


def test_adding_an_existing_address_in_another_case_is_refused(client_for, staff, member):
    response = client_for(staff).post(
        reverse("admin:accounts_user_add"),
        {
            "email": "MO@northern-cells.ca",
            "full_name": "Double",
            "usable_password": "true",
            "password1": "a-long-enough-password",
            "password2": "a-long-enough-password",
        },
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "A person with this e-mail address already exists."
    ]
    assert User.objects.filter(email__iexact="mo@northern-cells.ca").count() == 1


def test_staff_who_are_not_superusers_cannot_grant_superuser_status(client_for, staff, member):
    response = client_for(staff).get(reverse("admin:accounts_user_change", args=[member.pk]))

    form = response.context["adminform"].form
    assert "is_superuser" not in form.fields
    assert "user_permissions" not in form.fields
    assert "is_active" not in form.fields
    assert "groups" not in form.fields
    assert "is_staff" not in form.fields


def test_deactivate_action_uses_the_people_service(client_for, staff, member):
    response = client_for(staff).post(
        USERS_URL, {"action": "deactivate_people", "_selected_action": [member.pk]}, follow=True
    )

    member.refresh_from_db()
    assert member.is_active is False
    assert member.deactivated_by == staff
    assert "Deactivated: Mo Member." in response.content.decode()


def test_deactivate_action_reports_refusals(client_for, staff):
    response = client_for(staff).post(
        USERS_URL, {"action": "deactivate_people", "_selected_action": [staff.pk]}, follow=True
    )

    staff.refresh_from_db()
    assert staff.is_active is True
    assert "Could not change Stella Staff: You cannot deactivate yourself." in response.content.decode()


def test_reactivate_action_lets_the_person_sign_in_again(client_for, staff, member):
    User.objects.filter(pk=member.pk).update(
        is_active=False, deactivated_at=timezone.now(), deactivated_by=staff
    )

    response = client_for(staff).post(
        USERS_URL, {"action": "reactivate_people", "_selected_action": [member.pk]}, follow=True
    )

    member.refresh_from_db()
    assert (member.is_active, member.deactivated_at, member.deactivated_by) == (True, None, None)
    assert "Reactivated: Mo Member." in response.content.decode()
    assert member.history.first().history_user == staff


def test_reactivating_an_active_person_is_refused(client_for, staff, member):
    response = client_for(staff).post(
        USERS_URL, {"action": "reactivate_people", "_selected_action": [member.pk]}, follow=True
    )

    assert "Could not change Mo Member: Mo Member is already active." in response.content.decode()


@pytest.fixture
def invitations(organization, other_organization, contact):
    now = timezone.now()
    return {
        "pending": InvitationFactory(organization=organization, invited_by=contact, email="pending@x.ca"),
        "expiring": InvitationFactory(
            organization=other_organization, email="soon@x.ca", expires_at=now + timedelta(days=2)
        ),
        "accepted": InvitationFactory(organization=organization, email="done@x.ca", accepted_at=now),
        "revoked": InvitationFactory(organization=organization, email="gone@x.ca", revoked_at=now),
        "expired": InvitationFactory(
            organization=organization, email="late@x.ca", expires_at=now - timedelta(days=1)
        ),
    }


def test_invitation_list_shows_state_and_never_the_token(client_for, staff, invitations):
    response = client_for(staff).get(INVITATIONS_URL)

    assert response.status_code == 200
    content = response.content.decode()
    for invitation in invitations.values():
        assert invitation.email in content
        assert invitation.token_hash not in content
    for state in ["Pending", "Accepted", "Revoked", "Expired"]:
        assert state in content


def test_invitation_page_never_shows_the_token(client_for, staff, invitations):
    invitation = invitations["pending"]

    response = client_for(staff).get(reverse("admin:accounts_invitation_change", args=[invitation.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert invitation.token_hash not in content
    assert invitation.token not in content


@pytest.mark.parametrize(
    ("state", "emails"),
    [
        ("pending", {"pending@x.ca", "soon@x.ca"}),
        ("accepted", {"done@x.ca"}),
        ("revoked", {"gone@x.ca"}),
        ("expired", {"late@x.ca"}),
        ("expiring", {"soon@x.ca"}),
    ],
)
def test_invitations_filter_by_state(client_for, staff, invitations, state, emails):
    response = client_for(staff).get(INVITATIONS_URL, {"state": state})

    assert {invitation.email for invitation in response.context["cl"].result_list} == emails


def test_invitations_filter_by_organization(client_for, staff, invitations, other_organization):
    response = client_for(staff).get(INVITATIONS_URL, {"organization__id__exact": other_organization.pk})

    assert [invitation.email for invitation in response.context["cl"].result_list] == ["soon@x.ca"]


def test_resend_action_sends_a_new_link(client_for, staff, invitations, django_capture_on_commit_callbacks):
    invitation = invitations["pending"]

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            INVITATIONS_URL, {"action": "resend", "_selected_action": [invitation.pk]}, follow=True
        )

    invitation.refresh_from_db()
    assert invitation.sent_count == 2
    assert [message.to for message in mail.outbox] == [["pending@x.ca"]]
    assert "New links are on their way to: pending@x.ca → Northern Cells Inc." in response.content.decode()


def test_resend_action_refuses_accepted_invitations(
    client_for, staff, invitations, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            INVITATIONS_URL,
            {"action": "resend", "_selected_action": [invitations["accepted"].pk]},
            follow=True,
        )

    assert mail.outbox == []
    assert (
        "Could not change done@x.ca → Northern Cells Inc.: "
        "This invitation was already accepted; it cannot be resent." in response.content.decode()
    )


def test_revoke_action_revokes(client_for, staff, invitations):
    invitation = invitations["pending"]

    response = client_for(staff).post(
        INVITATIONS_URL, {"action": "revoke", "_selected_action": [invitation.pk]}, follow=True
    )

    invitation.refresh_from_db()
    assert invitation.state == Invitation.State.REVOKED
    assert invitation.revoked_by == staff
    assert "Revoked: pending@x.ca → Northern Cells Inc." in response.content.decode()


def test_admin_front_page_counts_invitations_expiring_soon(client_for, staff, invitations):
    response = client_for(staff).get(reverse("admin:index"))

    items = {item.label: item for item in response.context["waiting_items"]}
    item = items["Invitations expiring in the next 3 days"]
    assert item.count == 1
    assert item.url == f"{INVITATIONS_URL}?state=expiring"
    assert "Invitations expiring in the next 3 days" in response.content.decode()


def test_group_memberships_are_listed_on_the_person_page(client_for, staff, member, group):
    GroupMembershipFactory(group=group, user=member)

    response = client_for(staff).get(reverse("admin:accounts_user_change", args=[member.pk]))

    group_formset = response.context["inline_admin_formsets"][1]
    assert [form.original.group for form in group_formset] == [group]
    assert Membership.objects.filter(user=member).count() == 1
