"""Every list of the API runs a fixed number of queries, whatever the number of actions, updates,
lead organizations, indicators and values behind it (10 and 300 actions, many updates each)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.roadmap.models import Action, IndicatorValue, Status, StatusUpdate
from tests.api.helpers import actions_url, areas_url, indicators_url, updates_url
from tests.factories import OrganizationFactory, UserFactory, WorkingGroupFactory
from tests.roadmap.factories import AreaFactory, IndicatorFactory, PillarFactory

UPDATES_PER_ACTION = 6
# Session and person (2), the member check (1), the person's lead groups (1), the count and the
# page (2), and one prefetch (lead organizations or indicators); a filter adds its own lookup.
MAX_QUERIES = 8


def build_roadmap(count: int) -> Action:
    """`count` actions over five areas and three groups, each with an owner, two lead
    organizations and UPDATES_PER_ACTION updates; count // 5 indicators with three values each.
    Returns the first action."""
    pillar = PillarFactory()
    areas = [AreaFactory(pillar=pillar) for _ in range(5)]
    groups = [WorkingGroupFactory() for _ in range(3)]
    organizations = [OrganizationFactory() for _ in range(4)]
    people = [UserFactory() for _ in range(4)]
    today = timezone.localdate()
    actions = Action.objects.bulk_create(
        Action(
            code=f"Q-{index:04d}",
            area=areas[index % 5],
            title=f"Action {index}",
            working_group=groups[index % 3],
            owner=people[index % 4],
            status=Status.ON_TRACK,
            percent_done=40,
            start_date=today - timedelta(days=60),
            target_date=today + timedelta(days=index),
            last_update_at=timezone.now(),
            next_update_due_on=today + timedelta(days=30),
            version=UPDATES_PER_ACTION + 1,
        )
        for index in range(count)
    )
    Action.lead_organizations.through.objects.bulk_create(
        Action.lead_organizations.through(action_id=action.pk, organization_id=organization.pk)
        for index, action in enumerate(actions)
        for organization in (organizations[index % 4], organizations[(index + 1) % 4])
    )
    StatusUpdate.objects.bulk_create(
        StatusUpdate(
            action=action,
            author=people[number % 4],
            status=Status.ON_TRACK,
            percent_done=40,
            previous_status=Status.ON_TRACK,
            previous_percent_done=40,
            summary=f"Update {number}",
            is_hidden=number == 0,
            hidden_reason="Duplicate" if number == 0 else "",
            hidden_by=people[0] if number == 0 else None,
        )
        for action in actions
        for number in range(UPDATES_PER_ACTION)
    )
    for index in range(max(2, count // 5)):
        indicator = IndicatorFactory(area=areas[index % 5])
        IndicatorValue.objects.bulk_create(
            IndicatorValue(
                indicator=indicator, value=number, measured_on=today - timedelta(days=number), source="S"
            )
            for number in range(3)
        )
    return Action.objects.order_by("code").first()


def queries_for(client, url, query=None) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, query or {})
    assert response.status_code == 200, response.content
    return len(context.captured_queries)


LISTS = [
    ("areas", lambda action: (areas_url(), None)),
    ("actions", lambda action: (actions_url(), {"page_size": 200})),
    (
        "filtered actions",
        lambda action: (actions_url(), {"page_size": 200, "area": action.area.code, "due": "false"}),
    ),
    ("sorted actions", lambda action: (actions_url(), {"page_size": 200, "ordering": "-target_date"})),
    ("updates", lambda action: (updates_url(action.code), {"page_size": 200})),
    ("indicators", lambda action: (indicators_url(), {"page_size": 200})),
]


@pytest.mark.parametrize(("name", "address"), LISTS, ids=[name for name, _ in LISTS])
@pytest.mark.parametrize("role", ["lead", "staff"])
def test_list_runs_the_same_queries_at_10_and_300_actions(request, api_client_for, role, name, address):
    client = api_client_for(request.getfixturevalue(role))
    first = build_roadmap(10)
    small = queries_for(client, *address(first))
    Action.objects.all().delete()

    first = build_roadmap(300)
    large = queries_for(client, *address(first))

    assert small == large
    assert large <= MAX_QUERIES + (1 if name == "filtered actions" else 0)


def test_300_actions_list_within_the_query_budget(api_client_for, lead, django_assert_max_num_queries):
    build_roadmap(300)
    client = api_client_for(lead)

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(actions_url(), {"page_size": 200})

    assert len(response.json()["results"]) == 200
    assert all(len(row["lead_organizations"]) == 2 for row in response.json()["results"])
