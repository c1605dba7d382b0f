"""In a real browser: a member reads the dashboard, opens a chart's table and filters it; anyone
reads the public page once it is on. Screenshots go to $SCREENSHOT_DIR when it is set."""

import os
from pathlib import Path

import pytest

from apps.dashboard.cache import bump_version
from apps.dashboard.models import PublicProgressPage

pytestmark = pytest.mark.django_db(transaction=True)


def screenshot(page, name):
    folder = os.environ.get("SCREENSHOT_DIR")
    if not folder:
        return
    page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    height = page.evaluate("document.documentElement.scrollHeight")
    for number, top in enumerate(range(0, height, 1200)):
        clip = {"x": 0, "y": top, "width": 1280, "height": min(1200, height - top)}
        page.screenshot(path=str(Path(folder) / f"{name}-{number}.png"), full_page=True, clip=clip)


def test_member_reads_the_dashboard_opens_a_table_and_filters(page, sign_in, member, alliance):
    bump_version()
    sign_in(member)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Dashboard").click()

    page.get_by_role("heading", name="Battery Ecosystem Intelligence Dashboard").wait_for()
    assert page.get_by_role("img", name="Actions by status").is_visible()
    screenshot(page, "dashboard_member")

    figure = page.locator("figure", has=page.get_by_role("img", name="Actions by status"))
    figure.get_by_text("Figures as a table").click()
    assert figure.get_by_role("row", name="At risk 1").is_visible()

    page.get_by_label("Working group", exact=True).select_option(label="Skills")
    page.get_by_role("button", name="Show").click()
    page.wait_for_load_state()
    assert "working_group=skills" in page.url
    assert page.locator(".headline").nth(1).inner_text().startswith("2")


def test_anyone_reads_the_public_page_once_it_is_on(page, alliance):
    bump_version()
    page_switch = PublicProgressPage.load()
    page_switch.is_enabled = True
    page_switch.save()

    page.goto("/en/")
    page.get_by_role("link", name="Roadmap progress").click()

    page.get_by_role("heading", name="Progress on the Canadian Battery Innovation Roadmap").wait_for()
    assert page.locator(".progress-class").first.inner_text().endswith("On track")
    screenshot(page, "public_progress")
