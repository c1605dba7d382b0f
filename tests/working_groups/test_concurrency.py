"""Races on PostgreSQL: a request approved twice at once is approved once; two leads leaving at
once leave one lead behind."""

import pytest
from django.core import mail

from apps.working_groups.models import GroupMembership, JoinRequest
from apps.working_groups.services import group_leave, join_request_approve
from tests.concurrency import run_together
from tests.factories import (
    GroupMembershipFactory,
    JoinRequestFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    WorkingGroupFactory,
)


def person_in(organization):
    person = UserFactory()
    MembershipFactory(user=person, organization=organization)
    return person


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_leads_approving_the_same_request_at_once_approve_it_once():
    organization = OrganizationFactory(name="Race Cells Inc.")
    group = WorkingGroupFactory(name="Racing")
    first_lead, second_lead = person_in(organization), person_in(organization)
    for lead in (first_lead, second_lead):
        GroupMembershipFactory(group=group, user=lead, role=GroupMembership.Role.LEAD)
    join_request = JoinRequestFactory(group=group, user=person_in(organization))
    mail.outbox.clear()

    outcomes = run_together(
        lambda: join_request_approve(
            join_request=JoinRequest.objects.get(pk=join_request.pk), decided_by=first_lead
        ),
        lambda: join_request_approve(
            join_request=JoinRequest.objects.get(pk=join_request.pk), decided_by=second_lead
        ),
    )

    assert outcomes == ["done", "refused"]
    assert GroupMembership.objects.filter(group=group, user=join_request.user).count() == 1
    assert [message.to for message in mail.outbox] == [[join_request.user.email]]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_leads_leaving_at_once_leave_one_lead():
    organization = OrganizationFactory(name="Exit Cells Inc.")
    group = WorkingGroupFactory(name="Exits")
    leads = [person_in(organization), person_in(organization)]
    for lead in leads:
        GroupMembershipFactory(group=group, user=lead, role=GroupMembership.Role.LEAD)

    outcomes = run_together(*[lambda lead=lead: group_leave(group=group, user=lead) for lead in leads])

    assert outcomes == ["done", "refused"]
    assert GroupMembership.objects.filter(group=group, role=GroupMembership.Role.LEAD).count() == 1
