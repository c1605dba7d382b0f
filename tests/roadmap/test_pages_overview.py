"""The roadmap overview: vision, pillars and areas with goals, progress and counts, indicators."""

from decimal import Decimal

import pytest
from django.urls import reverse

from apps.roadmap.models import Status
from tests.roadmap.factories import ActionFactory, AreaFactory, IndicatorFactory, PillarFactory
from tests.roadmap.pages_helpers import add_actions, login_redirect, user_for

pytestmark = pytest.mark.django_db

OVERVIEW_URL = reverse("roadmap:overview")
# Session, person, membership; pillars, areas with their figures, indicators.
OVERVIEW_QUERIES = 6


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 200),
        ("lead", 200),
        ("other_lead", 200),
        ("staff", 200),
    ],
)
def test_who_sees_the_overview(request, client_for, role, expected_status):
    response = client_for(user_for(request, role)).get(OVERVIEW_URL)

    assert response.status_code == expected_status
    if role == "anonymous":
        assert response["Location"] == login_redirect(OVERVIEW_URL)
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")


def test_overview_shows_vision_areas_goals_progress_counts_and_indicators(client_for, member, area):
    ActionFactory(area=area, status=Status.ON_TRACK, percent_done=40)
    ActionFactory(area=area, status=Status.ON_TRACK, percent_done=60)
    ActionFactory(area=area, status=Status.BLOCKED, percent_done=20)
    ActionFactory(area=area, status=Status.NOT_STARTED, percent_done=0)
    IndicatorFactory(
        area=area,
        name="Investment in battery innovation",
        unit="CAD",
        target=Decimal("3000000000"),
        target_year=2035,
    )
    empty_area = AreaFactory(pillar=PillarFactory(name="Industrial Policy", position=2), name="IP Strategy")

    response = client_for(member).get(OVERVIEW_URL)

    assert response.status_code == 200
    content = response.content.decode()
    assert content.count("<h1>") == 1
    assert "By 2035, Canada is a global leader in clean, innovative battery technology" in content
    assert "Pillar: Innovation Infrastructure" in content and "Pillar: Industrial Policy" in content
    assert "Financial Ecosystem" in content
    assert "$3B invested in battery innovation through public and private funding." in content
    financial = response.context["pillars"][0].areas.all()[0]
    assert (financial.action_count, financial.percent) == (4, 30)
    assert [(label, count) for _status, label, count in financial.status_counts] == [
        ("On track", 2),
        ("Blocked", 1),
        ("Not started", 1),
    ]
    assert "30% done on average" in content
    assert '<progress max="100" value="30"' in content
    assert "2</span> on track" in content and "1</span> blocked" in content
    assert "Investment in battery innovation" in content
    assert "$3,000,000,000 by 2035" in content
    assert f"{reverse('roadmap:action_list')}?area={area.code}" in content
    assert empty_area.name in content
    assert "No action in this area yet." in content
    assert response.context["overall_percent"] == 30
    assert response.context["action_count"] == 4


def test_overview_before_the_roadmap_is_loaded(client_for, member):
    response = client_for(member).get(OVERVIEW_URL)

    assert response.status_code == 200
    assert "The roadmap has not been loaded yet." in response.content.decode()


@pytest.mark.parametrize("actions", [10, 300])
def test_overview_runs_a_fixed_number_of_queries(
    client_for, member, area, actions, django_assert_max_num_queries
):
    add_actions(actions, updates_each=3, area=area)
    add_actions(actions // 2, updates_each=3, area=AreaFactory(pillar=area.pillar))
    client = client_for(member)

    with django_assert_max_num_queries(OVERVIEW_QUERIES):
        response = client.get(OVERVIEW_URL)

    assert response.context["action_count"] == actions + actions // 2
