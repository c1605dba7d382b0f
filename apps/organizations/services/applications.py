"""Writes about membership applications: submitting one, and the secretariat's decision.

An application names an organization. A name already held by an active member is refused (its
contact invites colleagues instead); a name held by a suspended or lapsed organization is a
re-application, linked to that record so approval reinstates it instead of creating a duplicate.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from apps.core.errors import DomainError
from apps.core.events import event_record
from apps.core.models import Event

from ..models import (
    Membership,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    ValueChainSegment,
)
from .lifecycle import one_year_after, organization_reinstate


def normalize_organization_name(name: str) -> str:
    """Trimmed, with runs of spaces made single, so "Acme  Inc. " and "acme inc." match."""
    return " ".join((name or "").split())


def _organization_named(name: str) -> Organization | None:
    return Organization.objects.filter(name__iexact=name).first()


def _refuse_taken_name(name: str) -> Organization | None:
    """The former member this name belongs to, if any; refuses names of active members and of
    applications under review."""
    existing = _organization_named(name)
    if existing is not None and existing.is_active:
        raise DomainError(
            _(
                "%(name)s is already a member of the alliance. Ask its organization contact to "
                "invite you instead."
            )
            % {"name": existing.name},
            field="organization_name",
        )
    if MembershipApplication.objects.filter(
        organization_name__iexact=name, status=MembershipApplication.Status.PENDING
    ).exists():
        raise DomainError(
            _("An application for %(name)s is already under review. The secretariat will reply soon.")
            % {"name": name},
            field="organization_name",
        )
    return existing


def _validate(application: MembershipApplication) -> None:
    """The model's own field rules (lengths, choices, e-mail), as one domain error."""
    try:
        application.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=None if field == "__all__" else field) from None


@transaction.atomic
def application_submit(
    *,
    organization_name: str,
    kind: str,
    province: str,
    applicant_name: str,
    applicant_email: str,
    city: str = "",
    segments: list[ValueChainSegment] | tuple = (),
    is_canadian_owned: bool = False,
    website: str = "",
    description: str = "",
    applicant_job_title: str = "",
    language: str | None = None,
) -> MembershipApplication:
    """Record an application and tell the applicant and the secretariat."""
    name = normalize_organization_name(organization_name)
    existing = _refuse_taken_name(name)
    application = MembershipApplication(
        organization_name=name,
        kind=kind,
        province=province,
        city=city.strip(),
        is_canadian_owned=is_canadian_owned,
        website=website.strip(),
        description=description.strip(),
        applicant_name=applicant_name.strip(),
        applicant_email=applicant_email.strip().lower(),
        applicant_job_title=applicant_job_title.strip(),
        existing_organization=existing,
        language=(language or translation.get_language() or "en")[:8],
    )
    _validate(application)
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        # Another submission for the same name won the race between our check and the insert.
        raise DomainError(
            _("An application for %(name)s is already under review. The secretariat will reply soon.")
            % {"name": name},
            field="organization_name",
        ) from None
    application.segments.set(segments)

    event_record(kind=Event.Kind.APPLICATION_SUBMITTED, subject=application)
    return application


def _claim(
    application: MembershipApplication, *, actor, status: str, note: str = ""
) -> MembershipApplication:
    """Move a pending application to `status`, once: a conditional UPDATE, so when two staff
    decide at the same moment only the first one counts."""
    now = timezone.now()
    claimed = MembershipApplication.objects.filter(
        pk=application.pk, status=MembershipApplication.Status.PENDING
    ).update(status=status, decided_by=actor, decided_at=now, decision_note=note, updated_at=now)
    if not claimed:
        raise DomainError(_("This application was already decided."))
    application.refresh_from_db()
    # The UPDATE skips django-simple-history; saving once more records who decided, and when.
    application._history_user = actor
    application.save(update_fields=["updated_at"])
    return application


def _unique_slug(name: str) -> str:
    base = slugify(name)[:200].strip("-") or "organization"
    slug, number = base, 2
    while Organization.objects.filter(slug=slug).exists():
        slug = f"{base}-{number}"
        number += 1
    return slug


def _create_organization(
    application: MembershipApplication, *, actor, is_canadian_owned: bool
) -> Organization:
    today = timezone.localdate()
    organization = Organization(
        name=application.organization_name,
        slug=_unique_slug(application.organization_name),
        kind=application.kind,
        province=application.province,
        city=application.city,
        is_canadian_owned=is_canadian_owned,
        website=application.website,
        description=application.description,
        membership_status=Organization.Status.ACTIVE,
        joined_on=today,
        renewal_due_on=one_year_after(today),
    )
    organization._history_user = actor
    organization.save()
    organization.segments.set(application.segments.all())
    MembershipStatusChange.objects.create(
        organization=organization,
        from_status="",
        to_status=Organization.Status.ACTIVE,
        reason=_("Application approved"),
        changed_by=actor,
    )
    return organization


def _organization_for(
    application: MembershipApplication, *, actor, is_canadian_owned: bool
) -> Organization:
    """The organization approval makes active: the former member's record when the name (or the
    link staff set) points at one, otherwise a new organization. Either way it takes the
    Canadian ownership staff confirmed."""
    former = application.existing_organization or _organization_named(application.organization_name)
    if former is None:
        return _create_organization(application, actor=actor, is_canadian_owned=is_canadian_owned)
    if former.is_active and application.existing_organization is None:
        raise DomainError(
            _("%(name)s is already an active member; reject this application instead.")
            % {"name": former.name}
        )
    if application.existing_organization is None:
        application.existing_organization = former
        application.save(update_fields=["existing_organization", "updated_at"])
    if not former.is_active:
        organization_reinstate(organization=former, actor=actor, reason=_("re-applied"))
        former.refresh_from_db()
    if former.is_canadian_owned != is_canadian_owned:
        former.is_canadian_owned = is_canadian_owned
        former._history_user = actor
        former.save(update_fields=["is_canadian_owned", "updated_at"])
    return former


def _make_applicant_contact(application: MembershipApplication, organization: Organization, *, actor) -> bool:
    """Make the applicant the organization's contact: directly when they already belong to it,
    otherwise by invitation. Returns whether an invitation was sent."""
    from apps.accounts.models import Invitation
    from apps.accounts.services import invitation_create, invitation_revoke

    membership = Membership.objects.filter(
        organization=organization, user__email__iexact=application.applicant_email
    ).first()
    if membership is not None:
        if not membership.is_contact:
            membership.role = Membership.Role.CONTACT
            membership._history_user = actor
            membership.save(update_fields=["role", "updated_at"])
        return False
    # A colleague's earlier invitation may still be pending; the applicant needs the contact role.
    for invitation in Invitation.objects.pending().filter(
        organization=organization, email__iexact=application.applicant_email
    ):
        invitation_revoke(invitation=invitation, revoked_by=actor)
    invitation_create(
        organization=organization,
        email=application.applicant_email,
        role=Invitation.Role.CONTACT,
        invited_by=actor,
        full_name=application.applicant_name,
        language=application.language,
    )
    return True


@transaction.atomic
def application_approve(
    *, application: MembershipApplication, actor, is_canadian_owned: bool | None = None
) -> Organization:
    """Approve a pending application: the organization becomes an active member (new, or its old
    record reinstated) and the applicant becomes its contact.

    `is_canadian_owned` is what staff confirmed (the admin asks them, showing the applicant's
    declaration); None keeps the declared value. Afterwards only staff change it.
    """
    application = _claim(application, actor=actor, status=MembershipApplication.Status.APPROVED)
    if is_canadian_owned is None:
        is_canadian_owned = application.is_canadian_owned
    organization = _organization_for(application, actor=actor, is_canadian_owned=is_canadian_owned)
    invited = _make_applicant_contact(application, organization, actor=actor)

    event_record(
        kind=Event.Kind.APPLICATION_APPROVED,
        subject=application,
        actor=actor,
        data={
            "organization_id": organization.pk,
            "invited": invited,
            "canadian_owned_declared": application.is_canadian_owned,
            "canadian_owned_confirmed": is_canadian_owned,
        },
    )
    return organization


@transaction.atomic
def application_reject(*, application: MembershipApplication, actor, reason: str) -> MembershipApplication:
    """Reject a pending application and tell the applicant why."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason for the rejection; the applicant will read it."), field="reason")
    if len(reason) > 500:
        raise DomainError(_("Keep the reason under 500 characters."), field="reason")
    application = _claim(application, actor=actor, status=MembershipApplication.Status.REJECTED, note=reason)

    event_record(kind=Event.Kind.APPLICATION_REJECTED, subject=application, actor=actor)
    return application
