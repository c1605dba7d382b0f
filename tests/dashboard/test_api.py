"""/api/v1/dashboard/: members only, the same figures as the page, documented."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.dashboard.api import DashboardSerializer
from apps.dashboard.selectors import Filters, compute_figures

URL = "/api/v1/dashboard/"


def test_url():
    assert reverse("api:dashboard") == URL


@pytest.mark.parametrize(
    ("role", "status"),
    [(None, 401), ("suspended_member", 403), ("member", 200), ("lead", 200), ("staff", 200)],
)
def test_permission_matrix(role, status, request, alliance):
    client = Client()
    if role:
        client.force_login(request.getfixturevalue(role))

    assert client.get(URL).status_code == status


def test_api_returns_the_page_figures(client_for, member, alliance):
    client = client_for(member)
    page_figures = client.get("/en/dashboard/?working_group=financing").context["figures"]

    data = client.get(f"{URL}?working_group=financing").json()

    expected = DashboardSerializer(
        compute_figures(filters=Filters(working_group="financing"), public=False, today=alliance.today)
    ).data
    assert data == expected  # the same JSON as a fresh computation
    assert data["roadmap"]["action_count"] == page_figures.roadmap.action_count == 2
    assert data["roadmap"]["percent_done"] == page_figures.roadmap.percent_done == 70.0
    assert [row["code"] for row in data["roadmap"]["overdue"]] == ["FIN-2"]
    assert data["roadmap"]["overdue"][0]["owner"] == "Mo Member"
    assert data["indicators"][0]["percent_of_target"] == 50.0
    assert data["indicators"][0]["progress_class"] == "on_track"
    assert data["indicators"][0]["latest"] == {
        "measured_on": "2026-03-31",
        "value": "1500000000.00",
        "source": "Alliance survey 2026",
    }
    assert data["ecosystem"]["organization_count"] == 4
    assert data["patents"]["licences_granted"] == 1
    assert data["activity"]["by_group"] == [{"key": "financing", "label": "Financing", "count": 2}]


def test_bad_filter_is_a_400_with_the_field(client_for, member, alliance):
    response = client_for(member).get(f"{URL}?area=NOPE")

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "area" in body["fields"]


def test_schema_documents_the_endpoint(client_for, member):
    schema = client_for(member).get("/api/schema/?format=json").json()

    operation = schema["paths"][URL]["get"]
    assert operation["summary"]
    assert {"400", "401", "403"} <= set(operation["responses"])
    assert {parameter["name"] for parameter in operation["parameters"]} == {"area", "working_group"}
