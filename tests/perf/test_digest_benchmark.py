"""Digests for 1,000 and 10,000 people over a realistic week: 20 working groups (each person in
two), 300 actions with 900 status updates, 40 indicator values, 200 new listings, 10 new members,
owners with updates due and licensing contacts with requests waiting; a third of the people read
the whole roadmap, a fifth watch technology areas.

Prints, for each size, the time and queries of planning, of building one chunk's content, and of
the whole delivery (claim, build, send, record). Asserts only what must not grow with people:
the queries of building a chunk, and those of a delivery beyond its one UPDATE per digest sent
and its fixed cost per chunk.

Planning inserts the digest rows in batches (1,000 rows on PostgreSQL, fewer on SQLite, whose
statements take fewer parameters): its count grows by one per batch, nothing per person.

Runs in CI; here: pytest tests/perf/test_digest_benchmark.py -m perf -s
"""

import random
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.notifications.digests import sending
from apps.notifications.digests.building import digest_contents
from apps.notifications.models import Digest, NotificationPreference
from apps.organizations.models import Membership, Organization
from apps.patents.models import LicenceRequest, PatentListing, TechnologyArea
from apps.roadmap.models import Action, Area, Indicator, IndicatorValue, Status, StatusUpdate
from apps.working_groups.models import GroupMembership, WorkingGroup
from tests.roadmap.factories import AreaFactory, PillarFactory, percent_for

pytestmark = [pytest.mark.perf, pytest.mark.django_db]

BATCH = 2000


def build_week(people_count: int, rng: random.Random) -> None:
    now = timezone.now()
    organizations = Organization.objects.bulk_create(
        Organization(
            name=f"Org {n}", slug=f"org-{n}", kind="industry", province="QC", joined_on=now.date()
        )
        for n in range(max(people_count // 10, 20))
    )
    people = User.objects.bulk_create(
        (
            User(
                email=f"p{n}@example.ca",
                full_name=f"Person {n}",
                password="!",
                preferred_language=("fr", "en")[n % 2],
            )
            for n in range(people_count)
        ),
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        (
            Membership(
                user=person,
                organization=organizations[n % len(organizations)],
                role=Membership.Role.CONTACT if n < len(organizations) else Membership.Role.MEMBER,
            )
            for n, person in enumerate(people)
        ),
        batch_size=BATCH,
    )
    groups = WorkingGroup.objects.bulk_create(
        WorkingGroup(name=f"Group {n}", slug=f"group-{n}") for n in range(20)
    )
    GroupMembership.objects.bulk_create(
        (
            GroupMembership(user=person, group=group)
            for n, person in enumerate(people)
            for group in (groups[n % 20], groups[(n * 7 + 3) % 20])
            if group is groups[n % 20] or (n * 7 + 3) % 20 != n % 20
        ),
        batch_size=BATCH,
    )
    area = AreaFactory(
        pillar=PillarFactory(name=f"Benchmark pillar {people_count}"), code=f"B{people_count}"
    )
    actions = Action.objects.bulk_create(
        Action(
            code=f"BEN-{n}",
            area=area,
            title=f"Benchmark action {n}",
            working_group=groups[n % 20],
            owner=people[n * 3 % people_count],
            next_update_due_on=now.date() - timedelta(days=n % 3),
        )
        for n in range(300)
    )
    StatusUpdate.objects.bulk_create(
        (
            StatusUpdate(
                action=actions[n % 300],
                author=people[rng.randrange(people_count)],
                status=(status := rng.choice([Status.ON_TRACK, Status.AT_RISK, Status.BLOCKED])),
                percent_done=percent_for(status),
                previous_status=Status.NOT_STARTED,
                previous_percent_done=0,
                summary="Weekly progress.",
                created_at=now - timedelta(minutes=rng.randrange(1, 7 * 24 * 60)),
            )
            for n in range(900)
        ),
        batch_size=BATCH,
    )
    indicator = Indicator.objects.create(
        area=area, name="Benchmark indicator", kind="count", unit="firms", target=100, target_year=2035
    )
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator, value=n, measured_on=now.date() - timedelta(days=n), source="Survey"
        )
        for n in range(40)
    )
    areas = list(TechnologyArea.objects.all())
    listings = PatentListing.objects.bulk_create(
        PatentListing(
            organization=organizations[n % len(organizations)],
            title=f"Listing {n}",
            number=f"CA {n}",
            jurisdiction="CA",
            filing_date=now.date() - timedelta(days=500),
            abstract="...",
            licence_terms="frand",
            eligibility="any_member",
            status="available",
            published_at=now - timedelta(hours=rng.randrange(1, 160)),
        )
        for n in range(200)
    )
    PatentListing.technology_areas.through.objects.bulk_create(
        PatentListing.technology_areas.through(
            patentlisting=listing, technologyarea=areas[n % len(areas)]
        )
        for n, listing in enumerate(listings)
    )
    LicenceRequest.objects.bulk_create(
        LicenceRequest(
            listing=listing,
            requesting_organization=organizations[(n + 1) % len(organizations)],
            requested_by=people[(n + 1) % len(organizations)],
            intended_use="Pilot.",
        )
        for n, listing in enumerate(listings[:50])
    )
    Organization.objects.bulk_create(
        Organization(name=f"New org {n}", slug=f"new-org-{n}", kind="research", province="ON")
        for n in range(10)
    )
    preferences = NotificationPreference.objects.bulk_create(
        (
            NotificationPreference(
                user=person,
                covers_whole_roadmap=n % 3 == 0,
                covers_listings=n % 5 == 0,
                covers_new_members=n % 4 == 0,
            )
            for n, person in enumerate(people)
            if n % 3 == 0 or n % 5 == 0 or n % 4 == 0
        ),
        batch_size=BATCH,
    )
    NotificationPreference.watched_areas.through.objects.bulk_create(
        (
            NotificationPreference.watched_areas.through(
                notificationpreference=preference, technologyarea=area
            )
            for n, preference in enumerate(preferences)
            if preference.covers_listings
            for area in areas[n % 3 : n % 3 + 2]
        ),
        batch_size=BATCH,
    )


class QueryCounter:
    """Counts every query (CaptureQueriesContext keeps only the last 9,000)."""

    def __enter__(self):
        self.count = 0
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)


def measure(people_count: int) -> dict:
    started = time.perf_counter()
    build_week(people_count, random.Random(people_count))
    print(f"\nfilled {people_count} in {time.perf_counter() - started:.1f} s")
    figures = {"people": people_count}

    with QueryCounter() as queries:
        started = time.perf_counter()
        sending.digests_plan(frequency="weekly")
        figures["plan"] = (time.perf_counter() - started, queries.count)

    chunk = list(
        Digest.objects.select_related("recipient__notification_preference").order_by("pk")[
            : sending.CHUNK_SIZE
        ]
    )
    with QueryCounter() as queries:
        started = time.perf_counter()
        contents = digest_contents(chunk)
        figures["build_chunk"] = (time.perf_counter() - started, queries.count)
    figures["items_in_chunk"] = sum(content.item_count for content in contents)

    mail.outbox.clear()
    with QueryCounter() as queries:
        started = time.perf_counter()
        result = sending.digests_deliver()
        figures["deliver"] = (time.perf_counter() - started, queries.count)
    figures["sent"], figures["empty"] = result.sent, result.empty
    chunks = -(-people_count // sending.CHUNK_SIZE)
    # The last claim finds nothing: one query more than the chunks.
    figures["deliver_queries_per_chunk_beyond_sends"] = (queries.count - result.sent - 1) / chunks
    mail.outbox.clear()
    return figures


def report(figures: dict) -> str:
    plan_seconds, plan_queries = figures["plan"]
    build_seconds, build_queries = figures["build_chunk"]
    deliver_seconds, deliver_queries = figures["deliver"]
    return (
        f"{figures['people']:>6} people | plan {plan_seconds:6.2f} s {plan_queries:>3} q "
        f"| build one chunk of {sending.CHUNK_SIZE} {build_seconds:5.2f} s {build_queries:>3} q "
        f"| deliver {deliver_seconds:6.2f} s {deliver_queries:>6} q "
        f"({figures['sent']} sent, {figures['empty']} empty; "
        f"{figures['deliver_queries_per_chunk_beyond_sends']:.0f} q per chunk beyond one per sent digest)"
    )


def test_digest_cost_does_not_grow_with_people():
    small = measure(1_000)
    Digest.objects.all().delete()
    for model in (
        NotificationPreference,
        LicenceRequest,
        PatentListing,
        IndicatorValue,
        Indicator,
        StatusUpdate,
        Action,
        GroupMembership,
        WorkingGroup,
        Membership,
    ):
        model.objects.all().delete()
    Area.objects.all().delete()
    Organization.objects.all().delete()
    User.objects.all().delete()
    large = measure(10_000)

    print("\nDigest benchmark (" + connection.vendor + ")")
    print(report(small))
    print(report(large))

    # Building a chunk costs the same queries whatever the number of people.
    assert small["build_chunk"][1] == large["build_chunk"][1]
    # Beyond its one UPDATE per digest sent, delivery costs a fixed number per chunk: per chunk it
    # does not grow (the run's few fixed queries weigh less when spread over more chunks).
    per_chunk = "deliver_queries_per_chunk_beyond_sends"
    assert large[per_chunk] <= small[per_chunk] <= small["build_chunk"][1] + 8
    assert large["sent"] > 5_000
