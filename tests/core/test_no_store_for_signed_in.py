"""What a signed-in person sees is never stored by the browser or a proxy (Cache-Control:
no-store), so the next person at a shared computer cannot bring it back; static files keep
their caching."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("role", "url"),
    [
        ("member", "/en/"),
        ("member", "/en/roadmap/"),
        ("member", "/api/v1/areas/"),
        ("contact", "/en/patents/"),
        ("staff", "/en/admin/"),
        ("suspended_member", "/en/organizations/membership-status/"),
    ],
)
def test_pages_of_a_signed_in_person_are_not_stored(request, client_for, role, url):
    response = client_for(request.getfixturevalue(role)).get(url)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_redirect_after_signing_in_is_not_stored(client, member, password):
    response = client.post(reverse("accounts:login"), {"username": member.email, "password": password})

    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]


def test_static_files_keep_their_caching_for_a_signed_in_person(client_for, member):
    response = client_for(member).get("/static/css/portal.css")

    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_pages_for_anonymous_visitors_may_be_cached(client_for, db):
    response = client_for(None).get(reverse("home"))

    assert "no-store" not in response.get("Cache-Control", "")
