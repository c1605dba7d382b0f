"""The roadmap actions of a person who leaves: the handover pages list them and ask who takes each
over; deactivating them (page or admin) hands each to the chosen member of its working group, or to
nobody with the group's leads told. An inactive person never owns an action."""

import pytest
from django.contrib.admin import helpers
from django.core import mail
from django.urls import reverse

from apps.core.errors import DomainError
from apps.core.models import Event
from apps.notifications.delivery import events_deliver
from apps.organizations.models import Organization
from apps.organizations.services.people import person_deactivate
from apps.roadmap.models import Action
from apps.working_groups.models import GroupMembership
from tests.factories import GroupMembershipFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.organizations.people_helpers import ROLES, person_for
from tests.roadmap.factories import ActionFactory, AreaFactory


def deactivate_url(organization, person) -> str:
    return reverse("organizations:person_deactivate", args=[organization.slug, person.pk])


def handover_url(organization, person) -> str:
    return reverse("organizations:person_handover", args=[organization.slug, person.pk])


def choice(action) -> str:
    return f"action-{action.pk}-owner"


def subjects_to(person) -> list[str]:
    return [message.subject for message in mail.outbox if message.to == [person.email]]


@pytest.fixture
def area(db):
    return AreaFactory(code="FIN", name="Financial Ecosystem")


@pytest.fixture
def owner(group, organization, contact):
    """Olive, a member of the Financing group who owns its actions (not a lead)."""
    person = UserFactory(full_name="Olive Owner", email="olive@northern-cells.ca")
    MembershipFactory(user=person, organization=organization)
    GroupMembershipFactory(group=group, user=person, role=GroupMembership.Role.MEMBER)
    return person


@pytest.fixture
def action(area, group, owner):
    return ActionFactory(
        code="FIN-1",
        area=area,
        title="Align and focus existing funding mechanisms",
        working_group=group,
        owner=owner,
    )


@pytest.fixture
def colleague(group, organization):
    """Another member of the Financing group, who can take the action over."""
    person = UserFactory(full_name="Cole Colleague", email="cole@northern-cells.ca")
    MembershipFactory(user=person, organization=organization)
    GroupMembershipFactory(group=group, user=person, role=GroupMembership.Role.MEMBER)
    return person


@pytest.fixture
def second_action(area, group, owner):
    return ActionFactory(
        code="FIN-2", area=area, title="Blend public and private capital", working_group=group, owner=owner
    )


def test_deactivation_page_lists_their_actions_and_asks_who_takes_each_over(
    client_for,
    contact,
    organization,
    owner,
    action,
    lead,
    colleague,
):
    # Not offered: someone who is deactivated, and someone whose organization is suspended.
    gone = UserFactory(full_name="Gone Member", is_active=False)
    GroupMembershipFactory(group=action.working_group, user=gone)
    dormant = UserFactory(full_name="Dormant Member")
    MembershipFactory(
        user=dormant, organization=OrganizationFactory(membership_status=Organization.Status.SUSPENDED)
    )
    GroupMembershipFactory(group=action.working_group, user=dormant)

    response = client_for(contact).get(deactivate_url(organization, owner))

    assert response.status_code == 200
    section = next(s for s in response.context["sections"] if s.title == "Roadmap actions they own")
    (item,) = section.items
    assert item.text == "FIN-1 Align and focus existing funding mechanisms"
    assert item.choices == (
        ("", "Nobody yet: leave it to the leads of Financing"),
        (str(colleague.pk), "Cole Colleague"),
        (str(lead.pk), "Lea Lead"),
    )
    html = response.content.decode()
    assert f'<select name="{choice(action)}"' in html
    assert "Who takes FIN-1 over" in html


def test_handover_page_lists_their_actions_without_asking(client_for, contact, organization, owner, action):
    html = client_for(contact).get(handover_url(organization, owner)).content.decode()

    assert "Roadmap actions they own" in html
    assert "FIN-1 Align and focus existing funding mechanisms" in html
    assert "<select" not in html


def test_deactivating_hands_each_action_to_the_member_chosen_who_is_told(
    client_for,
    contact,
    organization,
    owner,
    action,
    second_action,
    colleague,
    lead,
):
    response = client_for(contact).post(
        deactivate_url(organization, owner), {choice(action): colleague.pk, choice(second_action): lead.pk}
    )
    events_deliver()

    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).owner == colleague
    assert Action.objects.get(pk=second_action.pk).owner == lead
    assert Action.objects.get(pk=action.pk).history.latest().history_user == contact
    assert subjects_to(colleague) == ["You now own FIN-1"]
    assert subjects_to(lead) == ["You now own FIN-2"]


def test_deactivating_without_a_choice_leaves_the_action_to_the_groups_leads_who_are_told(
    client_for,
    contact,
    organization,
    owner,
    action,
    lead,
    colleague,
):
    client_for(contact).post(deactivate_url(organization, owner))
    events_deliver()

    assert Action.objects.get(pk=action.pk).owner is None
    assert subjects_to(lead) == ["FIN-1 has no owner: name one"]
    (message,) = [message for message in mail.outbox if message.to == [lead.email]]
    assert 'Olive Owner has left and no longer owns FIN-1 "Align and focus existing funding mechanisms".' in (
        message.body
    )
    assert action.get_absolute_url() in message.body
    assert subjects_to(colleague) == []


def test_the_leads_are_told_in_their_language(client_for, contact, organization, owner, action, lead):
    type(lead).objects.filter(pk=lead.pk).update(preferred_language="fr")

    client_for(contact).post(deactivate_url(organization, owner))
    events_deliver()

    assert subjects_to(lead) == ["FIN-1 n'a plus de titulaire : désignez-en un"]


def test_admin_deactivation_also_clears_ownership_and_tells_the_leads(
    client_for,
    staff,
    owner,
    action,
    lead,
):
    response = client_for(staff).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate_people", helpers.ACTION_CHECKBOX_NAME: [owner.pk]},
    )
    events_deliver()

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.is_active is False
    assert Action.objects.get(pk=action.pk).owner is None
    assert subjects_to(lead) == ["FIN-1 has no owner: name one"]


@pytest.mark.parametrize(
    ("picked", "message"),
    [
        ("outsider", "Choose who takes over FIN-1 among the members of its working group."),
        ("owner", "Choose who takes over FIN-1 among the members of its working group."),
        ("not-a-number", "Choose who takes over FIN-1 from the list."),
        ("²", "Choose who takes over FIN-1 from the list."),
    ],
)
def test_a_successor_outside_the_group_is_refused_and_nothing_changes(
    picked,
    message,
    request,
    client_for,
    contact,
    organization,
    owner,
    action,
    outsider,
):
    value = request.getfixturevalue(picked).pk if picked in ("outsider", "owner") else picked

    response = client_for(contact).post(deactivate_url(organization, owner), {choice(action): value})

    assert response.status_code == 400
    assert message in response.content.decode()
    owner.refresh_from_db()
    assert owner.is_active is True
    assert Action.objects.get(pk=action.pk).owner == owner
    assert not Event.objects.filter(kind__in=[Event.Kind.ACTION_OWNER_NAMED, Event.Kind.ACTION_OWNER_LEFT])


def test_the_page_shown_again_keeps_the_choices_made(
    client_for,
    contact,
    organization,
    owner,
    action,
    second_action,
    colleague,
    outsider,
):
    response = client_for(contact).post(
        deactivate_url(organization, owner),
        {choice(action): colleague.pk, choice(second_action): outsider.pk},
    )

    assert response.status_code == 400
    assert f'<option value="{colleague.pk}" selected>Cole Colleague</option>' in response.content.decode()


@pytest.mark.parametrize("role", [role for role in ROLES if role not in ("contact", "staff")])
def test_people_who_may_not_deactivate_hand_nothing_over(
    role,
    request,
    client_for,
    organization,
    owner,
    action,
    colleague,
):
    user = person_for(request, role)

    response = client_for(user).post(deactivate_url(organization, owner), {choice(action): colleague.pk})

    assert response.status_code in (302, 403)
    assert Action.objects.get(pk=action.pk).owner == owner
    assert not Event.objects.filter(kind__in=[Event.Kind.ACTION_OWNER_NAMED, Event.Kind.ACTION_OWNER_LEFT])
    assert mail.outbox == []


def test_an_active_person_is_not_handed_over_through_the_departure_service(owner, action, contact):
    from apps.roadmap.services import actions_reassign_for_departure

    with pytest.raises(DomainError):
        actions_reassign_for_departure(person=owner, actor=contact, new_owner_ids={})

    assert Action.objects.get(pk=action.pk).owner == owner


def test_no_inactive_person_owns_an_action_after_any_deactivation(staff, owner, action, second_action):
    person_deactivate(person=owner, actor=staff)

    assert not Action.objects.filter(owner__is_active=False).exists()


@pytest.mark.parametrize("actions", [2, 20])
def test_deactivation_page_runs_a_fixed_number_of_queries(
    actions,
    client_for,
    contact,
    organization,
    owner,
    area,
    group,
    colleague,
    django_assert_max_num_queries,
):
    for number in range(actions):
        ActionFactory(code=f"FIN-{number + 10}", area=area, working_group=group, owner=owner)
    client = client_for(contact)

    with django_assert_max_num_queries(16):
        response = client.get(deactivate_url(organization, owner))

    assert response.status_code == 200
    assert response.content.decode().count("<select") == actions
