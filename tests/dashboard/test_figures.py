"""Every figure of the dashboard on the hand-made alliance of conftest.py, counted on paper."""

from datetime import date

import pytest

from apps.dashboard.selectors import Filters, compute_figures, dashboard_figures


def counts(tallies):
    return {tally.key: tally.count for tally in tallies}


def figures_for(alliance, **filters):
    return compute_figures(filters=Filters(**filters), public=False, today=alliance.today)


def test_roadmap_progress_overall_by_status_and_by_area(alliance):
    roadmap = figures_for(alliance).roadmap

    assert roadmap.action_count == 4
    assert roadmap.percent_done == (100 + 40 + 30 + 0) / 4
    assert counts(roadmap.by_status) == {
        "not_started": 1,
        "on_track": 1,
        "at_risk": 1,
        "blocked": 0,
        "done": 1,
    }
    assert [(area.code, area.action_count, area.percent_done) for area in roadmap.areas] == [
        ("FIN", 2, 70.0),
        ("SKL", 2, 15.0),
    ]


def test_overdue_and_update_due_lists_name_the_owners(alliance):
    roadmap = figures_for(alliance).roadmap

    assert [(row.code, row.owner, row.working_group) for row in roadmap.overdue] == [
        ("FIN-2", "Mo Member", "Financing")
    ]
    assert [row.code for row in roadmap.update_due] == ["FIN-2", "SKL-2"]


def test_area_filter_narrows_roadmap_and_activity(alliance):
    figures = figures_for(alliance, area="FIN")

    assert figures.roadmap.action_count == 2
    assert figures.roadmap.percent_done == 70.0
    assert [area.code for area in figures.roadmap.areas] == ["FIN"]
    assert [row.code for row in figures.roadmap.update_due] == ["FIN-2"]
    assert counts(figures.activity.by_group) == {"financing": 2, "skills": 0}
    assert [indicator.name for indicator in figures.indicators] == ["Investment in battery innovation"]


def test_group_filter_narrows_roadmap_and_activity(alliance):
    figures = figures_for(alliance, working_group="skills")

    assert figures.roadmap.action_count == 2
    assert figures.roadmap.percent_done == 15.0
    assert [(area.code, area.action_count) for area in figures.roadmap.areas] == [("FIN", 0), ("SKL", 2)]
    assert figures.roadmap.overdue == []
    assert [row.code for row in figures.roadmap.update_due] == ["SKL-2"]
    assert counts(figures.activity.by_group) == {"skills": 1}
    assert figures.activity.update_count == 1


def test_filters_leave_the_ecosystem_and_pool_whole(alliance):
    figures = figures_for(alliance, working_group="skills")

    assert figures.ecosystem.organization_count == 4
    assert figures.patents.licences_granted == 1


def test_indicator_with_baseline_and_values(alliance):
    investment = figures_for(alliance).indicators[0]

    assert investment.name == "Investment in battery innovation"
    assert (investment.baseline_value, investment.baseline_year) == (1_000_000_000, 2024)
    assert (investment.latest.value, investment.latest.measured_on, investment.latest.source) == (
        1_500_000_000,
        date(2026, 3, 31),
        "Alliance survey 2026",
    )
    assert investment.percent_of_target == 50.0
    needed = 3 ** (1 / (2035 - 2024)) - 1
    achieved = 1.5 ** (1 / (2026 - 2024)) - 1
    assert investment.growth_ratio == pytest.approx(achieved / needed, abs=1e-3)
    assert investment.progress_class == "on_track"
    assert investment.progress_label == "On track"
    assert [point.measured_on for point in investment.values] == [date(2025, 6, 30), date(2026, 3, 31)]


def test_indicator_without_baseline_has_not_enough_data(alliance):
    graduates = figures_for(alliance).indicators[1]

    assert graduates.latest is None
    assert graduates.percent_of_target is None
    assert graduates.progress_class == "not_enough_data"
    assert graduates.progress_label == "Not enough data yet"


def test_ecosystem_counts_active_members_only(alliance):
    ecosystem = figures_for(alliance).ecosystem

    assert ecosystem.organization_count == 4
    assert ecosystem.canadian_owned_count == 3
    kinds = counts(ecosystem.by_kind)
    assert (kinds["industry"], kinds["academia"], kinds["finance"], kinds["government"]) == (2, 1, 1, 0)
    assert sum(kinds.values()) == 4
    provinces = counts(ecosystem.by_province)
    assert {code: count for code, count in provinces.items() if count} == {"ON": 1, "SK": 1, "QC": 1, "BC": 1}
    assert counts(ecosystem.by_segment) == {"upstream": 2, "midstream": 1, "downstream": 0, "recycling": 1}
    assert counts(ecosystem.growth) == {"2024-01": 2, "2025-03": 3}
    assert ecosystem.joined_unknown == 1


def test_patent_pool_counts(alliance):
    patents = figures_for(alliance).patents

    assert counts(patents.listings_by_status) == {
        "available": 1,
        "under_negotiation": 0,
        "licensed": 1,
        "withdrawn": 1,
        "expired": 0,
    }
    areas = counts(patents.listings_by_area)
    assert {code: count for code, count in areas.items() if count} == {"solid-state": 1, "recycling": 1}
    assert counts(patents.requests_by_status) == {
        "pending": 1,
        "accepted": 0,
        "licensed": 1,
        "declined": 1,
        "withdrawn": 0,
    }
    assert patents.licences_granted == 1


def test_activity_counts_visible_updates_of_the_last_30_days(alliance):
    activity = figures_for(alliance).activity

    assert activity.days == 30
    assert counts(activity.by_group) == {"financing": 2, "skills": 1}
    assert activity.update_count == 3


def test_public_figures_hold_no_people_no_members_no_pool(alliance):
    figures = compute_figures(filters=Filters(), public=True, today=alliance.today)

    assert figures.roadmap.action_count == 4
    assert figures.roadmap.overdue == [] and figures.roadmap.update_due == []
    assert figures.ecosystem is None and figures.patents is None and figures.activity is None
    assert len(figures.indicators) == 2


def test_cached_figures_equal_computed_ones(alliance):
    first = dashboard_figures(filters=Filters(), today=alliance.today)
    second = dashboard_figures(filters=Filters(), today=alliance.today)

    assert first == second == figures_for(alliance)
