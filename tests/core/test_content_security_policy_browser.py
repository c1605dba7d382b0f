"""In a real browser: the main pages, the admin and the API's pages run under the
Content-Security-Policy without the browser refusing anything (an inline style or script, an
image from elsewhere); htmx still posts an update without a reload."""

import pytest
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from apps.organizations.models import Organization
from tests.dashboard.conftest import _fresh_figures, alliance  # noqa: F401  (fixtures used below)
from tests.patents.factories import PatentListingFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def csp_violations(page):
    """Everything the browser refused under the policy, as Chromium reports it in the console."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return refused


def visit(page, path):
    page.goto(path)
    page.wait_for_load_state("networkidle")


def test_member_pages_run_under_the_policy(page, sign_in, csp_violations, lead, alliance):  # noqa: F811
    listing = PatentListingFactory(organization=Organization.objects.get(name="Northern Cells Inc."))
    sign_in(lead)

    for path in [
        reverse("home"),
        reverse("roadmap:overview"),
        reverse("patents:pool"),
        listing.get_absolute_url(),
        reverse("dashboard:dashboard"),
    ]:
        visit(page, path)
    assert page.get_by_role("img", name="Actions by status").is_visible()

    visit(page, alliance.actions["FIN-2"].get_absolute_url())
    form = page.locator("#post-update")
    form.get_by_label("Status").select_option(label="On track")
    form.get_by_label("Percent done").fill("50")
    form.get_by_label("Summary").fill("Programs mapped.")
    page.get_by_role("button", name="Post the update").click()
    page.get_by_text("Your update of FIN-2 is posted.").wait_for()

    assert csp_violations == []


def test_admin_pages_run_under_the_policy(page, sign_in, csp_violations, staff, organization):
    every_day = CrontabSchedule.objects.create(minute="0", hour="7")
    periodic_task = PeriodicTask.objects.create(name="Digests", task="digests", crontab=every_day)
    sign_in(staff)

    visit(page, reverse("admin:index"))
    page.get_by_role("heading", name="Waiting for the secretariat").wait_for()
    visit(page, reverse("admin:organizations_organization_changelist"))
    visit(page, reverse("admin:organizations_organization_change", args=[organization.pk]))
    page.get_by_role("button", name="Save", exact=True).wait_for()
    # Third-party admin pages whose inline styles and scripts the portal's templates moved out.
    visit(page, reverse("admin:organizations_organization_history", args=[organization.pk]))
    visit(page, reverse("admin:roadmap_action_export"))
    visit(page, reverse("admin:django_celery_beat_periodictask_change", args=[periodic_task.pk]))

    assert csp_violations == []


def test_api_pages_run_under_the_policy(page, sign_in, csp_violations, member):
    sign_in(member)

    visit(page, reverse("api:docs"))
    page.get_by_text("National Battery Alliance portal API").first.wait_for()
    visit(page, "/api/v1/")
    page.get_by_role("heading", level=1).wait_for()

    assert csp_violations == []
