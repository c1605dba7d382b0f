"""Areas with their goal and progress, indicators with target, baseline and latest value, and an
action's status updates, newest first, hidden ones with their reason only."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.roadmap import services
from apps.roadmap.models import Status
from tests.api.helpers import area_url, areas_url, indicator_url, indicators_url, updates_url
from tests.roadmap.factories import (
    ActionFactory,
    AreaFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    StatusUpdateFactory,
)


def test_area_shows_goal_progress_and_counts_by_status(api_client_for, member, area):
    for status, percent in [(Status.ON_TRACK, 40), (Status.AT_RISK, 30), (Status.DONE, 100)]:
        ActionFactory(area=area, status=status, percent_done=percent)
    ActionFactory(area=area)
    indicator = IndicatorFactory(area=area, name="Capital raised")

    response = api_client_for(member).get(area_url("FIN"))

    assert response.status_code == 200
    assert response.json() == {
        "code": "FIN",
        "name": "Financial Ecosystem",
        "pillar": "Ecosystem",
        "summary": "What this area of the roadmap is about.",
        "goal": "Capital for scale-up.",
        "progress_percent": 42,
        "action_count": 4,
        "status_counts": {"not_started": 1, "on_track": 1, "at_risk": 1, "blocked": 0, "done": 1},
        "indicators": [
            {
                "id": indicator.pk,
                "name": "Capital raised",
                "url": "http://testserver" + indicator_url(indicator.pk),
            }
        ],
        "url": "http://testserver" + area_url("FIN"),
    }


def test_area_without_actions_has_no_progress(api_client_for, member, area):
    AreaFactory(pillar=area.pillar, code="IP", name="IP Strategy")

    response = api_client_for(member).get(areas_url())

    rows = {row["code"]: row for row in response.json()["results"]}
    assert rows["IP"]["progress_percent"] is None
    assert rows["IP"]["action_count"] == 0


def test_indicator_shows_target_baseline_and_latest_value(api_client_for, member, area):
    indicator = IndicatorFactory(
        area=area,
        name="Patents filed",
        unit="patents",
        target=Decimal("1000"),
        target_year=2035,
        baseline_value=Decimal("120.50"),
        baseline_year=2022,
    )
    IndicatorValueFactory(indicator=indicator, value=Decimal("150"), measured_on=date(2025, 1, 1))
    IndicatorValueFactory(
        indicator=indicator, value=Decimal("180"), measured_on=date(2026, 1, 1), source="CIPO"
    )
    IndicatorValueFactory(indicator=indicator, value=Decimal("160"), measured_on=date(2025, 6, 1))
    empty = IndicatorFactory(area=area, name="Jobs created")

    response = api_client_for(member).get(indicators_url())

    rows = {row["name"]: row for row in response.json()["results"]}
    assert rows["Patents filed"] == {
        "id": indicator.pk,
        "area": "FIN",
        "name": "Patents filed",
        "kind": "stock",
        "kind_label": "Stock (accumulates toward the target)",
        "unit": "patents",
        "target": "1000.00",
        "target_year": 2035,
        "baseline_value": "120.50",
        "baseline_year": 2022,
        "latest_value": {"value": "180.00", "measured_on": "2026-01-01", "source": "CIPO"},
    }
    assert rows["Jobs created"]["latest_value"] is None
    assert api_client_for(member).get(indicator_url(empty.pk)).json()["name"] == "Jobs created"


def test_indicators_filter_by_area(api_client_for, member, area):
    IndicatorFactory(area=area, name="Capital raised")
    IndicatorFactory(area=AreaFactory(pillar=area.pillar, code="SKL"), name="People trained")

    response = api_client_for(member).get(indicators_url(), {"area": "SKL"})

    assert [row["name"] for row in response.json()["results"]] == ["People trained"]


def test_updates_are_listed_newest_first(api_client_for, member, lead, action):
    now = timezone.now()
    older = StatusUpdateFactory(action=action, author=lead, created_at=now - timedelta(days=10))
    newer = StatusUpdateFactory(
        action=action, author=lead, status=Status.AT_RISK, created_at=now - timedelta(days=1)
    )
    StatusUpdateFactory(author=lead)  # another action's

    response = api_client_for(member).get(updates_url(action.code))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [row["id"] for row in body["results"]] == [newer.pk, older.pk]
    assert body["results"][0]["previous"] == {"status": "on_track", "percent_done": 40}


def test_hidden_update_keeps_its_place_with_the_reason_but_not_its_text(
    api_client_for, member, staff, lead, action
):
    update = StatusUpdateFactory(
        action=action, author=lead, summary="Posted on the wrong action", blockers="x"
    )
    services.status_update_hide(update=update, actor=staff, reason="Posted on the wrong action.")

    as_member = api_client_for(member).get(updates_url(action.code)).json()["results"][0]
    as_staff = api_client_for(staff).get(updates_url(action.code)).json()["results"][0]

    assert as_member["is_hidden"] is True
    assert as_member["hidden_reason"] == "Posted on the wrong action."
    assert [
        as_member[field] for field in ("summary", "blockers", "asks", "next_steps", "evidence_links")
    ] == [None] * 5
    assert as_staff["summary"] == "Posted on the wrong action"


def test_hidden_update_hides_its_author_status_and_percent_from_members_as_the_page_does(
    api_client_for, member, staff, lead, action
):
    update = StatusUpdateFactory(action=action, author=lead, status=Status.AT_RISK, percent_done=35)
    services.status_update_hide(update=update, actor=staff, reason="Posted on the wrong action.")

    as_member = api_client_for(member).get(updates_url(action.code)).json()["results"][0]
    as_staff = api_client_for(staff).get(updates_url(action.code)).json()["results"][0]

    hidden = ("author", "status", "status_label", "percent_done", "previous")
    assert [as_member[field] for field in hidden] == [None] * 5
    assert as_member["hidden_reason"] == "Posted on the wrong action."
    assert as_staff["author"] == {"id": lead.pk, "full_name": "Lea Lead"}
    assert (as_staff["status"], as_staff["percent_done"]) == ("at_risk", 35)
