"""Writes about an organization's profile and its people: profile edits, invitations from the people
page, removing a membership, changing a role, deactivating a person who has left.

One invariant holds in every path here: an active organization never loses its last active
contact. Each write that could break it first locks the organization's row, so two contacts
demoting each other at the same moment cannot both succeed.
"""

from collections.abc import Callable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import ApiToken, Invitation, User
from apps.accounts.permissions import can_change_account
from apps.accounts.services import invitation_create
from apps.accounts.services_tokens import api_tokens_revoke_all
from apps.core.edit_conflicts import claim_version
from apps.core.errors import DomainError
from apps.core.events import event_record
from apps.core.models import Event

from ..models import Membership, Organization
from ..permissions import can_deactivate_person, can_manage_organization

# What contacts change on the portal. Not "Canadian-owned": the secretariat confirms it at approval
# and only staff change it afterwards, in the admin.
PROFILE_FIELDS = (
    "name",
    "kind",
    "province",
    "city",
    "segments",
    "description_en",
    "description_fr",
    "website",
)


def _require_manager(actor: User, organization: Organization) -> None:
    if not can_manage_organization(actor, organization):
        raise DomainError(
            _("Only a contact of %(organization)s or the secretariat can do this.")
            % {"organization": organization.name}
        )


def _lock(organization: Organization) -> Organization:
    return Organization.objects.select_for_update().get(pk=organization.pk)


def _ensure_another_active_contact(organization: Organization, person: User) -> None:
    """Refuse a change that would take away the last active contact of an active organization."""
    if not organization.is_active:
        return
    is_active_contact = (
        person.is_active
        and Membership.objects.filter(
            organization=organization, user=person, role=Membership.Role.CONTACT
        ).exists()
    )
    if not is_active_contact:
        return
    others = Membership.objects.filter(
        organization=organization, role=Membership.Role.CONTACT, user__is_active=True
    ).exclude(user=person)
    if not others.exists():
        raise DomainError(
            _(
                "%(person)s is the only active contact of %(organization)s: "
                "make someone else its contact first."
            )
            % {"person": person, "organization": organization.name}
        )


@transaction.atomic
def organization_update_profile(
    *, organization: Organization, actor: User, version: int, **fields
) -> Organization:
    """Change the profile fields given in `fields` (see PROFILE_FIELDS).

    `version` is the profile's version the person started from: if someone saved it since,
    nothing is written and Conflict is raised. The name stays unique whatever its case, with a
    message people can act on rather than a database error. django-simple-history records the
    change and who made it.
    """
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {', '.join(sorted(unknown))}")
    _require_manager(actor, organization)
    organization = claim_version(
        Organization,
        organization.pk,
        version,
        refusal=_("Someone else saved this profile after you opened it; your changes are not saved yet."),
    )
    segments = fields.pop("segments", None)
    if "name" in fields:
        fields["name"] = " ".join(fields["name"].split())
        if not fields["name"]:
            raise DomainError(_("Give the organization's name."), field="name")
        namesakes = Organization.objects.filter(name__iexact=fields["name"]).exclude(pk=organization.pk)
        namesake = namesakes.first()
        if namesake is not None:
            raise DomainError(
                _("Another organization is already called %(name)s.") % {"name": namesake.name},
                field="name",
            )
    for name, value in fields.items():
        setattr(organization, name, value)
    try:
        organization.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        field_name, messages = next(iter(error.message_dict.items()))
        raise DomainError(" ".join(messages), field=field_name) from None
    organization._history_user = actor
    try:
        with transaction.atomic():
            organization.save()
    except IntegrityError:
        raise DomainError(
            _("Another organization is already called %(name)s.") % {"name": organization.name},
            field="name",
        ) from None
    if segments is not None:
        organization.segments.set(segments)
    return organization


@transaction.atomic
def organization_invite_person(
    *, organization: Organization, actor: User, email: str, full_name: str = "", role: str
) -> Invitation:
    """Invite a colleague from the people page.

    A deactivated account could never accept, so it is refused here with advice instead of
    sending a link that would fail.
    """
    _require_manager(actor, organization)
    if role not in Invitation.Role.values:
        raise DomainError(_("Choose a role: contact or member."), field="role")
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email, is_active=False).exists():
        raise DomainError(
            _("The account of %(email)s is deactivated. Ask the secretariat to reactivate it.")
            % {"email": email},
            field="email",
        )
    return invitation_create(
        organization=organization, email=email, role=role, invited_by=actor, full_name=full_name.strip()
    )


@transaction.atomic
def membership_remove(*, membership: Membership, actor: User) -> None:
    """Take a person out of an organization. Their account and group roles stay."""
    organization = _lock(membership.organization)
    _require_manager(actor, organization)
    membership = Membership.objects.select_related("user").filter(pk=membership.pk).first()
    if membership is None:
        raise DomainError(_("This person was already removed from the organization."))
    _ensure_another_active_contact(organization, membership.user)
    person_id = membership.user_id
    membership._history_user = actor
    membership.delete()
    if membership.user.is_active:
        event_record(
            kind=Event.Kind.MEMBERSHIP_REMOVED, subject=organization, actor=actor, data={"user_id": person_id}
        )


@transaction.atomic
def membership_set_role(*, membership: Membership, actor: User, role: str) -> Membership:
    """Make a person a contact of the organization, or a member only."""
    if role not in Membership.Role.values:
        raise DomainError(_("Choose a role: contact or member."), field="role")
    organization = _lock(membership.organization)
    _require_manager(actor, organization)
    membership = Membership.objects.select_related("user").filter(pk=membership.pk).first()
    if membership is None:
        raise DomainError(_("This person no longer belongs to the organization."))
    if membership.role == role:
        return membership
    if role == Membership.Role.MEMBER:
        _ensure_another_active_contact(organization, membership.user)
    membership.role = role
    membership._history_user = actor
    membership.save(update_fields=["role", "updated_at"])
    if membership.user.is_active:
        event_record(
            kind=Event.Kind.MEMBERSHIP_ROLE_CHANGED, subject=membership, actor=actor, data={"role": role}
        )
    return membership


# What apps above this one do when a person leaves (a roadmap action's owner handed over, ...).
# They register here rather than this app importing them, so dependencies keep pointing down.
DepartureStep = Callable[..., None]
_departure_steps: list[DepartureStep] = []


def departure_step(step: DepartureStep) -> DepartureStep:
    """Register `step(*, person, actor, choices)`, run inside `person_deactivate`'s transaction
    after the account is switched off. `choices` holds what the deactivation page posted (the
    `choice_name` of each HandoverItem an app offered); a step raises DomainError to refuse, and
    then nothing is deactivated."""
    _departure_steps.append(step)
    return step


@transaction.atomic
def person_deactivate(*, person: User, actor: User, choices: Mapping[str, str] | None = None) -> User:
    """Switch off the account of a person who has left.

    They can no longer sign in, their API tokens are revoked, and they drop out of every list of
    people, but their memberships and group roles stay as records, so the handover page can show
    what they led. What other apps hand over at once (the roadmap actions they own) their
    departure steps do, with the `choices` made on the deactivation page; without choices each
    falls back to its default.
    Refused when it would leave an active organization without an active contact.
    """
    person = User.objects.select_for_update(no_key=True).get(pk=person.pk)
    if not person.is_active:
        raise DomainError(_("%(person)s is already deactivated.") % {"person": person})
    if person.pk == actor.pk:
        raise DomainError(_("You cannot deactivate yourself. Ask the secretariat or another contact."))
    if not can_change_account(actor, person):
        raise DomainError(_("Only a superuser can deactivate %(person)s.") % {"person": person})
    if not can_deactivate_person(actor, person):
        raise DomainError(
            _(
                "You can deactivate only people whose every organization you are a contact of. "
                "Ask the secretariat to deactivate %(person)s."
            )
            % {"person": person}
        )
    contact_of = Organization.objects.filter(
        memberships__user=person, memberships__role=Membership.Role.CONTACT
    ).order_by("pk")
    for organization in contact_of.select_for_update(of=("self",)):
        _ensure_another_active_contact(organization, person)
    person.is_active = False
    person.deactivated_at = timezone.now()
    person.deactivated_by = actor
    person._history_user = actor
    person.save(update_fields=["is_active", "deactivated_at", "deactivated_by"])
    # Reactivation gives the account back, never the scripts that acted for it before.
    api_tokens_revoke_all(user=person, reason=ApiToken.RevokedReason.DEACTIVATED, actor=actor)
    for step in _departure_steps:
        step(person=person, actor=actor, choices=choices or {})
    return person
