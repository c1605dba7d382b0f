"""In a real browser: a lead posts a status update without a page reload (HTMX), meets a
conflict with what they typed kept and the newer update shown, and posts again."""

import pytest

from apps.roadmap.models import Status, StatusUpdate
from tests.roadmap.factories import StatusUpdateFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fill_update(page, *, status: str, percent: int, summary: str):
    form = page.locator("#post-update")
    form.get_by_label("Status").select_option(label=status)
    form.get_by_label("Percent done").fill(str(percent))
    form.get_by_label("Summary").fill(summary)


def test_lead_posts_an_update_without_a_reload_and_recovers_from_a_conflict(
    page, sign_in, lead, owner, action
):
    sign_in(lead)
    page.goto(action.get_absolute_url())
    page.evaluate("window.loadedOnce = true")

    fill_update(page, status="On track", percent=40, summary="Programs mapped.")
    page.get_by_role("button", name="Post the update").click()

    page.get_by_text("Your update of FIN-1 is posted.").wait_for()
    assert page.evaluate("window.loadedOnce") is True
    assert page.locator("#updates").get_by_text("Programs mapped.").is_visible()
    assert page.locator("#action-progress").inner_text() == "40% done"

    # Someone else posts while the lead types the next update.
    action.refresh_from_db()
    StatusUpdateFactory(action=action, author=owner, status=Status.AT_RISK, summary="Owner was quicker.")
    fill_update(page, status="Blocked", percent=50, summary="Waiting for the banks.")
    page.get_by_role("button", name="Post the update").click()

    page.get_by_text("Someone updated this action first.").wait_for()
    assert page.evaluate("window.loadedOnce") is True
    assert page.locator(".newer-updates").get_by_text("Owner was quicker.").is_visible()
    assert page.locator("#post-update").get_by_label("Summary").input_value() == "Waiting for the banks."
    assert StatusUpdate.objects.count() == 2

    page.get_by_role("button", name="Post the update").click()

    page.get_by_text("Your update of FIN-1 is posted.").wait_for()
    assert StatusUpdate.objects.count() == 3
    assert StatusUpdate.objects.first().summary == "Waiting for the banks."
