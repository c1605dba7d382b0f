"""Editing an organization's profile: its contacts and staff only, a unique name, history kept."""

import pytest
from django.urls import reverse

from apps.core.errors import DomainError
from apps.organizations.models import Membership, Organization, ValueChainSegment
from apps.organizations.services.people import organization_update_profile
from tests.factories import OrganizationFactory
from tests.organizations.people_helpers import ROLES, assert_kept_out, person_for


def edit_url(organization) -> str:
    return reverse("organizations:edit", kwargs={"slug": organization.slug})


def valid_profile(**changes) -> dict:
    data = {
        "version": 1,
        "name": "Northern Cells Canada",
        "kind": "research",
        "province": "QC",
        "city": "Bécancour",
        "segments": [ValueChainSegment.objects.get(code="midstream").pk],
        "website": "https://cells.example",
        "description_en": "Cells and packs.",
        "description_fr": "Cellules et blocs-batteries.",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 403),
        ("lead", 403),
        ("outsider", 403),
        ("contact", 200),
        ("staff", 200),
    ],
)
def test_edit_page_access(role, expected, request, client_for, organization):
    user = person_for(request, role)

    response = client_for(user).get(edit_url(organization))

    assert response.status_code == expected
    if expected == 302:
        assert_kept_out(response, role, edit_url(organization))
    if expected == 200:
        assert response.context["form"]["name"].value() == "Northern Cells Inc."


@pytest.mark.parametrize("role", ROLES)
def test_only_contacts_and_staff_save_the_profile(role, request, client_for, organization):
    user = person_for(request, role)

    response = client_for(user).post(edit_url(organization), valid_profile())

    organization.refresh_from_db()
    if role in ("contact", "staff"):
        assert response.status_code == 302
        assert response["Location"] == organization.get_absolute_url()
        assert organization.name == "Northern Cells Canada"
        assert organization.kind == "research"
        assert organization.is_canadian_owned is True
        assert list(organization.segments.values_list("code", flat=True)) == ["midstream"]
    else:
        assert response.status_code in (302, 403)
        assert organization.name == "Northern Cells Inc."
        assert organization.history.count() == 1


def test_saving_records_history_with_the_editor(client_for, contact, organization):
    client_for(contact).post(edit_url(organization), valid_profile(description_en="New words."))

    latest = organization.history.latest()
    assert latest.description == "New words."
    assert latest.history_user == contact
    # The factory's creation, then the edit (one record for the fields, one for the segments).
    editors = list(organization.history.order_by("history_date").values_list("history_user", flat=True))
    assert editors[0] is None
    assert set(editors[1:]) == {contact.pk}


def test_success_message_after_saving(client_for, contact, organization):
    response = client_for(contact).post(edit_url(organization), valid_profile(), follow=True)

    assert "The profile of Northern Cells Canada is saved." in response.content.decode()


def test_nobody_edits_another_organization(client_for, contact, other_organization):
    response = client_for(contact).post(edit_url(other_organization), valid_profile(name="Taken Over"))

    assert response.status_code == 403
    other_organization.refresh_from_db()
    assert other_organization.name == "Prairie Lithium Ltd."


def test_contact_of_a_suspended_organization_cannot_reach_its_form(client_for, contact):
    dormant = OrganizationFactory(name="Dormant Cells", membership_status=Organization.Status.SUSPENDED)
    Membership.objects.create(user=contact, organization=dormant, role=Membership.Role.CONTACT)

    response = client_for(contact).post(edit_url(dormant), valid_profile(name="Awake Cells"))

    assert response.status_code == 404
    dormant.refresh_from_db()
    assert dormant.name == "Dormant Cells"


@pytest.mark.parametrize(
    "taken", ["PRAIRIE LITHIUM LTD.", "prairie lithium ltd.", "  Prairie   Lithium Ltd. "]
)
def test_name_of_another_organization_is_refused_whatever_its_case(
    taken, client_for, contact, organization, other_organization
):
    response = client_for(contact).post(edit_url(organization), valid_profile(name=taken))

    assert response.status_code == 400
    assert "Another organization is already called Prairie Lithium Ltd." in response.content.decode()
    organization.refresh_from_db()
    assert organization.name == "Northern Cells Inc."


def test_changing_only_the_case_of_its_own_name_is_fine(client_for, contact, organization):
    response = client_for(contact).post(edit_url(organization), valid_profile(name="NORTHERN CELLS INC."))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name == "NORTHERN CELLS INC."


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"name": "x" * 201}, "name", "at most 200 characters"),
        ({"kind": ""}, "kind", "This field is required."),
        ({"kind": "pirates"}, "kind", "Select a valid choice."),
        ({"province": "XX"}, "province", "Select a valid choice."),
        ({"city": "c" * 121}, "city", "at most 120 characters"),
        ({"website": "not a website"}, "website", "Enter a valid URL."),
        ({"description_fr": "d" * 5001}, "description_fr", "at most 5000 characters"),
        ({"segments": ["999999"]}, "segments", "Select a valid choice."),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(
    changes, field, message, client_for, contact, organization
):
    response = client_for(contact).post(edit_url(organization), valid_profile(**changes))

    assert response.status_code == 400
    assert any(message in error for error in response.context["form"].errors[field])
    organization.refresh_from_db()
    assert organization.name == "Northern Cells Inc."
    assert organization.history.count() == 1


def test_service_refuses_someone_who_may_not_manage(member, organization):
    with pytest.raises(DomainError):
        organization_update_profile(organization=organization, actor=member, version=1, name="Mine Now")

    organization.refresh_from_db()
    assert organization.name == "Northern Cells Inc."


def test_service_refuses_unknown_fields(contact, organization):
    with pytest.raises(TypeError):
        organization_update_profile(
            organization=organization, actor=contact, version=1, membership_status="lapsed"
        )


def test_service_checks_choices_for_callers_without_a_form(staff, organization):
    with pytest.raises(DomainError) as error:
        organization_update_profile(organization=organization, actor=staff, version=1, province="ZZ")

    assert error.value.field == "province"
    organization.refresh_from_db()
    assert organization.province == "ON"


# Canadian ownership: confirmed by the secretariat at approval, changed only by staff afterwards.


@pytest.mark.parametrize("crafted", ["", "off", "false"])
def test_contact_cannot_untick_canadian_ownership_with_a_crafted_post(
    crafted, client_for, contact, organization
):
    response = client_for(contact).post(edit_url(organization), valid_profile(is_canadian_owned=crafted))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.is_canadian_owned is True


def test_contact_cannot_tick_canadian_ownership_with_a_crafted_post(client_for, contact, organization):
    Organization.objects.filter(pk=organization.pk).update(is_canadian_owned=False)

    response = client_for(contact).post(edit_url(organization), valid_profile(is_canadian_owned="on"))

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.is_canadian_owned is False
    assert organization.name == "Northern Cells Canada"


def test_service_does_not_take_canadian_ownership_from_the_portal(contact, organization):
    with pytest.raises(TypeError):
        organization_update_profile(organization=organization, actor=contact, is_canadian_owned=False)

    organization.refresh_from_db()
    assert organization.is_canadian_owned is True


@pytest.mark.parametrize(
    ("language", "label", "yes", "how_to_change"),
    [
        ("en", "Canadian-owned", "Yes", "To change this, write to the secretariat at"),
        ("fr", "De propriété canadienne", "Oui", "Pour le modifier, écrivez au secrétariat à"),
    ],
)
def test_contact_sees_canadian_ownership_read_only_with_how_to_change_it(
    language, label, yes, how_to_change, client_for, contact, organization, settings
):
    url = reverse("organizations:edit", kwargs={"slug": organization.slug}).replace("/en/", f"/{language}/")

    response = client_for(contact).get(url)

    html = response.content.decode()
    assert "is_canadian_owned" not in response.context["form"].fields
    assert f"<dt>{label}</dt>" in html
    assert f"<dd>{yes}</dd>" in html
    assert how_to_change in html
    assert f'href="mailto:{settings.SECRETARIAT_EMAIL}"' in html
    assert 'name="is_canadian_owned"' not in html


def test_staff_are_sent_to_the_admin_to_change_canadian_ownership(client_for, staff, organization):
    html = client_for(staff).get(edit_url(organization)).content.decode()

    assert reverse("admin:organizations_organization_change", args=[organization.pk]) in html
    assert 'name="is_canadian_owned"' not in html
