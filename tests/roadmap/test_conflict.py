"""The conflict rule: an update based on an old version of the action is refused with Conflict
(409 in the API) and writes nothing; of two concurrent posts on the same version, exactly one wins."""

import pytest

from apps.core.errors import Conflict
from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from apps.roadmap.services import status_update_post
from apps.working_groups.models import GroupMembership
from tests.concurrency import run_together
from tests.factories import (
    GroupMembershipFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.roadmap.factories import ActionFactory


def post(action, author, version, percent_done, summary):
    return status_update_post(
        action=action,
        author=author,
        version=version,
        status=Status.ON_TRACK,
        percent_done=percent_done,
        summary=summary,
    )


@pytest.mark.django_db
def test_a_post_based_on_an_old_version_is_refused_and_writes_nothing(group, lead, staff):
    action = ActionFactory(working_group=group)
    seen_version = action.version
    post(action, staff, seen_version, 40, "The secretariat's update.")

    with pytest.raises(Conflict) as refused:
        post(action, lead, seen_version, 50, "The lead's update, typed meanwhile.")

    assert refused.value.status_code == 409
    assert refused.value.message == (
        "Someone updated this action first. Their update is shown above; yours is still in the form."
    )
    stored = Action.objects.get(pk=action.pk)
    assert (stored.percent_done, stored.version) == (40, seen_version + 1)
    assert list(StatusUpdate.objects.values_list("summary", flat=True)) == ["The secretariat's update."]
    assert Event.objects.count() == 1


@pytest.mark.django_db
def test_a_post_on_the_current_version_after_a_conflict_succeeds(group, lead, staff):
    action = ActionFactory(working_group=group)
    post(action, staff, 1, 40, "First.")

    post(action, lead, 2, 50, "Second, after reloading.")

    assert Action.objects.get(pk=action.pk).version == 3
    assert StatusUpdate.objects.count() == 2


@pytest.mark.django_db
def test_a_version_from_the_future_is_refused(group, lead):
    action = ActionFactory(working_group=group)

    with pytest.raises(Conflict):
        post(action, lead, 7, 10, "Guessing the version.")

    assert not StatusUpdate.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("posters", [2, 4])
def test_concurrent_posts_on_the_same_version_let_exactly_one_win(posters):
    organization = OrganizationFactory(name="Race Cells Inc.")
    group = WorkingGroupFactory(name="Racing")
    leads = []
    for _ in range(posters):
        lead = UserFactory()
        MembershipFactory(user=lead, organization=organization)
        GroupMembershipFactory(group=group, user=lead, role=GroupMembership.Role.LEAD)
        leads.append(lead)
    action = ActionFactory(working_group=group)

    outcomes = run_together_posts(
        *(
            lambda lead=lead, number=number: post(
                Action.objects.get(pk=action.pk), lead, 1, 10 + number, f"Update from lead {number}."
            )
            for number, lead in enumerate(leads)
        )
    )

    assert outcomes == ["conflict"] * (posters - 1) + ["posted"]
    stored = Action.objects.get(pk=action.pk)
    winner = StatusUpdate.objects.get()
    assert (stored.version, stored.percent_done, stored.last_update_at) == (
        2,
        winner.percent_done,
        winner.created_at,
    )
    assert (winner.previous_status, winner.previous_percent_done) == (Status.NOT_STARTED, 0)
    assert Event.objects.get().subject == winner


def run_together_posts(*calls):
    return run_together(*calls, done="posted", refused="conflict", refusal=Conflict)
