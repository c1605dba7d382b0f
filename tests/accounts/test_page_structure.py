"""Every page of this area has one h1, a label for each field and a title of its own."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.accounts.conftest import SIGN_IN_URL, accept_url

pytestmark = pytest.mark.django_db


class PageOutline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.headings_1 = 0
        self.field_ids = []
        self.label_targets = set()
        self.in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "h1":
            self.headings_1 += 1
        if tag == "title":
            self.in_title = True
        if tag in ("input", "select", "textarea") and attributes.get("type") not in ("hidden", "submit"):
            self.field_ids.append(attributes.get("id"))
        if tag == "label":
            self.label_targets.add(attributes.get("for"))

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data


def outline(response) -> PageOutline:
    parser = PageOutline()
    parser.feed(response.content.decode())
    return parser


def assert_well_formed(response, title_start):
    page = outline(response)
    assert page.headings_1 == 1
    assert all(field_id in page.label_targets for field_id in page.field_ids), page.field_ids
    assert page.title.strip().startswith(title_start)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (SIGN_IN_URL, "Sign in"),
        (reverse("accounts:password_reset"), "Reset your password"),
        (reverse("accounts:password_reset_done"), "Check your e-mail"),
        (reverse("accounts:password_reset_complete"), "Password set"),
        (reverse("home"), "Welcome"),
    ],
)
def test_public_pages_are_well_formed(client, url, title):
    response = client.get(url)

    assert response.status_code == 200
    assert_well_formed(response, title)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        (reverse("accounts:profile"), "Your profile"),
        (reverse("accounts:password_change"), "Change your password"),
        (reverse("accounts:password_change_done"), "Password changed"),
        (reverse("home"), "Home"),
    ],
)
def test_member_pages_are_well_formed(client_for, contact, url, title):
    response = client_for(contact).get(url)

    assert response.status_code == 200
    assert_well_formed(response, title)


def test_invitation_page_is_well_formed(client, invitation):
    assert_well_formed(client.get(accept_url(invitation)), "Join Northern Cells Inc.")


def test_locked_out_page_is_well_formed(client, member):
    for _ in range(5):
        response = client.post(SIGN_IN_URL, {"username": member.email, "password": "a-wrong-password"})

    assert response.status_code == 429
    assert_well_formed(response, "Account locked for a while")
