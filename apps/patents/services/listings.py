"""Every write on patent listings: create, edit, publish, withdraw, hide, expire, and the status an
exclusive listing takes from its requests. Also who handles an organization's licence requests."""

from contextlib import contextmanager
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.edit_conflicts import claim_version
from apps.core.errors import Conflict, DomainError
from apps.core.events import event_record
from apps.core.models import Event
from apps.organizations.models import Membership, Organization

from ..models import LicenceRequest, PatentListing, TechnologyArea

Status = PatentListing.Status

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# "%%EOF" may be followed by a few bytes (line ends, incremental-update padding).
PDF_TAIL_BYTES = 1024

# A listing can be withdrawn from any of these; drafts are simply left unpublished.
WITHDRAWABLE = (Status.AVAILABLE, Status.UNDER_NEGOTIATION, Status.LICENSED)
# The expiry sweep ends these.
EXPIRABLE = (Status.DRAFT, Status.AVAILABLE, Status.UNDER_NEGOTIATION, Status.LICENSED)
# The statuses an exclusive listing moves between as its requests change.
EXCLUSIVE_SYNCED = (Status.AVAILABLE, Status.UNDER_NEGOTIATION, Status.LICENSED)

EDITABLE_FIELDS = (
    "title",
    "number",
    "jurisdiction",
    "filing_date",
    "grant_date",
    "expiry_date",
    "abstract",
    "licence_terms",
    "terms_note",
    "eligibility",
)


def document_check(document) -> None:
    """A PDF at most 10 MB, judged by its content: it starts with "%PDF-" and ends with "%%EOF".
    A file renamed to .pdf is refused whatever its name says."""
    if document.size > MAX_DOCUMENT_BYTES:
        raise DomainError(_("The PDF is larger than 10 MB."), field="document")
    document.seek(0)
    head = document.read(5)
    document.seek(max(document.size - PDF_TAIL_BYTES, 0))
    tail = document.read()
    document.seek(0)
    if head != b"%PDF-" or b"%%EOF" not in tail:
        raise DomainError(_("This file is not a PDF document."), field="document")


@contextmanager
def _stored_document_removed_on_failure(listing: PatentListing):
    """The PDF is written to storage before the row that names it; if anything fails before the
    service returns, the transaction rolls back and the new file is deleted with it, so a
    refused save leaves no file behind."""
    previous = listing.document.name if listing.document else ""
    try:
        yield
    except BaseException:
        stored = listing.document.name if listing.document else ""
        if stored and stored != previous:
            listing.document.storage.delete(stored)
        raise


def _dates_check(*, filing_date: date, grant_date: date | None, expiry_date: date | None) -> None:
    if grant_date and grant_date < filing_date:
        raise DomainError(_("The grant date cannot be before the filing date."), field="grant_date")
    if expiry_date and expiry_date <= filing_date:
        raise DomainError(_("The expiry date must be after the filing date."), field="expiry_date")


def _number_check(*, organization: Organization, jurisdiction: str, number: str, exclude_pk=None) -> None:
    duplicates = PatentListing.objects.filter(
        organization=organization, jurisdiction=jurisdiction, number=number
    )
    if duplicates.exclude(pk=exclude_pk).exists():
        raise DomainError(
            _("Your organization already lists this number in this jurisdiction."), field="number"
        )


def _save(listing: PatentListing, technology_areas) -> None:
    """Save, turning a race on the unique number into the same message the check gives."""
    try:
        with transaction.atomic():
            listing.save()
    except IntegrityError as error:
        raise DomainError(
            _("Your organization already lists this number in this jurisdiction."), field="number"
        ) from error
    listing.technology_areas.set(technology_areas)


def _locked(listing: PatentListing, condition: Q, refusal: str) -> PatentListing:
    """Lock the listing's row while it still meets `condition`: two people acting at once cannot
    both change it. Refuses with 409 when it no longer does."""
    locked = PatentListing.objects.select_for_update().filter(condition, pk=listing.pk).first()
    if locked is None:
        raise Conflict(refusal)
    return locked


def _change(listing: PatentListing, actor: User | None, **values) -> None:
    """Save a locked listing's new values through the model, so its history records who and when."""
    for name, value in values.items():
        setattr(listing, name, value)
    listing._history_user = actor
    listing.save(update_fields=[*values, "updated_at"])


@transaction.atomic
def listing_create(
    *,
    organization: Organization,
    actor: User,
    title: str,
    number: str,
    jurisdiction: str,
    filing_date: date,
    abstract: str,
    licence_terms: str,
    technology_areas: list[TechnologyArea],
    grant_date: date | None = None,
    expiry_date: date | None = None,
    terms_note: str = "",
    eligibility: str = PatentListing.Eligibility.ANY_MEMBER,
    document=None,
) -> PatentListing:
    """A new listing starts as a draft that only the organization's contacts and staff see."""
    if not organization.is_active:
        raise DomainError(_("Only an active member organization can list patents."))
    if not technology_areas:
        raise DomainError(_("Choose at least one technology area."), field="technology_areas")
    _dates_check(filing_date=filing_date, grant_date=grant_date, expiry_date=expiry_date)
    _number_check(organization=organization, jurisdiction=jurisdiction, number=number)
    if document:
        document_check(document)
    listing = PatentListing(
        organization=organization,
        created_by=actor,
        title=title,
        number=number,
        jurisdiction=jurisdiction,
        filing_date=filing_date,
        grant_date=grant_date,
        expiry_date=expiry_date,
        abstract=abstract,
        licence_terms=licence_terms,
        terms_note=terms_note,
        eligibility=eligibility,
        status=Status.DRAFT,
    )
    with _stored_document_removed_on_failure(listing):
        if document:
            listing.document.save(document.name, document, save=False)
        _save(listing, technology_areas)
    return listing


@transaction.atomic
def listing_update(
    *,
    listing: PatentListing,
    actor: User,
    version: int,
    technology_areas: list[TechnologyArea],
    document=None,
    remove_document: bool = False,
    **fields,
) -> PatentListing:
    """Change what the listing says. Its status changes only through publish, withdraw and requests.

    `version` is the listing's version the person started from: if someone saved it since,
    nothing is written and Conflict is raised."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"listing_update() got unexpected fields {sorted(unknown)}")
    if not technology_areas:
        raise DomainError(_("Choose at least one technology area."), field="technology_areas")
    listing = claim_version(
        PatentListing,
        listing.pk,
        version,
        refusal=_("Someone else saved this listing after you opened it; your changes are not saved yet."),
    )
    for name, value in fields.items():
        setattr(listing, name, value)
    _dates_check(
        filing_date=listing.filing_date, grant_date=listing.grant_date, expiry_date=listing.expiry_date
    )
    _number_check(
        organization=listing.organization,
        jurisdiction=listing.jurisdiction,
        number=listing.number,
        exclude_pk=listing.pk,
    )
    previous_document = listing.document.name if listing.document else ""
    if document:
        document_check(document)
    with _stored_document_removed_on_failure(listing):
        if document:
            listing.document.save(document.name, document, save=False)
        elif remove_document:
            listing.document = ""
        _save(listing, technology_areas)
    if previous_document and previous_document != listing.document.name:
        storage = listing.document.storage
        transaction.on_commit(lambda: storage.delete(previous_document))
    return listing


@transaction.atomic
def listing_publish(*, listing: PatentListing, actor: User) -> PatentListing:
    """A draft becomes available to every member."""
    listing = _locked(listing, Q(status=Status.DRAFT), _("Only a draft can be published."))
    if listing.expiry_date and listing.expiry_date < timezone.localdate():
        raise DomainError(_("This patent has expired; it cannot be published."))
    _change(listing, actor, status=Status.AVAILABLE, published_at=timezone.now())
    event_record(kind=Event.Kind.LISTING_PUBLISHED, subject=listing, actor=actor)
    return listing


@transaction.atomic
def listing_withdraw(*, listing: PatentListing, actor: User, reason: str = "") -> PatentListing:
    """The owner takes the listing out of the pool; its open requests are declined with the reason."""
    from .requests import requests_decline_open_for_listing

    reason = reason.strip()
    if len(reason) > 1000:
        raise DomainError(_("Keep the reason under 1000 characters."), field="reason")
    listing = _locked(listing, Q(status__in=WITHDRAWABLE), _("Only a published listing can be withdrawn."))
    _change(listing, actor, status=Status.WITHDRAWN)
    requests_decline_open_for_listing(
        listing=listing, actor=actor, reason=reason or _("The owner withdrew this listing.")
    )
    event_record(kind=Event.Kind.LISTING_WITHDRAWN, subject=listing, actor=actor, data={"reason": reason})
    return listing


@transaction.atomic
def listing_hide(*, listing: PatentListing, actor: User, reason: str) -> PatentListing:
    """Staff take a listing out of the pool (its owner still sees it, with the reason); its open
    requests are declined."""
    from .requests import requests_decline_open_for_listing

    reason = reason.strip()
    if not reason:
        raise DomainError(_("Give the reason for hiding this listing."), field="reason")
    if len(reason) > 500:
        raise DomainError(_("Keep the reason under 500 characters."), field="reason")
    listing = _locked(listing, Q(is_hidden=False), _("This listing is already hidden."))
    _change(listing, actor, is_hidden=True, hidden_reason=reason, hidden_by=actor, hidden_at=timezone.now())
    requests_decline_open_for_listing(listing=listing, actor=actor, reason=reason)
    event_record(kind=Event.Kind.LISTING_HIDDEN, subject=listing, actor=actor, data={"reason": reason})
    return listing


@transaction.atomic
def listing_unhide(*, listing: PatentListing, actor: User) -> PatentListing:
    """Put a hidden listing back; the requests declined when it was hidden stay declined."""
    listing = _locked(listing, Q(is_hidden=True), _("This listing is not hidden."))
    _change(listing, actor, is_hidden=False, hidden_reason="", hidden_by=None, hidden_at=None)
    return listing


@transaction.atomic
def listing_sync_exclusive_status(*, listing: PatentListing, actor: User | None = None) -> PatentListing:
    """An exclusive listing is "licensed" once a request is licensed (the other open requests are
    then declined), "under negotiation" while one is accepted, and "available" otherwise.

    The requests services call this after every accept, licence, decline and withdrawal. Other
    terms, and withdrawn, expired or draft listings, keep their status.
    """
    listing = PatentListing.objects.select_for_update().get(pk=listing.pk)
    if listing.licence_terms != PatentListing.Terms.EXCLUSIVE or listing.status not in EXCLUSIVE_SYNCED:
        return listing
    statuses = set(listing.requests.values_list("status", flat=True))
    if LicenceRequest.Status.LICENSED in statuses:
        target = Status.LICENSED
    elif LicenceRequest.Status.ACCEPTED in statuses:
        target = Status.UNDER_NEGOTIATION
    else:
        target = Status.AVAILABLE
    if target != listing.status:
        _change(listing, actor, status=target)
    if target == Status.LICENSED:
        from .requests import requests_decline_open_for_listing

        requests_decline_open_for_listing(
            listing=listing,
            actor=actor,
            reason=_("This patent has been licensed exclusively to another member."),
        )
    return listing


def listings_expire(*, today: date | None = None) -> int:
    """Mark listings past their expiry date expired; safe to run again (a conditional UPDATE).

    Their open requests are declined, so none is left hanging on a patent nobody can license.
    Returns how many listings expired.
    """
    today = today or timezone.localdate()
    due = Q(expiry_date__lt=today, status__in=EXPIRABLE)
    expired = 0
    for listing_id in PatentListing.objects.filter(due).values_list("pk", flat=True):
        expired += _listing_expire(listing_id=listing_id, due=due)
    return expired


@transaction.atomic
def _listing_expire(*, listing_id: int, due: Q) -> int:
    from .requests import requests_decline_open_for_listing

    listing = PatentListing.objects.select_for_update().filter(due, pk=listing_id).first()
    if listing is None:
        return 0
    _change(listing, None, status=Status.EXPIRED)
    requests_decline_open_for_listing(listing=listing, actor=None, reason=_("This patent has expired."))
    return 1


@transaction.atomic
def licensing_contacts_set(*, organization: Organization, actor: User, contacts: list[User]) -> None:
    """Choose which contacts handle licence requests; choosing none means all contacts do."""
    contact_memberships = Membership.objects.filter(organization=organization, role=Membership.Role.CONTACT)
    chosen_ids = {person.pk for person in contacts}
    if not chosen_ids <= set(contact_memberships.values_list("user_id", flat=True)):
        raise DomainError(
            _("Only the organization's contacts can handle licence requests."), field="contacts"
        )
    for membership in contact_memberships.select_for_update():
        handles_licensing = membership.user_id in chosen_ids
        if membership.handles_licensing != handles_licensing:
            membership.handles_licensing = handles_licensing
            membership._history_user = actor
            membership.save(update_fields=["handles_licensing", "updated_at"])
