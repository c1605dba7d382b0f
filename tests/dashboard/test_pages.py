"""Who sees the dashboard and the public progress page, and what each shows."""

import csv
import io

import pytest
from django.urls import reverse

from apps.dashboard.models import PublicProgressPage

DASHBOARD = "/en/dashboard/"
PROGRESS = "/en/progress/"


def public_page_on():
    page = PublicProgressPage.load()
    page.is_enabled = True
    page.save()


def test_urls():
    assert reverse("dashboard:dashboard") == DASHBOARD
    assert reverse("progress:progress") == PROGRESS


@pytest.mark.parametrize("role", ["member", "contact", "lead", "staff"])
def test_members_and_staff_see_the_whole_dashboard(role, request, client_for, alliance):
    response = client_for(request.getfixturevalue(role)).get(DASHBOARD)

    assert response.status_code == 200
    html = response.content.decode()
    for heading in [
        "Roadmap progress",
        "Indicators against the roadmap",
        "The ecosystem",
        "The patent pool",
        "Working-group activity",
    ]:
        assert heading in html
    assert "Mo Member" in html  # the owner of the overdue action


def test_anonymous_is_sent_to_sign_in(client, alliance):
    response = client.get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/sign-in/")


def test_suspended_member_is_kept_out(client_for, suspended_member, alliance):
    response = client_for(suspended_member).get(DASHBOARD)

    assert response.status_code == 302
    assert response["Location"] == reverse("organizations:membership_status")


@pytest.mark.parametrize("role", [None, "member", "suspended_member", "staff"])
def test_public_page_is_not_found_while_switched_off(role, request, client_for, alliance):
    user = request.getfixturevalue(role) if role else None

    assert client_for(user).get(PROGRESS).status_code == 404
    assert client_for(user).get(f"{PROGRESS}statuses.csv").status_code == 404


def test_anonymous_reads_the_public_page_when_switched_on(client, alliance):
    public_page_on()

    response = client.get(PROGRESS)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Progress on the Canadian Battery Innovation Roadmap" in html
    assert "Investment in battery innovation" in html
    assert "On track" in html


def test_public_page_leaks_nothing_private(client, alliance, member, organization, contact):
    public_page_on()

    html = client.get(PROGRESS).content.decode() + client.get(f"{PROGRESS}?area=FIN").content.decode()

    for private in [
        member.full_name,
        member.email,
        contact.full_name,
        contact.email,
        organization.name,
        "Prairie Lithium",
        alliance.listing_title,
        alliance.hidden_listing_title,
        "Una Author",
        "Financing",
        "licence",
        "Licence",
        "The patent pool",
        "The ecosystem",
    ]:
        assert private not in html, private


def test_public_csv_offers_only_public_tables(client, alliance):
    public_page_on()

    assert client.get(f"{PROGRESS}statuses.csv").status_code == 200
    assert client.get(f"{PROGRESS}indicator-{alliance.investment.pk}.csv").status_code == 200
    for private in ["kinds", "listing-statuses", "request-statuses", "activity", "growth"]:
        assert client.get(f"{PROGRESS}{private}.csv").status_code == 404


def test_header_links_the_public_page_for_anonymous_visitors_only_when_on(
    client, client_for, member, alliance
):
    assert PROGRESS not in client.get("/en/accounts/sign-in/").content.decode()

    public_page_on()

    assert PROGRESS in client.get("/en/accounts/sign-in/").content.decode()
    assert DASHBOARD in client_for(member).get("/en/").content.decode()


def read_csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_of_a_chart_holds_its_figures(client_for, member, alliance):
    response = client_for(member).get(f"{DASHBOARD}statuses.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert read_csv(response) == [
        ["Status", "Count"],
        ["Not started", "1"],
        ["On track", "1"],
        ["At risk", "1"],
        ["Blocked", "0"],
        ["Done", "1"],
    ]


def test_csv_follows_the_filter(client_for, member, alliance):
    rows = read_csv(client_for(member).get(f"{DASHBOARD}areas.csv?working_group=skills"))

    assert rows == [
        ["code", "Area", "Actions", "Percent done (average)"],
        ["FIN", "Financial Ecosystem", "0", "0"],
        ["SKL", "Skills & Talent", "2", "15.0"],
    ]


def test_csv_of_an_indicator(client_for, member, alliance):
    rows = read_csv(client_for(member).get(f"{DASHBOARD}indicator-{alliance.investment.pk}.csv"))

    assert rows == [
        ["figure", "date_or_year", "value", "source"],
        ["baseline", "2024", "1000000000.00", ""],
        ["measured", "2025-06-30", "1200000000.00", "Alliance survey 2025"],
        ["measured", "2026-03-31", "1500000000.00", "Alliance survey 2026"],
        ["target", "2035", "3000000000.00", ""],
    ]


@pytest.mark.parametrize("user", ["member", None])
def test_csv_of_members_tables_needs_a_member(user, request, client_for, alliance):
    client = client_for(request.getfixturevalue(user) if user else None)

    response = client.get(f"{DASHBOARD}kinds.csv")

    if user:
        assert read_csv(response)[1:3] == [["Government", "0"], ["Industry", "2"]]
    else:
        assert response.status_code == 302


def formula_sources(indicator):
    """Sources a member's spreadsheet would run as formulas, were they written as they are."""
    sources = ['=HYPERLINK("https://evil.example","Open")', "@SUM(1+1)"]
    for value, source in zip(indicator.values.order_by("measured_on"), sources, strict=True):
        value.source = source
        value.save()
    return sources


def test_dashboard_csv_writes_formulas_as_text(client_for, member, alliance):
    formula_sources(alliance.investment)

    rows = read_csv(client_for(member).get(f"{DASHBOARD}indicator-{alliance.investment.pk}.csv"))

    assert [row[3] for row in rows if row[0] == "measured"] == [
        "'=HYPERLINK(\"https://evil.example\",\"Open\")",
        "'@SUM(1+1)",
    ]


def test_public_csv_writes_formulas_as_text(client, alliance):
    public_page_on()
    formula_sources(alliance.investment)

    rows = read_csv(client.get(f"{PROGRESS}indicator-{alliance.investment.pk}.csv"))

    assert [row[3] for row in rows if row[0] == "measured"] == [
        "'=HYPERLINK(\"https://evil.example\",\"Open\")",
        "'@SUM(1+1)",
    ]


def test_unknown_csv_is_not_found(client_for, member, alliance):
    assert client_for(member).get(f"{DASHBOARD}nothing.csv").status_code == 404


def test_bad_filter_is_a_clear_error_not_a_crash(client_for, member, alliance):
    response = client_for(member).get(f"{DASHBOARD}?area=NOPE")

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_area_and_group_together_are_refused(client_for, member, alliance):
    response = client_for(member).get(f"{DASHBOARD}?area=FIN&working_group=skills")

    assert response.status_code == 400
    assert "Choose one area or one working group, not both." in response.content.decode()


def test_every_chart_has_a_table_and_a_csv_link(client_for, member, alliance):
    html = client_for(member).get(DASHBOARD).content.decode()

    charts = html.count('<svg class="chart"')
    assert charts == 2 + 2 + 4 + 3 + 1  # roadmap, indicators, ecosystem, patent pool, activity
    assert html.count('<details class="chart-table">') == charts
    assert html.count(".csv") >= charts


def test_progress_class_is_in_words(client_for, member, alliance):
    html = client_for(member).get(DASHBOARD).content.decode()

    assert "On track" in html
    assert "Not enough data yet" in html
