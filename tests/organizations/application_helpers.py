"""Helpers for the application, lifecycle and organizations-admin tests (plain functions, so they
cannot clash with fixtures other test folders define)."""

from django.urls import reverse

from apps.organizations.models import Organization, ValueChainSegment
from tests.factories import OrganizationFactory

APPLY_URL = reverse("organizations:apply")
APPLY_DONE_URL = reverse("organizations:apply_done")
STATUS_URL = reverse("organizations:membership_status")


def application_form_data(**overrides) -> dict:
    """What a person fills in on the public form, valid unless overridden."""
    segments = ValueChainSegment.objects.filter(code__in=["midstream", "recycling"])
    data = {
        "organization_name": "Lakehead Anode Materials",
        "kind": "industry",
        "province": "ON",
        "city": "Thunder Bay",
        "segments": [str(segment.pk) for segment in segments],
        "is_canadian_owned": "yes",
        "website": "https://lakehead-anodes.example.ca",
        "description": "We make graphite anodes.",
        "applicant_name": "Ada Applicant",
        "applicant_email": "ada@lakehead-anodes.ca",
        "applicant_job_title": "Chief executive",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def application_fields(**overrides) -> dict:
    """Keyword arguments for `application_submit`, valid unless overridden."""
    fields = {
        "organization_name": "Lakehead Anode Materials",
        "kind": "industry",
        "province": "ON",
        "applicant_name": "Ada Applicant",
        "applicant_email": "ada@lakehead-anodes.ca",
    }
    fields.update(overrides)
    return fields


def former_member(status=Organization.Status.LAPSED, **fields) -> Organization:
    return OrganizationFactory(membership_status=status, status_reason="Membership not renewed.", **fields)


def admin_url(name: str, *args) -> str:
    return reverse(f"admin:organizations_{name}", args=args)


def admin_sign_in_redirect(path: str) -> str:
    return f"{reverse('admin:login')}?next={path}"


def recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)
