"""In a real browser: a member signs in, finds an organization in the directory, asks to join a
working group; the group's lead signs in and approves; the member is then listed in the group."""

import pytest

from apps.working_groups.models import GroupMembership
from tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_finds_an_organization_and_joins_a_group(page, sign_in, member, lead, group):
    OrganizationFactory(name="Boreal Graphite Corp.", province="QC")

    sign_in(member)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Members").click()
    page.get_by_label("Name").fill("boreal")
    page.get_by_role("button", name="Show organizations").click()
    page.get_by_role("link", name="Boreal Graphite Corp.").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Boreal Graphite Corp."

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Working groups").click()
    page.get_by_role("link", name=group.name).first.click()
    page.get_by_role("button", name="Ask to join").click()
    assert page.get_by_text("Your request is waiting for a lead").first.is_visible()

    page.context.clear_cookies()
    sign_in(lead)
    page.goto(group.get_absolute_url())
    page.get_by_role("button", name="Approve").click()
    page.wait_for_load_state()

    assert GroupMembership.objects.filter(group=group, user=member).exists()
    assert page.get_by_role("cell", name=member.full_name).is_visible()
