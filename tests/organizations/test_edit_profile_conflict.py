"""Two people editing an organization's profile at once: the second save, based on the version both
started from, is refused; nothing of the first is lost, and the second keeps what they typed and
sees what is saved now."""

import pytest
from django.urls import reverse

from apps.core.errors import Conflict
from apps.organizations.models import Membership, Organization
from apps.organizations.services.people import organization_update_profile
from tests.concurrency import run_together
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.organizations.test_admin_organizations import _change_form_data
from tests.organizations.test_edit_profile import edit_url, valid_profile


def opened_version(client, organization) -> int:
    return client.get(edit_url(organization)).context["form"]["version"].value()


def test_second_save_from_the_same_version_is_refused_and_keeps_what_was_typed(
    client_for, contact, staff, organization
):
    contact_client, staff_client = client_for(contact), client_for(staff)
    contact_version = opened_version(contact_client, organization)
    staff_version = opened_version(staff_client, organization)
    contact_client.post(
        edit_url(organization), valid_profile(version=contact_version, description_en="Cells, packs.")
    )

    response = staff_client.post(
        edit_url(organization),
        valid_profile(version=staff_version, name="Staff's Name", description_en="Staff's words."),
    )

    assert response.status_code == 409
    organization.refresh_from_db()
    assert (organization.name, organization.description_en) == ("Northern Cells Canada", "Cells, packs.")
    assert organization.version == 2
    form = response.context["form"]
    assert (form["name"].value(), form["description_en"].value()) == ("Staff's Name", "Staff's words.")
    assert form["version"].value() == 2
    saved = {value.label: value.value for value in response.context["conflict"].saved_values}
    assert saved == {"Name": "Northern Cells Canada", "Description in English": "Cells, packs."}
    html = response.content.decode()
    assert "Someone else saved this profile after you opened it; your changes are not saved yet." in html
    assert "by Carla Contact." in html


def test_saving_again_from_the_kept_form_is_a_deliberate_overwrite(client_for, contact, staff, organization):
    client_for(contact).post(edit_url(organization), valid_profile(version=1, description_en="Cells, packs."))
    refused = client_for(staff).post(edit_url(organization), valid_profile(version=1, description_en="Mine."))

    response = client_for(staff).post(
        edit_url(organization),
        valid_profile(version=refused.context["form"]["version"].value(), description_en="Mine."),
    )

    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.description_en, organization.version) == ("Mine.", 3)


def test_the_conflict_is_explained_in_french(client_for, contact, staff, organization):
    client_for(contact).post(edit_url(organization), valid_profile(version=1))

    response = client_for(staff).post(
        edit_url(organization).replace("/en/", "/fr/", 1), valid_profile(version=1, description_en="Mine.")
    )

    assert response.status_code == 409
    html = response.content.decode()
    assert "Une autre personne a enregistré ce profil après que vous l’avez ouvert" in html
    assert "Enregistré maintenant" in html


def test_a_form_without_its_version_is_refused_as_out_of_date(client_for, contact, organization):
    data = valid_profile()
    del data["version"]

    response = client_for(contact).post(edit_url(organization), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This form is out of date. Reload the page and save again."
    ]
    organization.refresh_from_db()
    assert organization.name == "Northern Cells Inc."


def test_the_service_refuses_an_old_version_and_writes_nothing(contact, organization):
    organization_update_profile(organization=organization, actor=contact, version=1, city="Bécancour")

    with pytest.raises(Conflict):
        organization_update_profile(organization=organization, actor=contact, version=1, city="Montréal")

    organization.refresh_from_db()
    assert (organization.city, organization.version) == ("Bécancour", 2)
    assert organization.history.count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_from_the_same_version_save_one():
    organization = OrganizationFactory(name="Race Cells Inc.")
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        MembershipFactory(user=person, organization=organization, role=Membership.Role.CONTACT)

    outcomes = run_together(
        lambda: organization_update_profile(
            organization=Organization.objects.get(pk=organization.pk), actor=first, version=1, city="First"
        ),
        lambda: organization_update_profile(
            organization=Organization.objects.get(pk=organization.pk), actor=second, version=1, city="Second"
        ),
    )

    assert outcomes == ["done", "refused"]
    organization.refresh_from_db()
    assert organization.city in ("First", "Second")
    assert organization.version == 2


def test_a_save_in_the_admin_also_refuses_a_profile_form_opened_before_it(
    client_for, contact, staff, organization
):
    admin_client = client_for(staff)
    url = reverse("admin:organizations_organization_change", args=[organization.pk])
    data = _change_form_data(admin_client.get(url))
    data["city"] = "Moncton"
    assert admin_client.post(url, data).status_code == 302

    response = client_for(contact).post(edit_url(organization), valid_profile(version=1, city="Bécancour"))

    assert response.status_code == 409
    organization.refresh_from_db()
    assert (organization.city, organization.version) == ("Moncton", 2)
