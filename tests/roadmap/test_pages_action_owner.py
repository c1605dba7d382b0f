"""Naming an action's owner from the page: leads of the owning group and staff, from its members."""

import pytest
from django.urls import reverse

from apps.core.models import Event
from apps.roadmap.models import Action
from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, MembershipFactory, UserFactory
from tests.roadmap.pages_helpers import detail_url, login_redirect, owner_url, user_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(group, organization, contact):
    """Another member of the Financing group."""
    user = UserFactory(full_name="Cole Colleague")
    MembershipFactory(user=user, organization=organization)
    GroupMembershipFactory(group=group, user=user, role=GroupMembership.Role.MEMBER)
    return user


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 403),
        ("owner", 403),
        ("other_lead", 403),
        ("lead", 302),
        ("staff", 302),
    ],
)
def test_who_may_name_the_owner(request, client_for, action, colleague, role, expected_status):
    user = user_for(request, role)

    response = client_for(user).post(owner_url(action), {"owner": colleague.pk})

    assert response.status_code == expected_status
    allowed = role in ("lead", "staff")
    assert Action.objects.get(pk=action.pk).owner == (colleague if allowed else action.owner)
    assert Event.objects.filter(kind=Event.Kind.ACTION_OWNER_NAMED).count() == (1 if allowed else 0)
    if role == "anonymous":
        assert response["Location"] == login_redirect(owner_url(action))
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")
    elif allowed:
        assert response["Location"] == detail_url(action)


def test_lead_sees_the_owner_form_with_the_group_members(client_for, lead, action, colleague, outsider):
    response = client_for(lead).get(detail_url(action))

    form = response.context["owner_form"]
    assert set(form.fields["owner"].queryset) == {lead, action.owner, colleague}
    assert form["owner"].value() == action.owner_id
    assert "Name the owner" in response.content.decode()


@pytest.mark.parametrize("role", ["member", "owner", "other_lead"])
def test_others_get_no_owner_form(request, client_for, action, role):
    response = client_for(user_for(request, role)).get(detail_url(action))

    assert response.context["owner_form"] is None
    assert "Name the owner" not in response.content.decode()


def test_lead_names_the_owner_and_is_told(client_for, lead, action, colleague):
    response = client_for(lead).post(owner_url(action), {"owner": colleague.pk}, follow=True)

    assert "Cole Colleague now owns FIN-1." in response.content.decode()


def test_lead_can_leave_the_action_without_owner(client_for, lead, action):
    response = client_for(lead).post(owner_url(action), {"owner": ""}, follow=True)

    assert Action.objects.get(pk=action.pk).owner is None
    assert "FIN-1 has no owner now." in response.content.decode()


def test_person_outside_the_group_is_refused(client_for, lead, action, outsider):
    response = client_for(lead).post(owner_url(action), {"owner": outsider.pk})

    assert response.status_code == 400
    assert response.context["owner_form"].errors["owner"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert Action.objects.get(pk=action.pk).owner == action.owner
    assert not Event.objects.exists()


def test_get_on_the_owner_address_is_not_allowed(client_for, lead, action):
    assert client_for(lead).get(owner_url(action)).status_code == 405
