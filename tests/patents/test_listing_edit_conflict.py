"""Two people editing a patent listing at once: the second save, based on the version both started
from, is refused; nothing of the first is lost, and the second keeps what they typed and sees what
is saved now."""

import pytest
from django.urls import reverse

from apps.core.errors import Conflict
from apps.organizations.models import Membership
from apps.patents.models import PatentListing, TechnologyArea
from apps.patents.services.listings import listing_update
from tests.concurrency import run_together
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.organizations.test_admin_organizations import _change_form_data
from tests.patents.conftest import listing_form_data
from tests.patents.factories import PatentListingFactory, TechnologyAreaFactory


def edit_url(listing) -> str:
    return reverse("patents:listing_edit", kwargs={"pk": listing.pk})


def service_fields(listing, **changes) -> dict:
    fields = {
        "technology_areas": list(listing.technology_areas.all()) or [TechnologyArea.objects.first()],
        "title": listing.title,
        "abstract": listing.abstract,
    }
    return {**fields, **changes}


def test_second_save_from_the_same_version_is_refused_and_keeps_what_was_typed(
    client_for, contact, staff, listing
):
    contact_client, staff_client = client_for(contact), client_for(staff)
    contact_version = contact_client.get(edit_url(listing)).context["form"]["version"].value()
    staff_version = staff_client.get(edit_url(listing)).context["form"]["version"].value()
    contact_client.post(
        edit_url(listing), listing_form_data(version=contact_version, terms_note="Contact's note.")
    )

    response = staff_client.post(
        edit_url(listing),
        listing_form_data(version=staff_version, title="Staff's title", terms_note="Staff's note."),
    )

    assert response.status_code == 409
    listing.refresh_from_db()
    assert (listing.title, listing.terms_note) == ("Lithium-metal anode protection layer", "Contact's note.")
    assert listing.version == 2
    form = response.context["form"]
    assert (form["title"].value(), form["terms_note"].value()) == ("Staff's title", "Staff's note.")
    assert form["version"].value() == 2
    saved = {value.label: value.value for value in response.context["conflict"].saved_values}
    assert saved == {"Title": "Lithium-metal anode protection layer", "Note on the terms": "Contact's note."}
    html = response.content.decode()
    assert "Someone else saved this listing after you opened it; your changes are not saved yet." in html
    assert "by Carla Contact." in html


def test_saving_again_from_the_kept_form_is_a_deliberate_overwrite(client_for, contact, staff, listing):
    client_for(contact).post(edit_url(listing), listing_form_data(version=1, terms_note="Contact's note."))
    refused = client_for(staff).post(
        edit_url(listing), listing_form_data(version=1, terms_note="Staff's note.")
    )

    response = client_for(staff).post(
        edit_url(listing),
        listing_form_data(version=refused.context["form"]["version"].value(), terms_note="Staff's note."),
    )

    assert response.status_code == 302
    listing.refresh_from_db()
    assert (listing.terms_note, listing.version) == ("Staff's note.", 3)


def test_a_form_without_its_version_is_refused_as_out_of_date(client_for, contact, listing):
    data = listing_form_data(title="New title")
    del data["version"]

    response = client_for(contact).post(edit_url(listing), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This form is out of date. Reload the page and save again."
    ]
    listing.refresh_from_db()
    assert listing.title == "Dry electrode coating for solid-state cells"


def test_a_new_listing_needs_no_version(client_for, contact):
    data = listing_form_data()
    del data["version"]

    response = client_for(contact).post(reverse("patents:listing_create"), data)

    assert response.status_code == 302
    assert PatentListing.objects.get().version == 1


def test_the_service_refuses_an_old_version_and_writes_nothing(contact, listing):
    listing_update(listing=listing, actor=contact, version=1, **service_fields(listing, title="First"))

    with pytest.raises(Conflict):
        listing_update(listing=listing, actor=contact, version=1, **service_fields(listing, title="Second"))

    listing.refresh_from_db()
    assert (listing.title, listing.version) == ("First", 2)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_from_the_same_version_save_one():
    organization = OrganizationFactory(name="Race Cells Inc.")
    first, second = UserFactory(), UserFactory()
    for person in (first, second):
        MembershipFactory(user=person, organization=organization, role=Membership.Role.CONTACT)
    # A transactional test may run after another one flushed the migrations' technology areas.
    listing = PatentListingFactory(organization=organization, technology_areas=[TechnologyAreaFactory()])

    def save(actor, title):
        fresh = PatentListing.objects.get(pk=listing.pk)
        return listing_update(listing=fresh, actor=actor, version=1, **service_fields(fresh, title=title))

    outcomes = run_together(lambda: save(first, "First"), lambda: save(second, "Second"))

    assert outcomes == ["done", "refused"]
    listing.refresh_from_db()
    assert listing.title in ("First", "Second")
    assert listing.version == 2


def test_a_save_in_the_admin_also_refuses_a_listing_form_opened_before_it(
    client_for, contact, staff, listing
):
    admin_client = client_for(staff)
    url = reverse("admin:patents_patentlisting_change", args=[listing.pk])
    data = _change_form_data(admin_client.get(url))
    data["terms_note"] = "Set by the secretariat."
    assert admin_client.post(url, data).status_code == 302

    response = client_for(contact).post(edit_url(listing), listing_form_data(version=1, terms_note="Mine."))

    assert response.status_code == 409
    listing.refresh_from_db()
    assert (listing.terms_note, listing.version) == ("Set by the secretariat.", 2)
