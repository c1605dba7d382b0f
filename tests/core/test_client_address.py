"""Which address a request comes from: REMOTE_ADDR, unless proxies of ours are declared; a
client's own X-Forwarded-For never decides it. Axes, the rate limits and the throttles share it."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory

from apps.core.client import client_address
from tests.accounts.conftest import SIGN_IN_URL

CLIENT = "203.0.113.9"
PROXY = "10.0.0.2"


def request_from(remote_address, forwarded_for=None):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote_address, **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from(CLIENT, "198.51.100.1")) == CLIENT
    assert client_address(request_from(CLIENT)) == CLIENT


@pytest.mark.parametrize(
    ("trusted_proxies", "forwarded_for", "expected"),
    [
        (1, CLIENT, CLIENT),
        (1, f"198.51.100.1, {CLIENT}", CLIENT),
        (2, f"198.51.100.1, {CLIENT}, 10.0.0.1", CLIENT),
        (2, CLIENT, CLIENT),
        (1, "", PROXY),
        (1, "not-an-address", PROXY),
        (1, f"198.51.100.1, {CLIENT} , ", CLIENT),
    ],
)
def test_trusted_proxies_are_read_from_the_right(settings, trusted_proxies, forwarded_for, expected):
    settings.TRUSTED_PROXY_COUNT = trusted_proxies

    assert client_address(request_from(PROXY, forwarded_for)) == expected


@pytest.mark.django_db
def test_lockout_records_the_address_the_portal_reads(client, member):
    client.post(
        SIGN_IN_URL,
        {"username": member.email, "password": "wrong-password"},
        REMOTE_ADDR=CLIENT,
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]


@pytest.mark.django_db
def test_lockout_behind_a_trusted_proxy_records_the_address_it_reports(client, settings, member):
    settings.TRUSTED_PROXY_COUNT = 1

    client.post(
        SIGN_IN_URL,
        {"username": member.email, "password": "wrong-password"},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=f"198.51.100.1, {CLIENT}",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == [CLIENT]
