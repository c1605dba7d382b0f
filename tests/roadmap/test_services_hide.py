"""status_update_hide: staff hide an update with a reason; the action's status and percent become
those of its latest visible update, and the version moves on."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from apps.core.errors import Conflict, DomainError
from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from apps.roadmap.services import status_update_hide, status_update_post
from tests.roadmap.factories import ActionFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(group):
    return ActionFactory(code="FIN-1", working_group=group)


@pytest.fixture
def timeline(action, lead):
    """Two updates: on track at 40% ten days ago, then at risk at 30% yesterday."""
    now = timezone.now()
    older = StatusUpdateFactory(
        action=action, author=lead, status=Status.ON_TRACK, created_at=now - timedelta(days=10)
    )
    latest = StatusUpdateFactory(
        action=action, author=lead, status=Status.AT_RISK, created_at=now - timedelta(days=1)
    )
    action.refresh_from_db()
    return older, latest


def current(action):
    stored = Action.objects.get(pk=action.pk)
    return stored.status, stored.percent_done, stored.last_update_at


def test_hiding_the_latest_update_restores_the_previous_one(action, staff, timeline):
    older, latest = timeline

    status_update_hide(update=latest, actor=staff, reason="Posted on the wrong action.")

    assert current(action) == (Status.ON_TRACK, 40, older.created_at)
    latest.refresh_from_db()
    assert (latest.is_hidden, latest.hidden_reason, latest.hidden_by) == (
        True,
        "Posted on the wrong action.",
        staff,
    )
    assert latest.hidden_at is not None
    stored = Action.objects.get(pk=action.pk)
    assert stored.version == action.version + 1
    assert stored.next_update_due_on == timezone.localdate(older.created_at) + timedelta(days=30)


def test_hiding_an_older_update_keeps_the_current_status(action, staff, timeline):
    older, latest = timeline

    status_update_hide(update=older, actor=staff, reason="Duplicate.")

    assert current(action) == (Status.AT_RISK, 30, latest.created_at)


def test_hiding_every_update_brings_the_action_back_to_not_started(action, staff, timeline):
    for update in timeline:
        status_update_hide(update=update, actor=staff, reason="Test data.")

    assert current(action) == (Status.NOT_STARTED, 0, None)
    stored = Action.objects.get(pk=action.pk)
    assert stored.next_update_due_on == stored.start_date + timedelta(days=30)


def test_hiding_records_an_event(action, staff, timeline):
    _older, latest = timeline

    status_update_hide(update=latest, actor=staff, reason="Wrong action.")

    event = Event.objects.get()
    assert (event.kind, event.subject, event.actor) == (Event.Kind.STATUS_UPDATE_HIDDEN, latest, staff)
    assert event.data == {"action_id": action.pk, "action_code": "FIN-1", "reason": "Wrong action."}


def test_a_form_opened_before_the_hiding_gets_a_conflict(action, lead, staff, timeline):
    _older, latest = timeline
    seen_version = Action.objects.get(pk=action.pk).version
    status_update_hide(update=latest, actor=staff, reason="Wrong action.")

    with pytest.raises(Conflict):
        status_update_post(
            action=action,
            author=lead,
            version=seen_version,
            status=Status.DONE,
            percent_done=100,
            summary="Finished.",
        )

    assert current(action)[:2] == (Status.ON_TRACK, 40)


@pytest.mark.parametrize("role", ["lead", "member"])
def test_only_staff_may_hide(request, action, timeline, role):
    _older, latest = timeline

    with pytest.raises(PermissionDenied):
        status_update_hide(update=latest, actor=request.getfixturevalue(role), reason="I regret it.")

    assert not StatusUpdate.objects.filter(is_hidden=True).exists()
    assert current(action)[:2] == (Status.AT_RISK, 30)
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("reason", "message"),
    [("  ", "Give the reason for hiding this update."), ("x" * 501, "Keep the reason to 500 characters.")],
)
def test_a_reason_is_required_and_short(action, staff, timeline, reason, message):
    _older, latest = timeline

    with pytest.raises(DomainError) as refused:
        status_update_hide(update=latest, actor=staff, reason=reason)

    assert (refused.value.field, refused.value.message) == ("reason", message)
    assert not StatusUpdate.objects.filter(is_hidden=True).exists()
    assert not Event.objects.exists()


def test_an_update_is_hidden_once(action, staff, timeline):
    _older, latest = timeline
    status_update_hide(update=latest, actor=staff, reason="Wrong action.")
    version = Action.objects.get(pk=action.pk).version

    with pytest.raises(DomainError, match="This update is already hidden."):
        status_update_hide(update=latest, actor=staff, reason="Again.")

    latest.refresh_from_db()
    assert latest.hidden_reason == "Wrong action."
    assert Action.objects.get(pk=action.pk).version == version
    assert Event.objects.count() == 1
