"""The dashboard on a large alliance (PostgreSQL): 2,000 organizations, 20,000 people, 300 actions
with 100,000 status updates, 10,000 listings. Prints the render time cold and cached and the query
count; asserts only that the count is the one of a small alliance (timings vary by machine).

Run: DATABASE_URL=postgres://... pytest tests/perf/test_dashboard_benchmark.py -m perf -s
"""

import random
import time
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import User
from apps.dashboard.cache import bump_version
from apps.organizations.models import Kind, Membership, Organization, Province
from apps.patents.models import LicenceRequest, PatentListing, TechnologyArea
from apps.roadmap.models import Action, Indicator, IndicatorValue, Status, StatusUpdate
from apps.working_groups.models import WorkingGroup
from tests.roadmap.factories import AreaFactory, PillarFactory, percent_for

pytestmark = [pytest.mark.perf, pytest.mark.postgres, pytest.mark.django_db]

URL = "/en/dashboard/"
BATCH = 5000
STATUSES = list(Status)


def build_alliance(*, organizations: int, people: int, actions: int, updates: int, listings: int) -> None:
    rng = random.Random(6)
    today = timezone.localdate()
    prefix = f"n{organizations}"
    orgs = Organization.objects.bulk_create(
        [
            Organization(
                name=f"Organization {prefix}-{number}",
                slug=f"organization-{prefix}-{number}",
                kind=rng.choice(Kind.values),
                province=rng.choice(Province.values),
                is_canadian_owned=rng.random() < 0.7,
                joined_on=today - timedelta(days=rng.randrange(1500)),
            )
            for number in range(organizations)
        ],
        batch_size=BATCH,
    )
    users = User.objects.bulk_create(
        [
            User(email=f"person-{prefix}-{number}@example.ca", full_name=f"Person {number}", password="!")
            for number in range(people)
        ],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [Membership(user=user, organization=orgs[number % len(orgs)]) for number, user in enumerate(users)],
        batch_size=BATCH,
    )
    pillar = PillarFactory()
    areas = [AreaFactory(pillar=pillar) for _ in range(5)]
    groups = WorkingGroup.objects.bulk_create(
        [
            WorkingGroup(name=f"Group {prefix}-{number}", slug=f"group-{prefix}-{number}")
            for number in range(3)
        ]
    )
    for area in areas:
        indicator = Indicator.objects.create(
            area=area,
            name=f"Indicator {area.code}",
            kind="stock",
            unit="patents",
            target=1000,
            target_year=2035,
            baseline_value=100,
            baseline_year=2023,
        )
        IndicatorValue.objects.bulk_create(
            [
                IndicatorValue(
                    indicator=indicator,
                    value=100 + 20 * year,
                    measured_on=date(2023 + year, 6, 30),
                    source="Benchmark",
                )
                for year in range(1, 3)
            ]
        )
    _actions(
        rng=rng,
        prefix=prefix,
        today=today,
        areas=areas,
        groups=groups,
        users=users,
        count=actions,
        updates=updates,
    )
    _listings(rng=rng, orgs=orgs, users=users, count=listings)


def _actions(*, rng, prefix, today, areas, groups, users, count, updates) -> None:
    rows = []
    for number in range(count):
        status = rng.choice(STATUSES)
        rows.append(
            Action(
                code=f"{prefix}-{number}",
                area=areas[number % len(areas)],
                working_group=groups[number % 3],
                title=f"Action {number}",
                owner=users[number % len(users)],
                status=status,
                percent_done=percent_for(status),
                start_date=today - timedelta(days=400),
                target_date=today + timedelta(days=rng.randrange(-200, 600)),
                next_update_due_on=today + timedelta(days=rng.randrange(-30, 60)),
            )
        )
    created = Action.objects.bulk_create(rows, batch_size=BATCH)
    now = timezone.now()
    StatusUpdate.objects.bulk_create(
        (
            StatusUpdate(
                action=created[number % len(created)],
                author=users[number % len(users)],
                status=Status.ON_TRACK,
                percent_done=40,
                previous_status=Status.ON_TRACK,
                previous_percent_done=30,
                summary="Benchmark update",
                created_at=now - timedelta(hours=rng.randrange(24 * 365)),
            )
            for number in range(updates)
        ),
        batch_size=BATCH,
    )


def _listings(*, rng, orgs, users, count) -> None:
    areas = list(TechnologyArea.objects.all())
    statuses = list(PatentListing.Status)
    listings = PatentListing.objects.bulk_create(
        (
            PatentListing(
                organization=orgs[number % len(orgs)],
                title=f"Invention {number}",
                number=f"B{number:07d}",
                jurisdiction="CA",
                filing_date=date(2020, 1, 1),
                licence_terms="frand",
                eligibility="any_member",
                status=rng.choice(statuses),
            )
            for number in range(count)
        ),
        batch_size=BATCH,
    )
    through = PatentListing.technology_areas.through
    through.objects.bulk_create(
        [
            through(patentlisting_id=listing.pk, technologyarea_id=rng.choice(areas).pk)
            for listing in listings
        ],
        batch_size=BATCH,
    )
    LicenceRequest.objects.bulk_create(
        [
            LicenceRequest(
                listing=listing,
                requesting_organization=orgs[(number + 1) % len(orgs)],
                requested_by=users[number % len(users)],
                intended_use="Benchmark",
                status=rng.choice([LicenceRequest.Status.DECLINED, LicenceRequest.Status.LICENSED]),
            )
            for number, listing in enumerate(listings[: count // 5])
        ],
        batch_size=BATCH,
    )


def render(client) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(URL)
        elapsed = time.perf_counter() - started
    assert response.status_code == 200
    return elapsed, len(queries)


def test_dashboard_on_a_large_alliance(client_for, staff):
    client = client_for(staff)
    build_alliance(organizations=5, people=10, actions=6, updates=20, listings=10)
    bump_version()
    _elapsed, small_queries = render(client)

    started = time.perf_counter()
    build_alliance(organizations=2000, people=20000, actions=300, updates=100_000, listings=10_000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    filled = time.perf_counter() - started
    bump_version()
    cold, cold_queries = render(client)
    cached, cached_queries = render(client)

    print(
        f"\nDashboard benchmark: filled in {filled:.1f} s; render cold {cold * 1000:.0f} ms "
        f"({cold_queries} queries), cached {cached * 1000:.0f} ms ({cached_queries} queries); "
        f"small alliance {small_queries} queries"
    )
    assert cold_queries == small_queries
    assert cached_queries < cold_queries
