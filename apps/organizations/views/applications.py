"""The public membership application, and the page people of a suspended or lapsed organization see."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _

from apps.accounts.membership import is_portal_member
from apps.accounts.models import canonical_email
from apps.core.errors import DomainError
from apps.core.rate_limits import Limit, first_limit_hit, per_client, too_many_requests

from ..forms_applications import ApplicationForm
from ..models import Membership, MembershipStatusChange
from ..services.applications import application_submit


def _initial_for(user) -> dict:
    if not user.is_authenticated:
        return {}
    return {
        "applicant_name": user.full_name,
        "applicant_email": user.email,
        "applicant_job_title": user.job_title,
    }


def _application_limits(request: HttpRequest, applicant_email: str) -> list[Limit]:
    """Each application e-mails the applicant and every staff person: limited per client address,
    per applicant address and overall (the client's own limit first, so a refused client does not
    use up the others)."""
    return [
        per_client(request, "application", settings.APPLICATION_RATE_PER_CLIENT),
        Limit(
            "application", f"email:{canonical_email(applicant_email)}", settings.APPLICATION_RATE_PER_EMAIL
        ),
        Limit("application", "all", settings.APPLICATION_RATE_OVERALL),
    ]


def apply(request: HttpRequest) -> HttpResponse:
    """Anyone may apply, signed in or not; staff review the application in the admin."""
    data = request.POST if request.method == "POST" else None
    form = ApplicationForm(data, initial=_initial_for(request.user))
    if request.method == "POST":
        if form.is_valid():
            if form.is_from_a_bot():
                return redirect("organizations:apply_done")
            limits = _application_limits(request, form.cleaned_data["applicant_email"])
            reached = first_limit_hit(request, limits)
            if reached is not None:
                message = _(
                    "Too many applications were sent in a short time, from here, for this e-mail address or "
                    "in all. To spare people unwanted e-mail, the form pauses for a while."
                )
                return too_many_requests(request, reached, message)
            try:
                application_submit(**form.application_fields(), language=translation.get_language())
            except DomainError as error:
                form.add_error(error.field, error.message)
            else:
                messages.success(request, _("Thank you: your application was sent to the secretariat."))
                return redirect("organizations:apply_done")
        return render(request, "organizations/apply.html", {"form": form}, status=400)
    return render(request, "organizations/apply.html", {"form": form})


def apply_done(request: HttpRequest) -> HttpResponse:
    return render(request, "organizations/apply_done.html")


def _memberships_with_status(user):
    latest_change = MembershipStatusChange.objects.filter(organization=OuterRef("organization")).order_by(
        "-changed_at", "-pk"
    )
    return (
        Membership.objects.filter(user=user)
        .select_related("organization")
        .annotate(status_changed_at=Subquery(latest_change.values("changed_at")[:1]))
        .order_by("organization__name")
    )


@login_required
def membership_status(request: HttpRequest) -> HttpResponse:
    """Where people whose organizations are all suspended or lapsed land: each organization's
    status, why, since when, and how to renew. Members of an active organization see that all is well."""
    memberships = list(_memberships_with_status(request.user))
    context = {
        "memberships": memberships,
        "has_access": is_portal_member(request.user),
        "has_inactive_organization": any(not m.organization.is_active for m in memberships),
    }
    return render(request, "organizations/membership_status.html", context)
