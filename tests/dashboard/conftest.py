"""A small alliance made by hand, so that every figure of the dashboard can be counted on paper.

Roadmap (today = the test's day):
  FIN-1  Financing  done 100%         target 20 days ago          (done: never overdue)
  FIN-2  Financing  on track 40%      target 5 days ago           update due yesterday   owner Mo Member
  SKL-1  Skills     at risk 30%       target in 200 days          update due in 10 days
  SKL-2  Skills     not started 0%    target in 300 days          update due today
Updates in the last 30 days: FIN-2 two (1 and 29 days ago), SKL-1 one; not counted: FIN-2 one
30 days ago, FIN-1 one hidden yesterday.
Organizations (active): Northern Cells (industry, ON, Canadian, upstream+recycling, joined
2024-01-15), Prairie Lithium (industry, SK, Canadian, upstream, joined 2024-01-20), Quebec Labs
(academia, QC, not Canadian-owned, midstream, joined 2025-03-02), Westcoast Capital (finance, BC,
Canadian, no segment, no joining date); not counted: Dormant Batteries (suspended).
Patent pool: Northern's available solid-state listing and licensed recycling listing, Prairie's
withdrawn listing; not counted: a draft, a hidden listing, and a suspended organization's listing.
Requests: pending 1, licensed 1, declined 1.
Indicators: FIN investment (stock, CAD, 3 billion by 2035, baseline 1 billion in 2024, values
1.2 billion on 2025-06-30 and 1.5 billion on 2026-03-31); SKL graduates (rate, 500 a year, no baseline).
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.dashboard.cache import bump_version
from apps.organizations.models import Kind, Organization
from apps.patents.models import LicenceRequest, PatentListing
from apps.roadmap.models import Indicator, Status
from tests.factories import OrganizationFactory, UserFactory, ValueChainSegmentFactory
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory, TechnologyAreaFactory
from tests.roadmap.factories import (
    ActionFactory,
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PillarFactory,
    StatusUpdateFactory,
)


@pytest.fixture(autouse=True)
def _fresh_figures():
    """The figures are cached; each test starts from the database it builds (a new version
    rather than clearing: in CI the cache is the Redis database Celery uses too)."""
    bump_version()
    yield
    bump_version()


@dataclass
class Alliance:
    today: date
    fin: object
    skl: object
    actions: dict
    investment: object
    graduates: object
    listing_title: str
    hidden_listing_title: str


def _segments(*codes):
    """Loaded by a migration; made again after a browser test has emptied the database."""
    return [ValueChainSegmentFactory(code=code) for code in codes]


def _days(today, number):
    return timezone.make_aware(
        timezone.datetime.combine(today - timedelta(days=number), timezone.datetime.min.time())
    ) + timedelta(hours=12)


@pytest.fixture
def alliance(organization, other_organization, member, group, other_group, suspended_member):
    today = timezone.localdate()
    pillar = PillarFactory(name="Innovation Infrastructure", position=1)
    fin = AreaFactory(pillar=pillar, code="FIN", name="Financial Ecosystem", position=1)
    skl = AreaFactory(pillar=pillar, code="SKL", name="Skills & Talent", position=2)
    actions = {
        "FIN-1": ActionFactory(
            code="FIN-1",
            area=fin,
            working_group=group,
            status=Status.DONE,
            start_date=today - timedelta(days=200),
            target_date=today - timedelta(days=20),
            next_update_due_on=today - timedelta(days=3),
        ),
        "FIN-2": ActionFactory(
            code="FIN-2",
            area=fin,
            working_group=group,
            owner=member,
            status=Status.ON_TRACK,
            percent_done=40,
            start_date=today - timedelta(days=100),
            target_date=today - timedelta(days=5),
            next_update_due_on=today - timedelta(days=1),
        ),
        "SKL-1": ActionFactory(
            code="SKL-1",
            area=skl,
            working_group=other_group,
            status=Status.AT_RISK,
            percent_done=30,
            target_date=today + timedelta(days=200),
            next_update_due_on=today + timedelta(days=10),
        ),
        "SKL-2": ActionFactory(
            code="SKL-2",
            area=skl,
            working_group=other_group,
            status=Status.NOT_STARTED,
            target_date=today + timedelta(days=300),
            next_update_due_on=today,
        ),
    }
    author = UserFactory(full_name="Una Author")
    for action, days_ago, hidden in [
        ("FIN-2", 1, False),
        ("FIN-2", 29, False),
        ("SKL-1", 2, False),
        ("FIN-2", 30, False),
        ("FIN-1", 1, True),
    ]:
        StatusUpdateFactory(
            action=actions[action],
            author=author,
            created_at=_days(today, days_ago),
            is_hidden=hidden,
            status=actions[action].status,
            percent_done=actions[action].percent_done,
            update_action=False,
        )

    Organization.objects.filter(pk=organization.pk).update(joined_on=date(2024, 1, 15))
    organization.segments.set(_segments("upstream", "recycling"))
    Organization.objects.filter(pk=other_organization.pk).update(joined_on=date(2024, 1, 20))
    other_organization.segments.set(_segments("upstream"))
    quebec = OrganizationFactory(
        name="Quebec Labs",
        kind=Kind.ACADEMIA,
        province="QC",
        is_canadian_owned=False,
        joined_on=date(2025, 3, 2),
    )
    quebec.segments.set(_segments("midstream"))
    OrganizationFactory(name="Westcoast Capital", kind=Kind.FINANCE, province="BC", joined_on=None)
    dormant = Organization.objects.get(name="Dormant Batteries Co.")

    solid_state = [TechnologyAreaFactory(code="solid-state")]
    recycling = [TechnologyAreaFactory(code="recycling")]
    available = PatentListingFactory(
        organization=organization, title="Dry-room-free electrode coating", technology_areas=solid_state
    )
    licensed = PatentListingFactory(
        organization=organization, status=PatentListing.Status.LICENSED, technology_areas=recycling
    )
    PatentListingFactory(organization=other_organization, status=PatentListing.Status.WITHDRAWN)
    PatentListingFactory(organization=other_organization, status=PatentListing.Status.DRAFT)
    hidden = PatentListingFactory(
        organization=other_organization,
        title="Secret sulfide electrolyte",
        is_hidden=True,
        hidden_reason="Under review",
        technology_areas=solid_state,
    )
    PatentListingFactory(organization=dormant, technology_areas=solid_state)
    LicenceRequestFactory(listing=available, requesting_organization=other_organization)
    LicenceRequestFactory(
        listing=licensed,
        requesting_organization=quebec,
        status=LicenceRequest.Status.LICENSED,
        licensed_on=today - timedelta(days=3),
    )
    LicenceRequestFactory(
        listing=available, requesting_organization=quebec, status=LicenceRequest.Status.DECLINED
    )

    investment = IndicatorFactory(
        area=fin,
        name="Investment in battery innovation",
        kind=Indicator.Kind.STOCK,
        unit="CAD",
        target=Decimal("3000000000"),
        baseline_value=Decimal("1000000000"),
        baseline_year=2024,
    )
    IndicatorValueFactory(
        indicator=investment,
        value=Decimal("1200000000"),
        measured_on=date(2025, 6, 30),
        source="Alliance survey 2025",
    )
    IndicatorValueFactory(
        indicator=investment,
        value=Decimal("1500000000"),
        measured_on=date(2026, 3, 31),
        source="Alliance survey 2026",
    )
    graduates = IndicatorFactory(
        area=skl,
        name="Graduates per year",
        kind=Indicator.Kind.RATE,
        unit="people/year",
        target=Decimal("500"),
    )
    return Alliance(
        today=today,
        fin=fin,
        skl=skl,
        actions=actions,
        investment=investment,
        graduates=graduates,
        listing_title=available.title,
        hidden_listing_title=hidden.title,
    )
