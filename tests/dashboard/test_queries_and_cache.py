"""A fixed number of queries whatever the size of the alliance; cached figures cost none; a status
update refreshes them; a dead Redis still gives a page."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.dashboard import cache as dashboard_cache
from apps.roadmap.models import Status
from apps.roadmap.services import status_update_post
from tests.factories import OrganizationFactory
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory
from tests.roadmap.factories import ActionFactory, IndicatorValueFactory, StatusUpdateFactory

DASHBOARD = "/en/dashboard/"


def page_queries(client) -> int:
    dashboard_cache.bump_version()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def grow(alliance, *, times: int):
    """More of every kind of row the dashboard counts."""
    for number in range(times):
        organization = OrganizationFactory(joined_on=alliance.today - timedelta(days=40 * number))
        action = ActionFactory(area=alliance.skl, owner=None, target_date=alliance.today - timedelta(days=1))
        StatusUpdateFactory(action=action)
        listing = PatentListingFactory(organization=organization)
        LicenceRequestFactory(listing=listing, requesting_organization=organization)
        IndicatorValueFactory(
            indicator=alliance.investment,
            measured_on=alliance.today - timedelta(days=number),
            value=2_000_000_000,
        )


def test_the_page_runs_the_same_queries_at_two_sizes(
    client_for, member, alliance, django_assert_max_num_queries
):
    client = client_for(member)
    small = page_queries(client)

    grow(alliance, times=8)
    large = page_queries(client)

    assert large == small
    with django_assert_max_num_queries(small):
        client.get(DASHBOARD)


def test_cached_page_runs_no_figure_query(client_for, member, alliance):
    client = client_for(member)
    cold = page_queries(client)

    with CaptureQueriesContext(connection) as queries:
        client.get(DASHBOARD)

    figure_tables = ("roadmap_", "organizations_organization", "patents_", "working_groups_workinggroup")
    from_figures = [q["sql"] for q in queries if any(f'FROM "{table}' in q["sql"] for table in figure_tables)]
    assert from_figures == []
    assert len(queries) < cold


def test_a_status_update_refreshes_the_figures(
    client_for, lead, alliance, django_capture_on_commit_callbacks
):
    client = client_for(lead)
    assert "42.5" in client.get(DASHBOARD).content.decode()  # (100 + 40 + 30 + 0) / 4, now cached
    action = alliance.actions["FIN-2"]
    action.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        status_update_post(
            action=action,
            author=lead,
            version=action.version,
            status=Status.ON_TRACK,
            percent_done=80,
            summary="Funding programs mapped.",
        )

    html = client.get(DASHBOARD).content.decode()
    assert "52.5" in html  # (100 + 80 + 30 + 0) / 4
    assert "42.5" not in html


def test_hiding_an_update_refreshes_the_figures(staff, lead, alliance, django_capture_on_commit_callbacks):
    from apps.dashboard.selectors import Filters, dashboard_figures
    from apps.roadmap.services import status_update_hide

    action = alliance.actions["SKL-1"]
    update = StatusUpdateFactory(action=action, status=Status.BLOCKED, created_at=timezone.now())
    assert dashboard_figures(filters=Filters()).roadmap.by_status[3].count == 1  # blocked

    with django_capture_on_commit_callbacks(execute=True):
        status_update_hide(update=update, actor=staff, reason="Posted on the wrong action")

    assert dashboard_figures(filters=Filters()).roadmap.by_status[3].count == 0


@pytest.fixture
def dead_redis(monkeypatch, settings):
    """The cache is Redis on a port where nothing listens."""
    settings.CACHES = {
        **settings.CACHES,
        "dead": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }
    monkeypatch.setattr(dashboard_cache, "cache", caches["dead"])


def test_the_page_renders_when_redis_is_down(dead_redis, client_for, member, alliance, caplog):
    response = client_for(member).get(DASHBOARD)

    assert response.status_code == 200
    assert "42.5" in response.content.decode()
    assert "Dashboard cache unreachable" in caplog.text


def test_writes_succeed_when_redis_is_down(dead_redis, lead, alliance, django_capture_on_commit_callbacks):
    action = alliance.actions["FIN-2"]
    action.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        update = status_update_post(
            action=action,
            author=lead,
            version=action.version,
            status=Status.AT_RISK,
            percent_done=45,
            summary="Waiting on a partner.",
        )

    assert update.pk is not None
