"""An organization's people, managed by its contacts and the secretariat: invitations, roles,
removal, and deactivating a person who has left (with the handover of what they led)."""

from dataclasses import dataclass, replace

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.accounts.membership import member_required
from apps.accounts.models import User, canonical_email
from apps.accounts.permissions import can_change_account
from apps.accounts.services import invitation_resend as resend_invitation
from apps.accounts.services import invitation_revoke as revoke_invitation
from apps.core.errors import DomainError
from apps.core.rate_limits import Limit, LimitReached, first_limit_hit, per_client

from .. import selectors
from ..forms import InvitationForm, MembershipRoleForm
from ..models import Membership, Organization
from ..permissions import can_deactivate_person, can_manage_organization, contact_organization_ids
from ..selectors import HandoverSection
from ..services import people as services


@dataclass(frozen=True)
class PersonRow:
    membership: Membership
    is_only_contact: bool
    can_deactivate: bool

    @property
    def person(self) -> User:
        return self.membership.user


def _person_rows(actor: User, organization: Organization) -> list[PersonRow]:
    memberships = list(selectors.organization_people_for_managers(organization))
    actor_contact_ids = contact_organization_ids(actor)
    active_contacts = sum(1 for membership in memberships if membership.is_contact)
    return [
        PersonRow(
            membership=membership,
            is_only_contact=organization.is_active and membership.is_contact and active_contacts == 1,
            can_deactivate=can_deactivate_person(
                actor, membership.user, actor_contact_organization_ids=actor_contact_ids
            ),
        )
        for membership in memberships
    ]


def _render_people(
    request: HttpRequest,
    organization: Organization,
    *,
    invite_form: InvitationForm | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "organization": organization,
        "rows": _person_rows(request.user, organization),
        "deactivated": list(selectors.organization_deactivated_people(organization)),
        "invitations": list(selectors.organization_open_invitations(organization)),
        "invite_form": invite_form or InvitationForm(),
        "error": error,
    }
    return render(request, "organizations/people.html", context, status=status)


def _after_change(request: HttpRequest, organization: Organization) -> HttpResponse:
    """Back to the people page, or to the organization's page when the actor just gave up the
    right to manage it (removed or demoted themselves)."""
    if can_manage_organization(request.user, organization):
        return redirect("organizations:people", slug=organization.slug)
    return redirect(organization)


@member_required
@require_GET
def people(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    return _render_people(request, organization)


@member_required
@require_POST
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = services.organization_invite_person(
                organization=organization, actor=request.user, **form.cleaned_data
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request,
                _("The invitation to %(email)s is on its way; the list below shows when it has been sent.")
                % {"email": invitation.email},
            )
            return redirect("organizations:people", slug=organization.slug)
    return _render_people(request, organization, invite_form=form, status=400)


def _resend_limits(request: HttpRequest, invitation) -> list[Limit]:
    """Each resend e-mails the invited address: limited per client address and per address."""
    return [
        per_client(request, "invitation-resend", settings.INVITATION_RESEND_RATE_PER_CLIENT),
        Limit(
            "invitation-resend",
            f"email:{canonical_email(invitation.email)}",
            settings.INVITATION_RESEND_RATE_PER_EMAIL,
        ),
    ]


def _resend_refusal(reached: LimitReached) -> str:
    minutes = reached.retry_after_minutes
    return ngettext(
        "Invitations were resent too often in a short time, from here or to this address, so nothing "
        "was sent. You can try again in %(minutes)d minute.",
        "Invitations were resent too often in a short time, from here or to this address, so nothing "
        "was sent. You can try again in %(minutes)d minutes.",
        minutes,
    ) % {"minutes": minutes}


@member_required
@require_POST
def invitation_resend(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    invitation = selectors.get_invitation_in(organization, pk)
    reached = first_limit_hit(request, _resend_limits(request, invitation))
    if reached is not None:
        return _render_people(request, organization, error=_resend_refusal(reached), status=429)
    try:
        resend_invitation(invitation=invitation, sent_by=request.user)
    except DomainError as error:
        return _render_people(request, organization, error=error.message, status=400)
    messages.success(
        request,
        _("A new invitation link is on its way to %(email)s; the old link no longer works.")
        % {"email": invitation.email},
    )
    return redirect("organizations:people", slug=organization.slug)


@member_required
@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    invitation = selectors.get_invitation_in(organization, pk)
    try:
        revoke_invitation(invitation=invitation, revoked_by=request.user)
    except DomainError as error:
        return _render_people(request, organization, error=error.message, status=400)
    messages.success(
        request,
        _("The invitation to %(email)s was revoked; its link no longer works.") % {"email": invitation.email},
    )
    return redirect("organizations:people", slug=organization.slug)


@member_required
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    membership = selectors.get_membership_in(organization, pk)
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except DomainError as error:
        return _render_people(request, organization, error=error.message, status=400)
    messages.success(
        request,
        _("%(person)s no longer belongs to the organization.") % {"person": membership.user},
    )
    return _after_change(request, organization)


@member_required
@require_POST
def membership_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    membership = selectors.get_membership_in(organization, pk)
    form = MembershipRoleForm(request.POST)
    if not form.is_valid():
        return _render_people(request, organization, error=_("Choose a role: contact or member."), status=400)
    try:
        membership = services.membership_set_role(
            membership=membership, actor=request.user, role=form.cleaned_data["role"]
        )
    except DomainError as error:
        return _render_people(request, organization, error=error.message, status=400)
    if membership.is_contact:
        message = _("%(person)s is now a contact of the organization.")
    else:
        message = _("%(person)s is now a member only, no longer a contact.")
    messages.success(request, message % {"person": membership.user})
    return _after_change(request, organization)


def _why_not_deactivatable(actor: User, person: User) -> str:
    if actor.pk == person.pk:
        return _("You cannot deactivate yourself. Ask the secretariat or another contact.")
    if not can_change_account(actor, person):
        return _("%(person)s is a superuser; only a superuser can deactivate them.") % {"person": person}
    if person.is_staff:
        return _("%(person)s is secretariat staff; only the secretariat can deactivate them.") % {
            "person": person
        }
    actor_contact_ids = contact_organization_ids(actor)
    elsewhere = sorted(
        membership.organization.name
        for membership in person.memberships.all()
        if membership.organization_id not in actor_contact_ids
    )
    return _(
        "%(person)s also belongs to %(organizations)s, where you are not a contact. "
        "Ask the secretariat to deactivate them."
    ) % {"person": person, "organizations": ", ".join(elsewhere)}


def _keeping_choices(sections: list[HandoverSection], data) -> list[HandoverSection]:
    """The sections with what was picked in each "who takes it over" select, for a page shown again."""
    return [
        replace(
            section,
            items=[
                replace(item, chosen=data.get(item.choice_name, "")) if item.choice_name else item
                for item in section.items
            ],
        )
        for section in sections
    ]


@member_required
@require_http_methods(["GET", "POST"])
def person_deactivate(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    person = selectors.get_person_in(organization, user_id)
    if not person.is_active:
        messages.info(request, _("%(person)s is already deactivated.") % {"person": person})
        return redirect("organizations:person_handover", slug=organization.slug, user_id=person.pk)
    context = {
        "organization": organization,
        "person": person,
        "memberships": list(person.memberships.all()),
        "sections": selectors.handover_for(person, viewer=request.user),
    }
    if not can_deactivate_person(request.user, person):
        context["refusal"] = _why_not_deactivatable(request.user, person)
        return render(request, "organizations/person_deactivate.html", context, status=403)
    if request.method == "POST":
        try:
            services.person_deactivate(person=person, actor=request.user, choices=request.POST)
        except DomainError as error:
            context["error"] = error.message
            context["sections"] = _keeping_choices(context["sections"], request.POST)
            return render(request, "organizations/person_deactivate.html", context, status=400)
        messages.success(
            request,
            _("%(person)s is deactivated and can no longer sign in. Hand over what they led below.")
            % {"person": person},
        )
        messages.info(request, _("Any API tokens they had are revoked: scripts using them stop working."))
        return redirect("organizations:person_handover", slug=organization.slug, user_id=person.pk)
    return render(request, "organizations/person_deactivate.html", context)


@member_required
@require_GET
def person_handover(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    person = selectors.get_person_in(organization, user_id)
    context = {
        "organization": organization,
        "person": person,
        "memberships": list(person.memberships.all()),
        "sections": selectors.handover_for(person, viewer=request.user),
        "can_deactivate": can_deactivate_person(request.user, person),
    }
    return render(request, "organizations/person_handover.html", context)
