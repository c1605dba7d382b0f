"""Reads about the roadmap, with the joins each page needs, so a page runs a fixed number of
queries whatever the number of actions and updates. Shared by the pages and the API.

Every portal member sees the whole roadmap; the selectors that take `user` return nothing for
anyone else, so a caller that forgets the permission check still shows nothing.
"""

from datetime import date, datetime, time, timedelta
from functools import cache

import yaml
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Avg,
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.http import Http404
from django.utils import timezone, translation

from apps.working_groups.models import GroupMembership, WorkingGroup

from .models import Action, Area, Indicator, Pillar, Status, StatusUpdate
from .permissions import can_post_update, can_view_roadmap

ROADMAP_DATA = settings.BASE_DIR / "apps" / "roadmap" / "data" / "roadmap.yaml"
STATUS_ORDER = [Status.ON_TRACK, Status.AT_RISK, Status.BLOCKED, Status.NOT_STARTED, Status.DONE]


def roadmap_vision() -> str:
    """The roadmap's vision statement in the current language, from the project's copy of the
    roadmap (roadmap.yaml, and roadmap.<language>.yaml for its translations); English when the
    translation has none."""
    return _vision_in(translation.get_language() or "en") or _vision_in("en")


@cache
def _vision_in(language: str) -> str:
    language = language.split("-")[0]
    path = ROADMAP_DATA if language == "en" else ROADMAP_DATA.with_suffix(f".{language}.yaml")
    if not path.exists():
        return ""
    with open(path, encoding="utf-8") as data:
        return (yaml.safe_load(data) or {}).get("vision", "")


def _status_count_annotations(prefix: str) -> dict:
    return {
        f"count_{status}": Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": status}))
        for status in Status.values
    }


def areas_with_progress() -> QuerySet[Area]:
    """Areas with their action count, average percent done and a count per status, computed by
    the database (`count_on_track`, ...), and their indicators."""
    return (
        Area.objects.select_related("pillar")
        .annotate(
            action_count=Count("actions"),
            average_percent_done=Avg("actions__percent_done"),
            **_status_count_annotations("actions__"),
        )
        .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position", "name")))
        .order_by("pillar__position", "position", "code")
    )


def pillars_for_overview(*, user) -> QuerySet[Pillar]:
    """Pillars, each with `areas` (see areas_with_progress). Three queries in all."""
    if not can_view_roadmap(user):
        return Pillar.objects.none()
    return Pillar.objects.prefetch_related(
        Prefetch("areas", queryset=areas_with_progress().select_related(None))
    ).order_by("position", "name")


def status_counts(row) -> list[tuple[str, str, int]]:
    """(status, label, count) for each status `row` has actions in, in reading order. `row` is an
    object annotated by `_status_count_annotations` (an area from areas_with_progress)."""
    counts = []
    for status in STATUS_ORDER:
        count = getattr(row, f"count_{status}", 0)
        if count:
            counts.append((status.value, status.label, count))
    return counts


def _lead_group_ids(user) -> QuerySet:
    return GroupMembership.objects.filter(user=user.pk, role=GroupMembership.Role.LEAD).values("group_id")


def actions_for_list(*, user) -> QuerySet[Action]:
    """Every action a member may see, with what a list row shows, joined in the same query."""
    if not can_view_roadmap(user):
        return Action.objects.none()
    return Action.objects.select_related("area", "working_group", "owner")


def actions_for_export(*, user) -> QuerySet[Action]:
    """As actions_for_list, with the lead organizations the CSV also names (one more query)."""
    return actions_for_list(user=user).prefetch_related("lead_organizations")


def get_action_for_user(user, code: str, *, write: bool = False) -> Action:
    """The action with `code` as `user` may see it: 404 when they may not see the roadmap (or no
    such action), 403 when `write` asks to post an update they may not post."""
    if not can_view_roadmap(user):
        raise Http404
    action = (
        Action.objects.select_related("area__pillar", "working_group", "owner")
        .prefetch_related("lead_organizations")
        .filter(code=code)
        .first()
    )
    if action is None:
        raise Http404
    if write and not can_post_update(user, action):
        raise PermissionDenied
    return action


def action_timeline(*, action: Action) -> QuerySet[StatusUpdate]:
    """All updates of the action, newest first, hidden ones included (pages show them as hidden)."""
    return action.updates.select_related("author", "hidden_by").order_by("-created_at", "-pk")


def updates_after(*, action: Action, update_id: int | None) -> QuerySet[StatusUpdate]:
    """Visible updates posted after the one with `update_id` (all of them when None): what a
    person who saw `update_id` as the latest has not seen yet."""
    updates = action.updates.filter(is_hidden=False).select_related("author")
    if update_id:
        updates = updates.filter(pk__gt=update_id)
    return updates.order_by("-created_at", "-pk")


def owner_candidates(*, action: Action) -> QuerySet:
    """People a lead may name as the action's owner: the owning group's members who are portal
    members now."""
    from apps.accounts.models import User
    from apps.working_groups.selectors import visible_group_memberships

    if action.working_group_id is None:
        return User.objects.none()
    member_ids = visible_group_memberships().filter(group_id=action.working_group_id).values("user_id")
    return User.objects.filter(pk__in=member_ids, is_active=True).order_by("full_name", "email")


def _with_due_order(actions: QuerySet[Action], today: date) -> QuerySet[Action]:
    """Due ones first (by due date), then the others by due date, done ones last."""
    return actions.annotate(
        is_due=Case(
            When(Q(next_update_due_on__lte=today) & ~Q(status=Status.DONE), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        ),
        is_done=Case(When(status=Status.DONE, then=Value(1)), default=Value(0), output_field=IntegerField()),
    ).order_by("is_done", "-is_due", F("next_update_due_on").asc(nulls_last=True), "code")


def actions_to_update(*, user, include_done: bool = True) -> QuerySet[Action]:
    """The actions `user` must keep up to date: those they own and those of the groups they lead,
    due ones first. One query (the lead groups are a subquery)."""
    if not can_view_roadmap(user):
        return Action.objects.none()
    actions = Action.objects.filter(Q(owner=user.pk) | Q(working_group__in=_lead_group_ids(user)))
    if not include_done:
        actions = actions.exclude(status=Status.DONE)
    actions = actions.select_related("area", "working_group", "owner").annotate(
        is_owner=Case(
            When(owner=user.pk, then=Value(True)), default=Value(False), output_field=BooleanField()
        ),
        is_lead=Exists(_lead_group_ids(user).filter(group_id=OuterRef("working_group_id"))),
    )
    return _with_due_order(actions, timezone.localdate())


def latest_updates_in_groups(*, user, limit: int = 10) -> QuerySet[StatusUpdate]:
    """The newest visible updates on actions owned by the groups `user` belongs to."""
    if not can_view_roadmap(user):
        return StatusUpdate.objects.none()
    group_ids = GroupMembership.objects.filter(user=user.pk, group__is_active=True).values("group_id")
    return (
        StatusUpdate.objects.filter(is_hidden=False, action__working_group__in=group_ids)
        .select_related("action", "action__working_group", "author")
        .order_by("-created_at", "-pk")[:limit]
    )


def get_group_for_report(user, slug: str) -> WorkingGroup:
    """The working group whose report `user` asks for: 404 unless they may see the roadmap and
    the group (closed groups only for staff)."""
    from apps.working_groups.selectors import get_group_for_user

    if not can_view_roadmap(user):
        raise Http404
    return get_group_for_user(user, slug)


def period_bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """The period from the start of `start` to the end of `end`, in the portal's time zone."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def group_report_updates(*, group: WorkingGroup, start: date, end: date) -> QuerySet[StatusUpdate]:
    """Every update the group's actions received from `start` to `end` (both included), by action
    then in the order they were posted. Hidden ones are included: the report shows them as hidden."""
    period_start, period_end = period_bounds(start, end)
    return (
        StatusUpdate.objects.filter(
            action__working_group=group, created_at__gte=period_start, created_at__lt=period_end
        )
        .select_related("action", "author", "hidden_by")
        .order_by("action__code", "created_at", "pk")
    )
