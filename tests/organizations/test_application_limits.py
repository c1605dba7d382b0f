"""The public application form e-mails the applicant and every staff person, so it is limited per
client address, per applicant address and overall; its receipt repeats nothing the applicant typed."""

import html
import uuid

import pytest
from django.core import mail
from django.core.cache import caches
from django.urls import reverse
from django.utils import translation

from apps.organizations.models import MembershipApplication
from tests.organizations.application_helpers import APPLY_DONE_URL, APPLY_URL, application_form_data

pytestmark = pytest.mark.django_db

HERE = "198.51.100.20"
ELSEWHERE = "198.51.100.21"


@pytest.fixture(autouse=True)
def _roomy_limits(settings):
    """Each test narrows the one limit it is about."""
    settings.APPLICATION_RATE_PER_CLIENT = "100/h"
    settings.APPLICATION_RATE_PER_EMAIL = "100/d"
    settings.APPLICATION_RATE_OVERALL = "100/h"


def apply(client, number, *, address=HERE, email=None, url=APPLY_URL, **headers):
    data = application_form_data(
        organization_name=f"Applicant Organization {number}",
        applicant_email=email or f"applicant{number}@example.ca",
    )
    return client.post(url, data, REMOTE_ADDR=address, **headers)


def test_applications_over_the_limit_per_client_address_are_refused_with_a_clear_page(
    client, settings, staff, django_capture_on_commit_callbacks
):
    settings.APPLICATION_RATE_PER_CLIENT = "2/h"
    with django_capture_on_commit_callbacks(execute=True):
        accepted = [apply(client, number) for number in range(2)]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        refused = apply(client, 3)

    assert [response.status_code for response in accepted] == [302, 302]
    assert refused.status_code == 429
    content = refused.content.decode()
    assert "Please wait a little" in content
    assert "Too many applications were sent in a short time" in content
    assert "You can try again in" in content
    assert "Nothing was sent or saved this time." in content
    assert 0 < int(refused["Retry-After"]) <= 3600
    assert MembershipApplication.objects.count() == 2
    assert not MembershipApplication.objects.filter(organization_name="Applicant Organization 3").exists()
    assert mail.outbox == []


def test_refusal_page_is_in_french_on_the_french_form(client, settings):
    settings.APPLICATION_RATE_PER_CLIENT = "1/h"
    with translation.override("fr"):
        french_url = reverse("organizations:apply")
    apply(client, 1, url=french_url)

    refused = apply(client, 2, url=french_url)

    assert refused.status_code == 429
    content = html.unescape(refused.content.decode())
    assert "Veuillez patienter un peu" in content
    assert "Trop de demandes d'adhésion ont été envoyées en peu de temps" in content
    assert "Rien n'a été envoyé ni enregistré cette fois-ci." in content


def test_forged_forwarded_for_does_not_escape_the_client_limit(client, settings):
    settings.APPLICATION_RATE_PER_CLIENT = "2/h"
    for number in range(2):
        apply(client, number, HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")

    refused = apply(client, 3, HTTP_X_FORWARDED_FOR="10.0.0.3")

    assert refused.status_code == 429
    assert MembershipApplication.objects.count() == 2


def test_applications_for_one_address_are_limited_from_every_client(
    client, settings, django_capture_on_commit_callbacks
):
    settings.APPLICATION_RATE_PER_EMAIL = "2/d"
    apply(client, 1, address="198.51.100.1", email="victim@example.ca")
    apply(client, 2, address="198.51.100.2", email="VICTIM@example.ca ")

    with django_capture_on_commit_callbacks(execute=True):
        refused = apply(client, 3, address="198.51.100.3", email="Victim@Example.ca")

    assert refused.status_code == 429
    assert MembershipApplication.objects.count() == 2
    assert mail.outbox == []


def test_applications_are_limited_overall(client, settings):
    settings.APPLICATION_RATE_OVERALL = "3/h"
    for number in range(3):
        apply(client, number, address=f"198.51.100.{number}")

    refused = apply(client, 4, address="198.51.100.4")

    assert refused.status_code == 429
    assert MembershipApplication.objects.count() == 3


def test_a_refused_client_does_not_use_up_the_applicant_address_limit(client, settings):
    settings.APPLICATION_RATE_PER_CLIENT = "1/h"
    settings.APPLICATION_RATE_PER_EMAIL = "2/d"
    apply(client, 1, address=HERE, email="someone@example.ca")
    for number in range(2, 6):
        assert apply(client, number, address=HERE, email="ada@example.ca").status_code == 429

    response = apply(client, 6, address=ELSEWHERE, email="ada@example.ca")

    assert response.status_code == 302
    assert response["Location"] == APPLY_DONE_URL


def test_receipt_repeats_nothing_the_applicant_typed(client, staff, django_capture_on_commit_callbacks):
    typed = {
        "organization_name": "Cheap pills at spam.example",
        "applicant_name": "Click https://spam.example/now",
        "applicant_job_title": "Visit spam.example",
        "description": "Buy at spam.example",
        "website": "https://spam.example",
        "applicant_email": "victim@example.ca",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY_URL, application_form_data(**typed))

    [receipt] = [message for message in mail.outbox if message.to == ["victim@example.ca"]]
    html_part = receipt.alternatives[0][0]
    assert receipt.subject == "We received your application to the National Battery Alliance"
    for text in (receipt.subject, receipt.body, html_part):
        assert "spam" not in text.lower()
        assert "Cheap pills" not in text
    assert "If you did not apply, someone entered your address by mistake" in receipt.body
    assert "If you did not apply, someone entered your address by mistake" in html_part


def test_staff_notice_still_shows_what_was_typed(client, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(APPLY_URL, application_form_data())

    [notice] = [message for message in mail.outbox if message.to == [staff.email]]
    assert notice.subject == "Application to review: Lakehead Anode Materials"


def test_application_goes_through_when_the_limits_cache_is_down(
    client, settings, staff, caplog, django_capture_on_commit_callbacks
):
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        },
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = apply(client, 1)

    assert response.status_code == 302
    assert MembershipApplication.objects.count() == 1
    assert len(mail.outbox) == 2
    assert "Rate-limit cache unreachable" in caplog.text


@pytest.mark.redis
def test_limits_are_counted_in_redis_for_every_web_process(client, settings, redis_url):
    """Counted in Redis, not in this process: a fresh connection (another process) sees the count."""
    settings.APPLICATION_RATE_PER_CLIENT = "2/h"
    prefix = f"test-limits-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        **settings.CACHES,
        "limits": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": prefix,
        },
    }
    try:
        apply(client, 1)
        apply(client, 2)
        caches["limits"].close()
        settings.CACHES = {**settings.CACHES}  # a new cache handler, as in another process

        refused = apply(client, 3)
    finally:
        import redis

        connection = redis.Redis.from_url(redis_url)
        keys = list(connection.scan_iter(f"{prefix}:*"))
        if keys:
            connection.delete(*keys)

    assert refused.status_code == 429
    assert keys
    assert MembershipApplication.objects.count() == 2
