"""The action list: what each row says, its filters (area, status, owning group, owner, overdue,
due), search, ordering and pagination; and an action's detail by its code."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.organizations.models import Organization
from apps.roadmap.models import Status
from tests.api.helpers import action_url, actions_url, updates_url
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory, WorkingGroupFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, StatusUpdateFactory


def codes(response) -> list[str]:
    assert response.status_code == 200, response.json()
    return [row["code"] for row in response.json()["results"]]


@pytest.fixture
def roadmap(action, area, other_group, organization):
    """FIN-2 (group, not started), FIN-3 (other group, at risk, overdue), SKL-1 (no group, done),
    SKL-2 (other group, on track, update due)."""
    today = timezone.localdate()
    skills = AreaFactory(pillar=area.pillar, code="SKL", name="Skills & Talent")
    action.lead_organizations.set([organization])
    overdue = ActionFactory(
        code="FIN-3",
        area=area,
        working_group=other_group,
        title="Pool patents",
        start_date=today - timedelta(days=400),
        target_date=today - timedelta(days=5),
    )
    StatusUpdateFactory(action=overdue, status=Status.AT_RISK, created_at=timezone.now() - timedelta(days=2))
    done = ActionFactory(code="SKL-1", area=skills, working_group=None, title="Train technicians")
    StatusUpdateFactory(action=done, status=Status.DONE, created_at=timezone.now() - timedelta(days=1))
    due = ActionFactory(
        code="SKL-2",
        area=skills,
        working_group=other_group,
        title="Map the workforce",
        description="A census of battery jobs by province.",
    )
    StatusUpdateFactory(action=due, status=Status.ON_TRACK, created_at=timezone.now() - timedelta(days=40))
    return {"overdue": overdue, "done": done, "due": due}


def test_a_row_says_what_a_script_needs(api_client_for, lead, action, group, owner, organization):
    action.lead_organizations.set([organization])

    response = api_client_for(lead).get(actions_url())

    row = response.json()["results"][0]
    assert response.json()["count"] == 1
    assert row == {
        "code": "FIN-2",
        "title": "Create a battery scale-up fund",
        "area": "FIN",
        "working_group": {"slug": group.slug, "name": "Financing"},
        "owner": {"id": owner.pk, "full_name": "Otto Owner"},
        "lead_organizations": [{"slug": organization.slug, "name": "Northern Cells Inc."}],
        "status": "not_started",
        "status_label": "Not started",
        "percent_done": 0,
        "version": 1,
        "start_date": action.start_date.isoformat(),
        "target_date": action.target_date.isoformat(),
        "update_cadence_days": 30,
        "last_update_at": None,
        "next_update_due_on": action.next_update_due_on.isoformat(),
        "is_overdue": False,
        "is_update_due": False,
        "is_named_in_roadmap": False,
        "can_post_update": True,
        "url": "http://testserver" + action_url("FIN-2"),
        "updates_url": "http://testserver" + updates_url("FIN-2"),
    }


def test_detail_adds_the_description(api_client_for, member, action):
    response = api_client_for(member).get(action_url(action.code))

    assert response.status_code == 200
    body = response.json()
    assert body["description"] == "What the alliance does, and why."
    assert (body["status"], body["percent_done"], body["version"]) == ("not_started", 0, 1)
    assert body["can_post_update"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"area": "FIN"}, ["FIN-2", "FIN-3"]),
        ({"status": "at_risk"}, ["FIN-3"]),
        ({"status": ["done", "on_track"]}, ["SKL-1", "SKL-2"]),
        ({"working_group": "skills"}, ["FIN-3", "SKL-2"]),
        ({"overdue": "true"}, ["FIN-3"]),
        ({"overdue": "false"}, ["FIN-2", "SKL-1", "SKL-2"]),
        ({"due": "true"}, ["SKL-2"]),
        ({"due": "false"}, ["FIN-2", "FIN-3", "SKL-1"]),
        ({"area": "SKL", "status": "on_track"}, ["SKL-2"]),
        ({"search": "fund"}, ["FIN-2"]),
        ({"search": "census"}, ["SKL-2"]),
        ({"search": "skl-1"}, ["SKL-1"]),
    ],
)
def test_filters_and_search(api_client_for, member, roadmap, query, expected):
    response = api_client_for(member).get(actions_url(), query)

    assert sorted(codes(response)) == expected


def test_filter_by_owner(api_client_for, member, roadmap, owner):
    assert codes(api_client_for(member).get(actions_url(), {"owner": owner.pk})) == ["FIN-2"]


def account_that_is_not_a_portal_member(request, kind: str, organization):
    if kind in ("staff", "suspended_member"):
        return request.getfixturevalue(kind)  # staff-only; only in a suspended organization
    if kind == "inactive":
        person = UserFactory(email="gone@northern-cells.ca", is_active=False)
        MembershipFactory(user=person, organization=organization)
        return person
    if kind == "lapsed":
        person = UserFactory(email="lapsed@lapsed-cells.ca")
        lapsed = OrganizationFactory(name="Lapsed Cells", membership_status=Organization.Status.LAPSED)
        MembershipFactory(user=person, organization=lapsed)
        return person
    return UserFactory(email="nobody@example.ca")  # in no organization


@pytest.mark.parametrize("kind", ["staff", "suspended_member", "inactive", "lapsed", "no_organization"])
def test_owner_filter_reveals_nothing_about_accounts_that_are_not_portal_members(
    request, api_client_for, member, roadmap, area, organization, kind
):
    person = account_that_is_not_a_portal_member(request, kind, organization)
    ActionFactory(code="FIN-8", area=area, owner=person)
    client = api_client_for(member)
    nonexistent = client.get(actions_url(), {"owner": User.objects.order_by("-pk").first().pk + 1000})

    response = client.get(actions_url(), {"owner": person.pk})

    assert nonexistent.status_code == 400
    assert (response.status_code, response.json()) == (nonexistent.status_code, nonexistent.json())


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"area": "NOPE"}, "area"),
        ({"status": "finished"}, "status"),
        ({"working_group": "no-such-group"}, "working_group"),
        ({"owner": "someone"}, "owner"),
        ({"overdue": "maybe"}, "overdue"),
    ],
)
def test_unknown_filter_value_gets_400_naming_the_parameter(api_client_for, member, roadmap, query, field):
    response = api_client_for(member).get(actions_url(), query)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("code", ["FIN-2", "FIN-3", "SKL-1", "SKL-2"]),
        ("-code", ["SKL-2", "SKL-1", "FIN-3", "FIN-2"]),
        ("target_date", ["FIN-3", "FIN-2", "SKL-1", "SKL-2"]),
        ("-last_update_at", ["SKL-1", "FIN-3", "SKL-2", "FIN-2"]),
        ("last_update_at", ["SKL-2", "FIN-3", "SKL-1", "FIN-2"]),
    ],
)
def test_ordering(api_client_for, member, roadmap, ordering, expected):
    action_without_dates = roadmap["done"]
    action_without_dates.target_date = None
    action_without_dates.save()
    if ordering == "target_date":
        expected = ["FIN-3", "FIN-2", "SKL-2", "SKL-1"]

    assert codes(api_client_for(member).get(actions_url(), {"ordering": ordering})) == expected


def test_pagination(api_client_for, member, area, group):
    for number in range(1, 8):
        ActionFactory(code=f"FIN-{number:02d}", area=area, working_group=group)
    client = api_client_for(member)

    first = client.get(actions_url(), {"page_size": 3, "ordering": "code"})
    last = client.get(actions_url(), {"page_size": 3, "ordering": "code", "page": 3})
    beyond = client.get(actions_url(), {"page_size": 3, "page": 4})

    assert first.json()["count"] == 7
    assert codes(first) == ["FIN-01", "FIN-02", "FIN-03"]
    assert "page=2" in first.json()["next"]
    assert codes(last) == ["FIN-07"]
    assert last.json()["next"] is None
    assert beyond.status_code == 404
    assert beyond.json()["code"] == "not_found"


def test_page_size_is_capped(api_client_for, member, area):
    WorkingGroupFactory()
    for number in range(205):
        ActionFactory(code=f"X-{number:03d}", area=area, working_group=None)

    response = api_client_for(member).get(actions_url(), {"page_size": 1000})

    assert len(response.json()["results"]) == 200
