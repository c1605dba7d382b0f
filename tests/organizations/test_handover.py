"""The handover page and `handover_for`: what a person who has left led or owned."""

import pytest
from django.urls import reverse

from apps.organizations import selectors
from apps.organizations.models import Membership
from apps.organizations.selectors import HandoverItem, HandoverSection, handover_for
from apps.organizations.services.people import person_deactivate
from apps.working_groups.models import GroupMembership
from tests.factories import InvitationFactory, MembershipFactory, OrganizationFactory, WorkingGroupFactory
from tests.organizations.people_helpers import add_person, assert_kept_out, person_for


def handover_url(organization, person) -> str:
    return reverse("organizations:person_handover", args=[organization.slug, person.pk])


@pytest.fixture
def leaver(organization, contact, group, other_group):
    person, _ = add_person(organization, role=Membership.Role.CONTACT, full_name="Lee Leaver")
    GroupMembership.objects.create(group=group, user=person, role=GroupMembership.Role.LEAD)
    GroupMembership.objects.create(group=other_group, user=person, role=GroupMembership.Role.MEMBER)
    InvitationFactory(organization=organization, email="newbie@northern-cells.ca", invited_by=person)
    person_deactivate(person=person, actor=contact)
    person.refresh_from_db()
    return person


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 403),
        ("lead", 403),
        ("outsider", 403),
        ("contact", 200),
        ("staff", 200),
    ],
)
def test_handover_page_access(role, expected, request, client_for, organization, leaver):
    user = person_for(request, role)

    response = client_for(user).get(handover_url(organization, leaver))

    assert response.status_code == expected
    if expected == 302:
        assert_kept_out(response, role, handover_url(organization, leaver))


def test_handover_page_lists_what_they_led(client_for, contact, organization, leaver):
    response = client_for(contact).get(handover_url(organization, leaver))

    html = response.content.decode()
    assert "Handover from Lee Leaver" in html
    assert "Deactivated" in html
    assert "by Carla Contact" in html
    titles = [section.title for section in response.context["sections"]]
    assert titles == [
        "Working groups they lead",
        "Working groups they are a member of",
        "Organizations they are a contact of",
        "Pending invitations they sent",
    ]
    assert 'href="/en/groups/financing/"' in html
    assert "Skills" in html
    assert "1 other active contact." in html
    assert "newbie@northern-cells.ca to Northern Cells Inc." in html


def test_handover_warns_when_no_other_active_contact_remains(staff, organization):
    only_contact = MembershipFactory(
        organization=OrganizationFactory(name="Solo Ltd."), role=Membership.Role.CONTACT
    ).user

    sections = handover_for(only_contact, viewer=staff)

    assert sections[0].title == "Organizations they are a contact of"
    assert sections[0].items[0].note == "No other active contact: make a colleague its contact."


def test_invitations_to_other_organizations_stay_hidden_from_a_contact(
    client_for, contact, organization, leaver
):
    elsewhere = OrganizationFactory(name="Elsewhere Inc.")
    InvitationFactory(organization=elsewhere, email="secret@elsewhere.ca", invited_by=leaver)

    as_contact = client_for(contact).get(handover_url(organization, leaver)).content.decode()
    as_staff_sections = handover_for(leaver)

    assert "secret@elsewhere.ca" not in as_contact
    invitations = next(
        section for section in as_staff_sections if section.title == "Pending invitations they sent"
    )
    assert len(invitations.items) == 2


def test_person_with_nothing_to_hand_over_is_said_so(client_for, contact, member, organization):
    response = client_for(contact).get(handover_url(organization, member))

    assert response.context["sections"] == []
    assert "Mo Member leads and owns nothing that needs handing over." in response.content.decode()


def test_active_person_page_offers_deactivation_where_allowed(client_for, contact, member, organization):
    html = client_for(contact).get(handover_url(organization, member)).content.decode()

    assert reverse("organizations:person_deactivate", args=[organization.slug, member.pk]) in html


def test_person_of_another_organization_is_not_found(client_for, contact, outsider, organization):
    assert client_for(contact).get(handover_url(organization, outsider)).status_code == 404


def test_other_apps_add_their_own_sections(client_for, contact, organization, leaver, monkeypatch):
    def patents_owned(person, viewer):
        return HandoverSection(
            title="Patent listings they own",
            advice="Give each one a new owner.",
            items=[HandoverItem("US 1")],
        )

    monkeypatch.setattr(selectors, "_handover_providers", [*selectors._handover_providers])
    selectors.handover_provider(patents_owned)

    response = client_for(contact).get(handover_url(organization, leaver))

    assert response.context["sections"][-1].title == "Patent listings they own"
    assert "US 1" in response.content.decode()


@pytest.mark.parametrize("groups", [2, 30])
def test_handover_page_runs_a_fixed_number_of_queries(
    groups, client_for, contact, organization, leaver, django_assert_max_num_queries
):
    for _ in range(groups):
        GroupMembership.objects.create(
            group=WorkingGroupFactory(), user=leaver, role=GroupMembership.Role.LEAD
        )
        organization_led = OrganizationFactory()
        MembershipFactory(user=leaver, organization=organization_led, role=Membership.Role.CONTACT)
        MembershipFactory(user=contact, organization=organization_led, role=Membership.Role.CONTACT)
        InvitationFactory(organization=organization_led, invited_by=leaver)
    client = client_for(contact)

    with django_assert_max_num_queries(12):
        response = client.get(handover_url(organization, leaver))

    assert response.status_code == 200
