"""The dashboard's figures: one function, `dashboard_figures`, used by the members' page, the
public progress page and /api/v1/dashboard/ alike.

Every figure is counted by the database (aggregates and annotations), so the number of queries is
fixed whatever the number of organizations, actions, updates and listings. The result holds only
plain values (dataclasses of numbers, dates and strings in the current language) so that it can be
cached and turned into JSON.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Avg, Count, Prefetch, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation

from apps.organizations.models import Kind, Organization, Province, ValueChainSegment
from apps.patents.models import LicenceRequest, PatentListing, TechnologyArea
from apps.roadmap.formatting import indicator_target_text, quantity
from apps.roadmap.indicator_progress import indicator_progress, target_value
from apps.roadmap.models import Action, Area, Indicator, IndicatorValue, Status
from apps.working_groups.models import WorkingGroup

from .cache import cached_figures

ACTIVITY_DAYS = 30
STATUS_ORDER = [Status.NOT_STARTED, Status.ON_TRACK, Status.AT_RISK, Status.BLOCKED, Status.DONE]
# Listings by status: drafts are private to their organization and never counted.
LISTING_STATUSES = [status for status in PatentListing.Status if status != PatentListing.Status.DRAFT]


@dataclass(frozen=True)
class Filters:
    """Narrow the roadmap and activity parts to one area or one working group (codes, not rows,
    so that the filter is part of the cache key)."""

    area: str = ""
    working_group: str = ""

    @property
    def key(self) -> str:
        return f"area={self.area}&group={self.working_group}"


@dataclass
class Tally:
    key: str
    label: str
    count: int


@dataclass
class AreaProgress:
    code: str
    name: str
    action_count: int
    percent_done: float


@dataclass
class ActionRow:
    code: str
    title: str
    status: str
    status_label: str
    percent_done: int
    owner: str
    working_group: str
    target_date: date | None
    next_update_due_on: date | None


@dataclass
class RoadmapFigures:
    action_count: int
    percent_done: float
    by_status: list[Tally]
    areas: list[AreaProgress]
    overdue: list[ActionRow] = field(default_factory=list)
    update_due: list[ActionRow] = field(default_factory=list)


@dataclass
class Point:
    measured_on: date
    value: Decimal
    source: str


@dataclass
class IndicatorFigures:
    id: int
    area_code: str
    name: str
    kind: str
    unit: str
    target: Decimal
    target_year: int
    target_value: Decimal | None
    target_text: str
    baseline_value: Decimal | None
    baseline_year: int | None
    latest: Point | None
    percent_of_target: float | None
    progress_class: str
    progress_label: str
    growth_ratio: float | None
    values: list[Point]

    def display(self, value: Decimal | None) -> str:
        return "" if value is None else quantity(value, self.unit)

    @property
    def baseline_text(self) -> str:
        return self.display(self.baseline_value)

    @property
    def latest_text(self) -> str:
        return self.display(self.latest.value) if self.latest else ""


@dataclass
class EcosystemFigures:
    organization_count: int
    canadian_owned_count: int
    by_kind: list[Tally]
    by_province: list[Tally]
    by_segment: list[Tally]
    growth: list[Tally]
    joined_unknown: int


@dataclass
class PatentFigures:
    listings_by_area: list[Tally]
    listings_by_status: list[Tally]
    requests_by_status: list[Tally]
    licences_granted: int


@dataclass
class ActivityFigures:
    days: int
    update_count: int
    by_group: list[Tally]


@dataclass
class DashboardFigures:
    as_of: date
    filters: Filters
    roadmap: RoadmapFigures
    indicators: list[IndicatorFigures]
    ecosystem: EcosystemFigures | None = None
    patents: PatentFigures | None = None
    activity: ActivityFigures | None = None


def dashboard_figures(
    *, filters: Filters, public: bool = False, today: date | None = None
) -> DashboardFigures:
    """The figures for the dashboard (members) or, with public=True, for the public page, which
    holds only the roadmap's aggregate progress and the indicators. Cached per filter, language
    and day until a status update or an indicator value is written."""
    today = today or timezone.localdate()
    language = translation.get_language() or "en"
    name = f"{'public' if public else 'members'}:{language}:{today.isoformat()}:{filters.key}"
    return cached_figures(name, lambda: compute_figures(filters=filters, public=public, today=today))


def compute_figures(*, filters: Filters, public: bool, today: date) -> DashboardFigures:
    actions = _filtered_actions(filters)
    figures = DashboardFigures(
        as_of=today,
        filters=filters,
        roadmap=roadmap_figures(actions=actions, filters=filters, today=today, with_people=not public),
        indicators=indicator_figures(area_code=filters.area),
    )
    if not public:
        figures.ecosystem = ecosystem_figures()
        figures.patents = patent_figures()
        figures.activity = activity_figures(filters=filters, today=today)
    return figures


def _filtered_actions(filters: Filters):
    actions = Action.objects.all()
    if filters.area:
        actions = actions.filter(area__code=filters.area)
    if filters.working_group:
        actions = actions.filter(working_group__slug=filters.working_group)
    return actions


def roadmap_figures(*, actions, filters: Filters, today: date, with_people: bool) -> RoadmapFigures:
    totals = actions.aggregate(
        action_count=Count("pk"),
        percent_done=Avg("percent_done"),
        **{status: Count("pk", filter=Q(status=status)) for status in STATUS_ORDER},
    )
    return RoadmapFigures(
        action_count=totals["action_count"],
        percent_done=round(totals["percent_done"] or 0, 1),
        by_status=[Tally(status.value, str(status.label), totals[status]) for status in STATUS_ORDER],
        areas=_area_progress(filters),
        overdue=_action_rows(actions.overdue(today)) if with_people else [],
        update_due=_action_rows(actions.update_due(today)) if with_people else [],
    )


def _area_progress(filters: Filters) -> list[AreaProgress]:
    condition = Q(actions__working_group__slug=filters.working_group) if filters.working_group else Q()
    areas = Area.objects.annotate(
        action_count=Count("actions", filter=condition),
        average_percent=Avg("actions__percent_done", filter=condition),
    ).order_by("pillar__position", "position", "code")
    if filters.area:
        areas = areas.filter(code=filters.area)
    return [
        AreaProgress(area.code, area.name, area.action_count, round(area.average_percent or 0, 1))
        for area in areas
    ]


def _action_rows(actions) -> list[ActionRow]:
    actions = actions.select_related("owner", "working_group").order_by(
        "target_date", "next_update_due_on", "code"
    )
    return [
        ActionRow(
            code=action.code,
            title=action.title,
            status=action.status,
            status_label=action.get_status_display(),
            percent_done=action.percent_done,
            owner=action.owner.get_full_name() if action.owner else "",
            working_group=action.working_group.name if action.working_group else "",
            target_date=action.target_date,
            next_update_due_on=action.next_update_due_on,
        )
        for action in actions
    ]


def indicator_figures(*, area_code: str = "") -> list[IndicatorFigures]:
    indicators = (
        Indicator.objects.select_related("area")
        .prefetch_related(Prefetch("values", queryset=IndicatorValue.objects.order_by("measured_on", "pk")))
        .order_by("area__pillar__position", "area__position", "position", "name")
    )
    if area_code:
        indicators = indicators.filter(area__code=area_code)
    return [_one_indicator(indicator) for indicator in indicators]


def _one_indicator(indicator: Indicator) -> IndicatorFigures:
    values = [Point(value.measured_on, value.value, value.source) for value in indicator.values.all()]
    latest = values[-1] if values else None
    progress = indicator_progress(
        kind=indicator.kind,
        target=indicator.target,
        target_year=indicator.target_year,
        baseline_value=indicator.baseline_value,
        baseline_year=indicator.baseline_year,
        current_value=latest.value if latest else None,
        measured_on=latest.measured_on if latest else None,
    )
    return IndicatorFigures(
        id=indicator.pk,
        area_code=indicator.area.code,
        name=indicator.name,
        kind=indicator.kind,
        unit=indicator.unit,
        target=indicator.target,
        target_year=indicator.target_year,
        target_value=target_value(
            kind=indicator.kind, target=indicator.target, baseline_value=indicator.baseline_value
        ),
        target_text=indicator_target_text(indicator),
        baseline_value=indicator.baseline_value,
        baseline_year=indicator.baseline_year,
        latest=latest,
        percent_of_target=None
        if progress.percent_of_target is None
        else round(progress.percent_of_target, 1),
        progress_class=progress.progress_class.value,
        progress_label=progress.label,
        growth_ratio=None if progress.ratio is None else round(progress.ratio, 3),
        values=values,
    )


def ecosystem_figures() -> EcosystemFigures:
    members = Organization.objects.active()
    totals = members.aggregate(
        organization_count=Count("pk"),
        canadian_owned_count=Count("pk", filter=Q(is_canadian_owned=True)),
        joined_unknown=Count("pk", filter=Q(joined_on__isnull=True)),
        **{f"kind_{kind}": Count("pk", filter=Q(kind=kind)) for kind in Kind.values},
        **{f"province_{province}": Count("pk", filter=Q(province=province)) for province in Province.values},
    )
    segments = ValueChainSegment.objects.annotate(
        member_count=Count(
            "organizations", filter=Q(organizations__membership_status=Organization.Status.ACTIVE)
        )
    ).order_by("position")
    return EcosystemFigures(
        organization_count=totals["organization_count"],
        canadian_owned_count=totals["canadian_owned_count"],
        by_kind=[Tally(kind.value, str(kind.label), totals[f"kind_{kind}"]) for kind in Kind],
        by_province=[
            Tally(province.value, str(province.label), totals[f"province_{province}"])
            for province in Province
        ],
        by_segment=[Tally(segment.code, segment.name, segment.member_count) for segment in segments],
        growth=_membership_growth(members),
        joined_unknown=totals["joined_unknown"],
    )


def _membership_growth(members) -> list[Tally]:
    """Active member organizations at the end of each month someone joined (cumulative)."""
    per_month = (
        members.filter(joined_on__isnull=False)
        .annotate(month=TruncMonth("joined_on"))
        .values("month")
        .annotate(joined=Count("pk"))
        .order_by("month")
    )
    growth, total = [], 0
    for row in per_month:
        total += row["joined"]
        growth.append(Tally(row["month"].strftime("%Y-%m"), row["month"].strftime("%Y-%m"), total))
    return growth


def patent_figures() -> PatentFigures:
    """Listings members can see (not hidden, of active organizations); drafts are never counted."""
    listings = PatentListing.objects.filter(is_hidden=False, organization__membership_status="active")
    by_status = listings.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in LISTING_STATUSES}
    )
    areas = TechnologyArea.objects.annotate(
        listing_count=Count(
            "listings",
            filter=Q(
                listings__status__in=PatentListing.VISIBLE_TO_MEMBERS,
                listings__is_hidden=False,
                listings__organization__membership_status="active",
            ),
        )
    ).order_by("position")
    requests = LicenceRequest.objects.aggregate(
        **{status: Count("pk", filter=Q(status=status)) for status in LicenceRequest.Status}
    )
    return PatentFigures(
        listings_by_area=[Tally(area.code, area.name, area.listing_count) for area in areas],
        listings_by_status=[
            Tally(status.value, str(status.label), by_status[status]) for status in LISTING_STATUSES
        ],
        requests_by_status=[
            Tally(status.value, str(status.label), requests[status]) for status in LicenceRequest.Status
        ],
        licences_granted=requests[LicenceRequest.Status.LICENSED],
    )


def activity_figures(*, filters: Filters, today: date) -> ActivityFigures:
    """Visible status updates posted in the last 30 days, per working group."""
    since = timezone.make_aware(datetime.combine(today - timedelta(days=ACTIVITY_DAYS - 1), time.min))
    recent = Q(actions__updates__created_at__gte=since, actions__updates__is_hidden=False)
    if filters.area:
        recent &= Q(actions__area__code=filters.area)
    groups = WorkingGroup.objects.filter(is_active=True).annotate(
        update_count=Count("actions__updates", filter=recent)
    )
    if filters.working_group:
        groups = groups.filter(slug=filters.working_group)
    rows = [Tally(group.slug, group.name, group.update_count) for group in groups.order_by("name")]
    return ActivityFigures(days=ACTIVITY_DAYS, update_count=sum(row.count for row in rows), by_group=rows)
