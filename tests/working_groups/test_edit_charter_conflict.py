"""Two people editing a group's charter at once: the second save, based on the version both started
from, is refused; nothing of the first is lost, and the second keeps what they typed and sees what
is saved now."""

import pytest
from django.urls import reverse

from apps.core.errors import Conflict
from apps.working_groups.models import GroupMembership, WorkingGroup
from apps.working_groups.services import group_update_charter
from tests.concurrency import run_together
from tests.factories import (
    GroupMembershipFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    WorkingGroupFactory,
)
from tests.organizations.test_admin_organizations import _change_form_data
from tests.working_groups.helpers import group_url


def charter_form(version, **texts) -> dict:
    return {
        "version": version,
        "summary_en": "",
        "summary_fr": "",
        "charter_en": "",
        "charter_fr": "",
        **texts,
    }


def test_second_save_from_the_same_version_is_refused_and_keeps_what_was_typed(
    client_for, lead, staff, group
):
    lead_client, staff_client = client_for(lead), client_for(staff)
    lead_version = lead_client.get(group_url("edit", group)).context["form"]["version"].value()
    staff_version = staff_client.get(group_url("edit", group)).context["form"]["version"].value()
    lead_client.post(
        group_url("edit", group),
        charter_form(lead_version, summary_en="Capital for batteries.", charter_en="The lead's charter."),
    )

    response = staff_client.post(
        group_url("edit", group),
        charter_form(staff_version, summary_en="Capital for batteries.", charter_en="Staff's charter."),
    )

    assert response.status_code == 409
    group.refresh_from_db()
    assert (group.charter_en, group.version) == ("The lead's charter.", 2)
    form = response.context["form"]
    assert (form["charter_en"].value(), form["version"].value()) == ("Staff's charter.", 2)
    saved = {value.label: value.value for value in response.context["conflict"].saved_values}
    assert saved == {"Charter in English": "The lead's charter."}
    html = response.content.decode()
    assert "Someone else saved this charter after you opened it; your changes are not saved yet." in html
    assert "by Lea Lead." in html
    assert "The lead&#x27;s charter." in html


def test_saving_again_from_the_kept_form_is_a_deliberate_overwrite(client_for, lead, staff, group):
    client_for(lead).post(group_url("edit", group), charter_form(1, charter_en="The lead's charter."))
    refused = client_for(staff).post(group_url("edit", group), charter_form(1, charter_en="Staff's charter."))

    response = client_for(staff).post(
        group_url("edit", group),
        charter_form(refused.context["form"]["version"].value(), charter_en="Staff's charter."),
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert (group.charter_en, group.version) == ("Staff's charter.", 3)


def test_a_form_without_its_version_is_refused_as_out_of_date(client_for, lead, group):
    data = charter_form(1, charter_en="New.")
    del data["version"]

    response = client_for(lead).post(group_url("edit", group), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This form is out of date. Reload the page and save again."
    ]
    group.refresh_from_db()
    assert group.charter_en == "We meet monthly."


def test_the_service_refuses_an_old_version_and_writes_nothing(lead, group):
    group_update_charter(group=group, updated_by=lead, version=1, charter_en="First.")

    with pytest.raises(Conflict):
        group_update_charter(group=group, updated_by=lead, version=1, charter_en="Second.")

    group.refresh_from_db()
    assert (group.charter_en, group.version) == ("First.", 2)
    assert group.history.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_from_the_same_version_save_one():
    organization = OrganizationFactory(name="Race Cells Inc.")
    group = WorkingGroupFactory(name="Racing")
    first, second = UserFactory(), UserFactory()
    for lead in (first, second):
        MembershipFactory(user=lead, organization=organization)
        GroupMembershipFactory(group=group, user=lead, role=GroupMembership.Role.LEAD)

    outcomes = run_together(
        lambda: group_update_charter(
            group=WorkingGroup.objects.get(pk=group.pk), updated_by=first, version=1, charter_en="First."
        ),
        lambda: group_update_charter(
            group=WorkingGroup.objects.get(pk=group.pk), updated_by=second, version=1, charter_en="Second."
        ),
    )

    assert outcomes == ["done", "refused"]
    group.refresh_from_db()
    assert group.charter_en in ("First.", "Second.")
    assert group.version == 2


def test_a_save_in_the_admin_also_refuses_a_charter_form_opened_before_it(client_for, lead, staff, group):
    admin_client = client_for(staff)
    url = reverse("admin:working_groups_workinggroup_change", args=[group.pk])
    data = _change_form_data(admin_client.get(url))
    data["charter_en"] = "The secretariat's charter."
    assert admin_client.post(url, data).status_code == 302

    response = client_for(lead).post(
        group_url("edit", group), charter_form(1, charter_en="The lead's charter.")
    )

    assert response.status_code == 409
    group.refresh_from_db()
    assert (group.charter_en, group.version) == ("The secretariat's charter.", 2)
