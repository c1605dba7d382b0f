"""status_update_post: the rules on status and percent, texts and links; who may post; the event
recorded in the same transaction; nothing written when a rule refuses the update."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from apps.core.errors import DomainError
from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from apps.roadmap.services import status_update_post
from tests.factories import UserFactory
from tests.roadmap.factories import ActionFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(group):
    return ActionFactory(
        code="FIN-1", working_group=group, start_date=timezone.localdate() - timedelta(days=40)
    )


def post(action, author, **fields):
    values = {
        "action": action,
        "author": author,
        "version": action.version,
        "status": Status.ON_TRACK,
        "percent_done": 25,
        "summary": "The fund's terms are drafted.",
    }
    return status_update_post(**{**values, **fields})


def assert_nothing_written(action):
    """The action is as created (not started, 0%, version 1), with no update and no event."""
    stored = Action.objects.get(pk=action.pk)
    assert (stored.status, stored.percent_done, stored.version) == (Status.NOT_STARTED, 0, 1)
    assert not StatusUpdate.objects.exists()
    assert not Event.objects.exists()


def test_a_lead_posts_an_update_that_becomes_the_current_status(action, lead):
    update = post(
        action,
        lead,
        status=Status.AT_RISK,
        percent_done=35,
        blockers="  Waiting for the province.  ",
        asks="An introduction to the ministry.",
        next_steps="Sign the terms.",
        evidence_links=["https://example.ca/terms.pdf", "  "],
    )

    stored = Action.objects.get(pk=action.pk)
    assert (stored.status, stored.percent_done, stored.version) == (Status.AT_RISK, 35, 2)
    assert stored.last_update_at == update.created_at
    assert stored.next_update_due_on == timezone.localdate(update.created_at) + timedelta(days=30)
    assert (update.previous_status, update.previous_percent_done) == (Status.NOT_STARTED, 0)
    assert update.blockers == "Waiting for the province."
    assert update.evidence_links == ["https://example.ca/terms.pdf"]


def test_an_update_records_an_event_for_the_digests(action, lead):
    update = post(action, lead, status=Status.ON_TRACK, percent_done=10)

    event = Event.objects.get()
    assert (event.kind, event.subject, event.actor) == (Event.Kind.STATUS_UPDATED, update, lead)
    assert event.data == {
        "action_id": action.pk,
        "action_code": "FIN-1",
        "working_group_id": action.working_group_id,
        "previous_status": "not_started",
        "status": "on_track",
        "previous_percent_done": 0,
        "percent_done": 10,
    }


def test_the_event_is_written_in_the_same_transaction_as_the_update(action, lead):
    with pytest.raises(RuntimeError), transaction.atomic():
        post(action, lead)
        assert Event.objects.count() == 1
        raise RuntimeError("the surrounding work fails")

    assert_nothing_written(action)


@pytest.mark.parametrize(
    ("status", "percent_done", "field", "message"),
    [
        (Status.ON_TRACK, 101, "percent_done", "Percent done is a whole number between 0 and 100."),
        (Status.ON_TRACK, -1, "percent_done", "Percent done is a whole number between 0 and 100."),
        ("finished", 50, "status", "Choose a status from the list."),
        (Status.DONE, 99, "percent_done", "An action is done only at 100%."),
        (Status.ON_TRACK, 100, "status", "At 100% the action is done: choose “Done”."),
        (Status.BLOCKED, 100, "status", "At 100% the action is done: choose “Done”."),
        (Status.NOT_STARTED, 5, "percent_done", "An action that has not started is at 0%."),
        (Status.AT_RISK, 0, "status", "At 0% the action has not started: choose “Not started”."),
    ],
)
def test_status_and_percent_must_agree(action, lead, status, percent_done, field, message):
    with pytest.raises(DomainError) as refused:
        post(action, lead, status=status, percent_done=percent_done)

    assert (refused.value.field, refused.value.message, refused.value.status_code) == (field, message, 400)
    assert_nothing_written(action)


@pytest.mark.parametrize(
    ("status", "percent_done"),
    [
        (Status.DONE, 100),
        (Status.NOT_STARTED, 0),
        (Status.ON_TRACK, 1),
        (Status.BLOCKED, 99),
        (Status.AT_RISK, 50),
    ],
)
def test_every_agreeing_pair_is_accepted(action, lead, status, percent_done):
    post(action, lead, status=status, percent_done=percent_done)

    assert Action.objects.filter(pk=action.pk, status=status, percent_done=percent_done).exists()


@pytest.mark.parametrize("summary", ["", "   \n "])
def test_an_empty_summary_is_refused(action, lead, summary):
    with pytest.raises(DomainError) as refused:
        post(action, lead, summary=summary)

    assert (refused.value.field, refused.value.message) == (
        "summary",
        "Write a short summary of what changed.",
    )
    assert_nothing_written(action)


@pytest.mark.parametrize("field", ["summary", "blockers", "asks", "next_steps"])
def test_overlong_text_is_refused(action, lead, field):
    with pytest.raises(DomainError) as refused:
        post(action, lead, **{field: "x" * 5001})

    assert refused.value.field == field
    assert refused.value.message == "Keep this to 5000 characters (it has 5001)."
    assert_nothing_written(action)


def test_text_at_the_limit_is_accepted(action, lead):
    update = post(action, lead, summary="x" * 5000, next_steps="y" * 5000)

    assert len(update.summary) == 5000


@pytest.mark.parametrize(
    ("links", "message"),
    [
        (["not a link"], "“not a link” is not a web address (https://…) of at most 500 characters."),
        (
            ["ftp://example.ca/file"],
            "“ftp://example.ca/file” is not a web address (https://…) of at most 500 characters.",
        ),
        ([f"https://example.ca/{'a' * 500}"], None),
        ([f"https://example.ca/{n}" for n in range(11)], "Give at most 10 links to evidence."),
        ([42], "Each link to evidence is a web address."),
    ],
)
def test_bad_evidence_links_are_refused(action, lead, links, message):
    with pytest.raises(DomainError) as refused:
        post(action, lead, evidence_links=links)

    assert refused.value.field == "evidence_links"
    if message:
        assert refused.value.message == message
    assert_nothing_written(action)


def test_the_owner_and_staff_may_post(action, member, staff):
    action.owner = member
    action.save()

    post(action, member, status=Status.ON_TRACK, percent_done=10)
    action.refresh_from_db()
    post(action, staff, status=Status.ON_TRACK, percent_done=20)

    assert list(StatusUpdate.objects.values_list("author", flat=True)) == [staff.pk, member.pk]


@pytest.mark.parametrize("role", ["member", "other_lead", "outsider", "suspended_member"])
def test_people_who_may_not_post_are_refused(request, action, role):
    person = request.getfixturevalue(role)

    with pytest.raises(PermissionDenied):
        post(action, person)

    assert_nothing_written(action)


def test_a_deactivated_lead_may_not_post(action, lead):
    lead.is_active = False
    lead.save()

    with pytest.raises(PermissionDenied):
        post(action, lead)

    assert_nothing_written(action)


def test_the_previous_values_come_from_the_latest_update(action, lead):
    StatusUpdateFactory(action=action, status=Status.BLOCKED, author=UserFactory())
    action.refresh_from_db()

    update = post(action, lead, status=Status.ON_TRACK, percent_done=60)

    assert (update.previous_status, update.previous_percent_done) == (Status.BLOCKED, 20)
