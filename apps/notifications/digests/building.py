"""What goes into each person's digest, built for a whole chunk of digests at once.

The number of queries is fixed per chunk, whatever its size: everything the chunk's people need
is read in one query per kind of item (their groups, the updates of the whole window, ...) and
shared out in Python, each person getting only what falls in their own window and coverage.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch

from apps.organizations.models import Membership, Organization
from apps.patents.models import LicenceRequest, PatentListing, TechnologyArea
from apps.roadmap.models import Action, IndicatorValue, Status, StatusUpdate
from apps.working_groups.models import GroupMembership

from ..models import NotificationPreference

POOL_STATUSES = (PatentListing.Status.AVAILABLE, PatentListing.Status.UNDER_NEGOTIATION)


@dataclass
class StatusChange:
    """An action's updates in the period, collapsed into the first and the last."""

    action: Action
    from_status: str
    to_status: str
    from_percent: int
    to_percent: int
    update_count: int

    @property
    def from_label(self) -> str:
        return Status(self.from_status).label

    @property
    def to_label(self) -> str:
        return Status(self.to_status).label


# A section shows this many items; the rest are counted, with a link to the page listing them.
SECTION_LIMIT = 15
SECTIONS = (
    "due_actions",
    "waiting_requests",
    "status_changes",
    "indicator_values",
    "new_listings",
    "new_members",
)


@dataclass
class Section:
    items: list
    hidden: int


@dataclass
class DigestContent:
    due_actions: list = field(default_factory=list)
    waiting_requests: list = field(default_factory=list)
    status_changes: list = field(default_factory=list)
    indicator_values: list = field(default_factory=list)
    new_listings: list = field(default_factory=list)
    new_members: list = field(default_factory=list)

    @property
    def item_count(self) -> int:
        return sum(len(getattr(self, name)) for name in SECTIONS)

    @property
    def is_empty(self) -> bool:
        return self.item_count == 0

    @property
    def shown(self) -> dict[str, Section]:
        """Each section as the e-mail shows it: its first items, and how many more there are."""
        return {
            name: Section(items[:SECTION_LIMIT], max(len(items) - SECTION_LIMIT, 0))
            for name in SECTIONS
            if (items := getattr(self, name))
        }


@dataclass
class _Window:
    start: datetime
    end: datetime

    def holds(self, moment: datetime | None) -> bool:
        return moment is not None and self.start <= moment < self.end


def digest_contents(digests) -> list[DigestContent]:
    """The content of each digest (same order). Each needs `recipient` (with its preference
    loaded, or none), `covers_from` and `covers_until`; unsaved digests work too."""
    if not digests:
        return []
    people_ids = {digest.recipient_id for digest in digests}
    window = _Window(min(d.covers_from for d in digests), max(d.covers_until for d in digests))
    shared = _SharedItems(people_ids, window)
    return [shared.content_for(digest) for digest in digests]


class _SharedItems:
    """Everything the chunk's digests draw from, read once."""

    def __init__(self, people_ids: set[int], window: _Window):
        self.groups_of = _groups_of(people_ids)
        self.watched_areas_of = _watched_areas_of(people_ids)
        self.updates = list(
            StatusUpdate.objects.filter(
                created_at__gte=window.start, created_at__lt=window.end, is_hidden=False
            )
            .select_related("action")
            .order_by("created_at", "pk")
        )
        self.indicator_values = list(
            IndicatorValue.objects.filter(created_at__gte=window.start, created_at__lt=window.end)
            .select_related("indicator")
            .order_by(
                "indicator__area__position", "indicator__position", "indicator_id", "measured_on", "pk"
            )
        )
        # The pool's own rule (not hidden, offered by an active organization), so a suspended
        # organization's listing is never announced.
        self.listings = list(
            PatentListing.objects.in_pool()
            .filter(published_at__gte=window.start, published_at__lt=window.end, status__in=POOL_STATUSES)
            .select_related("organization")
            .prefetch_related(Prefetch("technology_areas", queryset=TechnologyArea.objects.only("pk")))
            .order_by("-published_at")
        )
        self.new_members = list(
            Organization.objects.active()
            .filter(created_at__gte=window.start, created_at__lt=window.end)
            .order_by("name")
        )
        self.due_actions_of = defaultdict(list)
        for action in (
            Action.objects.update_due().filter(owner_id__in=people_ids).order_by("next_update_due_on")
        ):
            self.due_actions_of[action.owner_id].append(action)
        self.waiting_requests_of = _waiting_requests_of(people_ids)

    def content_for(self, digest) -> DigestContent:
        person = digest.recipient
        preference = _preference(person)
        window = _Window(digest.covers_from, digest.covers_until)
        content = DigestContent(
            due_actions=self.due_actions_of.get(person.pk, []),
            waiting_requests=self.waiting_requests_of.get(person.pk, []),
        )
        if preference.covers_whole_roadmap or preference.covers_my_groups:
            groups = None if preference.covers_whole_roadmap else self.groups_of.get(person.pk, set())
            content.status_changes = _status_changes(
                update
                for update in self.updates
                if window.holds(update.created_at)
                and update.author_id != person.pk
                and (groups is None or update.action.working_group_id in groups)
            )
            content.indicator_values = _latest_per_indicator(
                value for value in self.indicator_values if window.holds(value.created_at)
            )
        if preference.covers_listings:
            watched = self.watched_areas_of.get(person.pk, set())
            content.new_listings = [
                listing
                for listing in self.listings
                if window.holds(listing.published_at)
                and watched & {area.pk for area in listing.technology_areas.all()}
            ]
        if preference.covers_new_members:
            content.new_members = [org for org in self.new_members if window.holds(org.created_at)]
        return content


def _preference(person) -> NotificationPreference:
    try:
        return person.notification_preference
    except NotificationPreference.DoesNotExist:
        return NotificationPreference(user=person)


def _latest_per_indicator(values) -> list:
    """One line per indicator that moved: its latest value (values come ordered by date)."""
    return list({value.indicator_id: value for value in values}.values())


def _status_changes(updates) -> list[StatusChange]:
    """Group by action; repeated changes collapse into the first status and the last."""
    changes: dict[int, StatusChange] = {}
    for update in updates:
        change = changes.get(update.action_id)
        if change is None:
            changes[update.action_id] = StatusChange(
                action=update.action,
                from_status=update.previous_status,
                to_status=update.status,
                from_percent=update.previous_percent_done,
                to_percent=update.percent_done,
                update_count=1,
            )
        else:
            change.to_status, change.to_percent = update.status, update.percent_done
            change.update_count += 1
    return sorted(changes.values(), key=lambda change: change.action.code)


def _groups_of(people_ids) -> dict[int, set[int]]:
    groups = defaultdict(set)
    for user_id, group_id in GroupMembership.objects.filter(user_id__in=people_ids).values_list(
        "user_id", "group_id"
    ):
        groups[user_id].add(group_id)
    return groups


def _watched_areas_of(people_ids) -> dict[int, set[int]]:
    watched = defaultdict(set)
    through = NotificationPreference.watched_areas.through
    for user_id, area_id in through.objects.filter(
        notificationpreference__user_id__in=people_ids
    ).values_list("notificationpreference__user_id", "technologyarea_id"):
        watched[user_id].add(area_id)
    return watched


def _waiting_requests_of(people_ids) -> dict[int, list[LicenceRequest]]:
    """Requests waiting for an answer from each person as a licensing contact: the contacts an
    organization chose, or all its contacts when it chose none (as licensing_contacts_of)."""
    contacts = list(
        Membership.objects.filter(
            user_id__in=people_ids,
            role=Membership.Role.CONTACT,
            organization__membership_status=Organization.Status.ACTIVE,
        ).values_list("user_id", "organization_id", "handles_licensing")
    )
    organization_ids = {organization_id for _, organization_id, _ in contacts}
    with_chosen_contacts = set(
        Membership.objects.filter(
            organization_id__in=organization_ids,
            role=Membership.Role.CONTACT,
            handles_licensing=True,
            user__is_active=True,
        ).values_list("organization_id", flat=True)
    )
    requests_of_organization = defaultdict(list)
    for licence_request in (
        LicenceRequest.objects.filter(
            status=LicenceRequest.Status.PENDING,
            listing__organization_id__in=organization_ids,
            # A request from a suspended organization is on hold: nobody can answer it.
            requesting_organization__membership_status=Organization.Status.ACTIVE,
        )
        .select_related("listing", "requesting_organization")
        .order_by("created_at")
    ):
        requests_of_organization[licence_request.listing.organization_id].append(licence_request)
    waiting = defaultdict(list)
    for user_id, organization_id, handles_licensing in contacts:
        if handles_licensing or organization_id not in with_chosen_contacts:
            waiting[user_id].extend(requests_of_organization.get(organization_id, []))
    return waiting
