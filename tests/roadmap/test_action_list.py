"""The action list: filters, sort orders, pages, and the CSV export of the filtered list."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.roadmap.models import Action, Status
from tests.factories import UserFactory, WorkingGroupFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, StatusUpdateFactory
from tests.roadmap.pages_helpers import add_actions, login_redirect, user_for

pytestmark = pytest.mark.django_db

LIST_URL = reverse("roadmap:action_list")
CSV_URL = reverse("roadmap:action_list_csv")
# Session, person, membership; the choices of area, group and owner; count, page.
LIST_QUERIES = 8
# Session, person, membership; the actions, their lead organizations.
CSV_QUERIES = 5


def codes(response) -> list[str]:
    return [action.code for action in response.context["actions"]]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode()
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


@pytest.fixture
def actions(area, group, other_group, owner_person):
    """Four actions covering each filter: status, group, owner, overdue and due."""
    today = timezone.localdate()
    other_area = AreaFactory(code="SKL", name="Skills & Talent", pillar=area.pillar)
    return {
        "FIN-1": ActionFactory(
            code="FIN-1",
            area=area,
            working_group=group,
            owner=owner_person,
            target_date=today + timedelta(days=100),
            next_update_due_on=today + timedelta(days=5),
        ),
        "FIN-2": ActionFactory(
            code="FIN-2",
            area=area,
            working_group=group,
            status=Status.ON_TRACK,
            start_date=today - timedelta(days=200),
            target_date=today - timedelta(days=1),
            next_update_due_on=today - timedelta(days=3),
        ),
        "SKL-1": ActionFactory(
            code="SKL-1",
            area=other_area,
            working_group=other_group,
            status=Status.DONE,
            start_date=today - timedelta(days=200),
            target_date=today - timedelta(days=10),
            next_update_due_on=today - timedelta(days=3),
        ),
        "SKL-2": ActionFactory(
            code="SKL-2",
            area=other_area,
            working_group=None,
            title='=HYPERLINK("https://evil.example")',
            target_date=None,
            next_update_due_on=today + timedelta(days=20),
        ),
    }


@pytest.fixture
def owner_person(db):
    return UserFactory(full_name="Olive Owner")


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [("anonymous", 302), ("suspended_member", 302), ("member", 200), ("other_lead", 200), ("staff", 200)],
)
@pytest.mark.parametrize("url", [LIST_URL, CSV_URL])
def test_who_sees_the_list_and_its_export(request, client_for, role, expected_status, url):
    response = client_for(user_for(request, role)).get(url)

    assert response.status_code == expected_status
    if role == "anonymous":
        assert response["Location"] == login_redirect(url)
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")


def test_list_shows_every_action_by_area_then_code(client_for, member, actions):
    response = client_for(member).get(LIST_URL)

    assert response.status_code == 200
    assert codes(response) == ["FIN-1", "FIN-2", "SKL-1", "SKL-2"]
    content = response.content.decode()
    assert "4 actions" in content
    assert content.count("<h1>") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"area": "SKL"}, ["SKL-1", "SKL-2"]),
        ({"status": Status.ON_TRACK}, ["FIN-2"]),
        ({"group": "financing"}, ["FIN-1", "FIN-2"]),
        ({"overdue": "on"}, ["FIN-2"]),
        ({"due": "on"}, ["FIN-2"]),
        ({"q": "fin-1"}, ["FIN-1"]),
        ({"area": "FIN", "status": Status.NOT_STARTED}, ["FIN-1"]),
        ({"sort": "target_date"}, ["SKL-1", "FIN-2", "FIN-1", "SKL-2"]),
    ],
)
def test_filters_and_sort(client_for, member, actions, query, expected):
    response = client_for(member).get(LIST_URL, query)

    assert response.status_code == 200
    assert codes(response) == expected


def test_filter_by_owner(client_for, member, actions, owner_person):
    response = client_for(member).get(LIST_URL, {"owner": owner_person.pk})

    assert codes(response) == ["FIN-1"]


def test_sort_by_last_update_newest_first_and_oldest_first(client_for, member, actions):
    now = timezone.now()
    StatusUpdateFactory(action=actions["SKL-2"], created_at=now - timedelta(days=2))
    StatusUpdateFactory(action=actions["FIN-1"], created_at=now - timedelta(days=1))
    client = client_for(member)

    newest_first = client.get(LIST_URL, {"sort": "last_update"})
    oldest_first = client.get(LIST_URL, {"sort": "least_recent_update"})

    assert codes(newest_first) == ["FIN-1", "SKL-2", "FIN-2", "SKL-1"]
    assert codes(oldest_first) == ["FIN-2", "SKL-1", "SKL-2", "FIN-1"]


@pytest.mark.parametrize(
    "query", [{"status": "finished"}, {"area": "NOPE"}, {"sort": "price"}, {"q": "x" * 201}]
)
def test_bad_filter_answers_400_with_the_form_errors(client_for, member, actions, query):
    response = client_for(member).get(LIST_URL, query)

    assert response.status_code == 400
    assert response.context["filter_form"].errors


def test_list_is_paginated(client_for, member, area):
    add_actions(30, updates_each=0, area=area)
    client = client_for(member)

    first = client.get(LIST_URL, {"area": area.code})
    second = client.get(LIST_URL, {"area": area.code, "page": 2})

    assert len(first.context["actions"]) == 25
    assert len(second.context["actions"]) == 5
    assert f'href="?area={area.code}&amp;page=2"' in first.content.decode()


def test_export_link_carries_the_filters(client_for, member, actions):
    response = client_for(member).get(LIST_URL, {"area": "FIN", "page": 1})

    assert f'href="{CSV_URL}?area=FIN"' in response.content.decode()


def test_csv_has_the_filtered_actions_of_every_page(client_for, member, area, actions):
    add_actions(30, updates_each=1, area=area)

    response = client_for(member).get(CSV_URL, {"area": area.code, "sort": "code"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="roadmap-actions-')
    rows = csv_rows(response)
    assert rows[0][:5] == ["Code", "Title", "Area", "Status", "Percent done"]
    assert len(rows) == 1 + 32
    assert {row[0] for row in rows[1:]} >= {"FIN-1", "FIN-2"}


def test_csv_rows_hold_the_action_facts(client_for, member, actions, organization):
    actions["FIN-2"].lead_organizations.set([organization])

    response = client_for(member).get(CSV_URL, {"status": Status.ON_TRACK})

    header, row = csv_rows(response)
    facts = dict(zip(header, row, strict=True))
    action = Action.objects.get(code="FIN-2")
    assert facts["Code"] == "FIN-2"
    assert facts["Title"] == action.title
    assert facts["Area"] == "Financial Ecosystem"
    assert facts["Status"] == "On track"
    assert facts["Percent done"] == "40"
    assert facts["Owning working group"] == "Financing"
    assert facts["Lead organizations"] == organization.name
    assert facts["Target date"] == action.target_date.isoformat()
    assert facts["Update cadence"] == "Monthly"
    assert facts["Overdue"] == "yes"
    assert facts["Update due"] == "yes"
    assert facts["Address"].endswith(reverse("roadmap:action_detail", kwargs={"code": "FIN-2"}))


def test_csv_neutralizes_spreadsheet_formulas(client_for, member, actions):
    response = client_for(member).get(CSV_URL, {"q": "SKL-2"})

    header, row = csv_rows(response)
    assert row[1] == '\'=HYPERLINK("https://evil.example")'


def test_csv_with_a_bad_filter_answers_400(client_for, member, actions):
    response = client_for(member).get(CSV_URL, {"status": "finished"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("count", [10, 300])
def test_list_runs_a_fixed_number_of_queries(client_for, member, area, count, django_assert_max_num_queries):
    add_actions(count, updates_each=3, area=area, owner=UserFactory(), group=WorkingGroupFactory())
    client = client_for(member)

    with django_assert_max_num_queries(LIST_QUERIES):
        response = client.get(LIST_URL, {"sort": "last_update"})

    assert response.context["page_obj"].paginator.count == count


@pytest.mark.parametrize("count", [10, 300])
def test_csv_runs_a_fixed_number_of_queries(client_for, member, area, count, django_assert_max_num_queries):
    add_actions(count, updates_each=3, area=area, owner=UserFactory())
    client = client_for(member)

    with django_assert_max_num_queries(CSV_QUERIES):
        response = client.get(CSV_URL)

    assert len(csv_rows(response)) == count + 1
