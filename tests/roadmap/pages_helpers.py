"""Helpers for the roadmap page tests: addresses, a valid update form, and many actions in bulk.
The fixtures (`pillar`, `area`, `owner`, `action`) are in tests/roadmap/conftest.py."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from apps.roadmap.models import Action, Status, StatusUpdate
from tests.factories import UserFactory, WorkingGroupFactory
from tests.roadmap.factories import AreaFactory, IndicatorFactory, percent_for

ROLES = ["member", "lead", "other_lead", "owner", "staff"]


def user_for(request, role: str):
    """The fixture named `role`, or None for "anonymous"."""
    return None if role == "anonymous" else request.getfixturevalue(role)


def detail_url(action) -> str:
    return reverse("roadmap:action_detail", kwargs={"code": action.code})


def post_url(action) -> str:
    return reverse("roadmap:action_post_update", kwargs={"code": action.code})


def owner_url(action) -> str:
    return reverse("roadmap:action_owner", kwargs={"code": action.code})


def login_redirect(url: str) -> str:
    return f"{reverse('accounts:login')}?next={url}"


def update_data(action, **overrides) -> dict:
    """A valid update form for `action` as last shown (its current version)."""
    data = {
        "version": action.version,
        "seen_update": "",
        "status": Status.ON_TRACK,
        "percent_done": 40,
        "summary": "Funding programs mapped; two gaps found.",
        "blockers": "",
        "asks": "",
        "next_steps": "",
        "evidence_links": "",
    }
    data.update(overrides)
    return data


def add_actions(count: int, *, updates_each: int, group=None, owner=None, area=None, author=None):
    """`count` actions with `updates_each` visible updates each, made in bulk (a few queries),
    with every related kind a page shows: area, group, owner, lead organization, author."""
    from tests.factories import OrganizationFactory

    area = area or AreaFactory()
    group = group or WorkingGroupFactory()
    author = author or UserFactory()
    organization = OrganizationFactory()
    IndicatorFactory(area=area)
    today = timezone.localdate()
    statuses = [Status.ON_TRACK, Status.AT_RISK, Status.BLOCKED, Status.NOT_STARTED, Status.DONE]
    existing = Action.objects.count()
    actions = Action.objects.bulk_create(
        Action(
            code=f"BLK-{existing + index}",
            area=area,
            title=f"Bulk action {index}",
            working_group=group,
            owner=owner,
            status=statuses[index % len(statuses)],
            percent_done=percent_for(statuses[index % len(statuses)]),
            start_date=today - timedelta(days=90),
            target_date=today + timedelta(days=(index % 7) * 30 - 60),
            last_update_at=timezone.now() - timedelta(days=index % 40),
            next_update_due_on=today + timedelta(days=(index % 40) - 20),
        )
        for index in range(count)
    )
    Action.lead_organizations.through.objects.bulk_create(
        Action.lead_organizations.through(action_id=action.pk, organization_id=organization.pk)
        for action in actions
    )
    now = timezone.now()
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            action=action,
            author=author,
            status=action.status,
            percent_done=action.percent_done,
            previous_status=action.status,
            previous_percent_done=action.percent_done,
            summary=f"Update {number} of {action.code}.",
            blockers="Waiting for a partner.",
            evidence_links=["https://example.ca/report.pdf"],
            created_at=now - timedelta(days=number, minutes=index),
        )
        for index, action in enumerate(actions)
        for number in range(updates_each)
    )
    return actions
