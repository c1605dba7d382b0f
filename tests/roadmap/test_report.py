"""A working group's report: its actions' updates in a period, printable and as CSV."""

import csv
import io
from datetime import datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.roadmap.models import Status
from apps.roadmap.services import status_update_hide
from tests.factories import WorkingGroupFactory
from tests.roadmap.factories import ActionFactory, StatusUpdateFactory
from tests.roadmap.pages_helpers import login_redirect, user_for

pytestmark = pytest.mark.django_db

# Session, person, membership; the group (with the viewer's place in it); the updates.
REPORT_QUERIES = 5


def report_url(group) -> str:
    return reverse("roadmap:group_report", kwargs={"slug": group.slug})


def report_csv_url(group) -> str:
    return reverse("roadmap:group_report_csv", kwargs={"slug": group.slug})


def at(day, hour=12):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def csv_rows(response) -> list[dict]:
    text = response.content.decode().lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def updates(action, area, group, other_group, owner, lead, staff, today):
    """Updates of the Financing group's actions over the last months, and one of Skills."""
    second_action = ActionFactory(code="FIN-2", area=area, working_group=group, title="Venture fund")
    skills_action = ActionFactory(code="SKL-1", area=area, working_group=other_group)
    made = {
        "old": StatusUpdateFactory(
            action=action, author=owner, summary="Two months ago.", created_at=at(today - timedelta(days=60))
        ),
        "recent": StatusUpdateFactory(
            action=action,
            author=lead,
            status=Status.AT_RISK,
            summary="Ten days ago.",
            blockers="The fund's terms.",
            asks="Legal advice.",
            next_steps="Meet counsel.",
            evidence_links=["https://example.ca/terms"],
            created_at=at(today - timedelta(days=10)),
        ),
        "today": StatusUpdateFactory(
            action=second_action, author=lead, summary="Posted today.", created_at=at(today, 1)
        ),
        "hidden": StatusUpdateFactory(
            action=second_action,
            author=lead,
            summary="Secret typo.",
            created_at=at(today - timedelta(days=5)),
        ),
        "other_group": StatusUpdateFactory(
            action=skills_action, summary="Skills news.", created_at=at(today - timedelta(days=3))
        ),
    }
    status_update_hide(update=made["hidden"], actor=staff, reason="Wrong action")
    return made


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 200),
        ("lead", 200),
        ("other_lead", 200),
        ("owner", 200),
        ("staff", 200),
    ],
)
@pytest.mark.parametrize("url_for", [report_url, report_csv_url])
def test_who_sees_the_report(request, client_for, group, role, expected_status, url_for):
    url = url_for(group)

    response = client_for(user_for(request, role)).get(url)

    assert response.status_code == expected_status
    if role == "anonymous":
        assert response["Location"] == login_redirect(url)
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")


def test_closed_group_report_is_404_for_members_and_shown_to_staff(client_for, member, staff):
    closed = WorkingGroupFactory(name="Closed", is_active=False)

    assert client_for(member).get(report_url(closed)).status_code == 404
    assert client_for(staff).get(report_url(closed)).status_code == 200


def test_unknown_group_is_404(client_for, member):
    url = reverse("roadmap:group_report", kwargs={"slug": "nope"})

    assert client_for(member).get(url).status_code == 404


def test_report_defaults_to_the_last_30_days_with_full_text(client_for, member, group, updates, today):
    response = client_for(member).get(report_url(group))

    assert response.status_code == 200
    assert (response.context["start"], response.context["end"]) == (today - timedelta(days=30), today)
    assert [update.summary for update in response.context["updates"]] == [
        "Ten days ago.",
        "Secret typo.",
        "Posted today.",
    ]
    content = response.content.decode()
    assert content.count("<h1>") == 1
    for text in (
        "Ten days ago.",
        "The fund&#x27;s terms.",
        "Legal advice.",
        "Meet counsel.",
        "https://example.ca/terms",
    ):
        assert text in content
    assert "Hidden by the secretariat: Wrong action" in content
    assert "Secret typo." not in content
    assert "Two months ago." not in content
    assert "Skills news." not in content
    assert content.index("FIN-1") < content.index("Venture fund")
    assert "3 updates, 2 actions" in content
    assert "css/roadmap.css" in content


def test_report_for_a_chosen_period_includes_both_ends(client_for, member, group, updates, today):
    start = (today - timedelta(days=60)).isoformat()
    end = (today - timedelta(days=10)).isoformat()

    response = client_for(member).get(report_url(group), {"start": start, "end": end})

    assert [update.summary for update in response.context["updates"]] == ["Two months ago.", "Ten days ago."]
    assert f'href="{report_csv_url(group)}?start={start}&amp;end={end}"' in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2026-13-01"}, "Enter a valid date."),
        ({"start": "2026-03-10", "end": "2026-03-01"}, "The start of the period comes before its end."),
        ({"start": "2024-01-01", "end": "2026-01-01"}, "Choose a period of at most 366 days."),
    ],
)
def test_bad_period_answers_400_with_a_message(client_for, member, group, updates, query, message):
    response = client_for(member).get(report_url(group), query)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["updates"] == []


def test_bad_period_on_the_csv_answers_400(client_for, member, group):
    response = client_for(member).get(report_csv_url(group), {"start": "yesterday"})

    assert response.status_code == 400
    assert "Enter a valid date." in response.content.decode()


def test_csv_holds_every_update_of_the_period_with_its_text(client_for, member, group, updates, today, lead):
    response = client_for(member).get(report_csv_url(group))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    start = (today - timedelta(days=30)).isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="report-financing-{start}-{today.isoformat()}.csv"'
    )
    rows = csv_rows(response)
    assert [row["Summary"] for row in rows] == ["Ten days ago.", "", "Posted today."]
    recent = rows[0]
    assert recent["Action"] == "FIN-1"
    assert recent["Author"] == lead.full_name
    assert (recent["Status"], recent["Percent done"]) == ("At risk", "30")
    assert (recent["Previous status"], recent["Previous percent done"]) == ("On track", "40")
    assert (recent["Blockers"], recent["Asks of the alliance"], recent["Next steps"]) == (
        "The fund's terms.",
        "Legal advice.",
        "Meet counsel.",
    )
    assert recent["Links to evidence"] == "https://example.ca/terms"
    assert recent["Hidden by the secretariat"] == ""
    hidden = rows[1]
    assert (hidden["Summary"], hidden["Blockers"], hidden["Hidden by the secretariat"]) == (
        "",
        "",
        "Wrong action",
    )


@pytest.mark.parametrize("count", [5, 60])
def test_report_runs_a_fixed_number_of_queries(
    client_for, member, group, area, today, count, django_assert_max_num_queries
):
    for number in range(count):
        StatusUpdateFactory(
            action=ActionFactory(area=area, working_group=group),
            created_at=at(today - timedelta(days=number % 20)),
        )
    client = client_for(member)

    with django_assert_max_num_queries(REPORT_QUERIES):
        response = client.get(report_url(group))

    assert len(response.context["updates"]) == count


def test_csv_writes_formulas_as_text(client_for, member, group, updates):
    updates["recent"].summary = "=1+2"
    updates["recent"].blockers = "@SUM(1)"
    updates["recent"].next_steps = "\t=cmd"
    updates["recent"].save()

    rows = csv_rows(client_for(member).get(report_csv_url(group)))

    (row,) = [row for row in rows if row["Summary"] == "'=1+2"]
    assert (row["Blockers"], row["Next steps"]) == ("'@SUM(1)", "'\t=cmd")
