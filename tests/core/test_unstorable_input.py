"""Pages and admin forms refuse text PostgreSQL cannot store (a NUL character) before any view
runs (apps.core.input_screening): a 400 page naming the field, in the page's language, and nothing
written. The API's side is in tests/api/test_unstorable_input.py."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.organizations.models import MembershipApplication, Organization
from tests.organizations.application_helpers import APPLY_URL, application_form_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

MESSAGE = "This field contains characters the portal cannot store (such as a NUL character)."


def test_nul_in_a_form_field_of_a_portal_page_is_refused_with_the_field_named(client_for, staff):
    response = client_for(None).post(APPLY_URL, application_form_data(organization_name="Lakehead\x00"))

    assert response.status_code == 400
    page = response.content.decode()
    assert MESSAGE in page
    assert "<code>organization_name</code>" in page
    assert "Nothing was saved." in page
    assert not MembershipApplication.objects.exists()
    assert mail.outbox == []


def test_nul_in_a_field_of_an_admin_form_is_refused_with_the_field_named(client_for, staff):
    data = {"name": "Lakehead\x00", "kind": "industry", "province": "ON", "membership_status": "active"}

    response = client_for(staff).post(reverse("admin:organizations_organization_add"), data)

    assert response.status_code == 400
    assert "<code>name</code>" in response.content.decode()
    assert not Organization.objects.filter(name__startswith="Lakehead").exists()


def test_nul_in_the_admin_autocomplete_search_is_refused(client_for, staff):
    query = {
        "term": "\x00",
        "app_label": "organizations",
        "model_name": "membership",
        "field_name": "organization",
    }

    response = client_for(staff).get(reverse("admin:autocomplete"), query)

    assert response.status_code == 400
    assert "<code>term</code>" in response.content.decode()


def test_the_page_is_in_the_language_of_its_address(client_for):
    response = client_for(None).post(
        APPLY_URL.replace("/en/", "/fr/", 1), application_form_data(organization_name="\x00")
    )

    assert response.status_code == 400
    assert 'lang="fr' in response.content.decode()
