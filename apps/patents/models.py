import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel


class TechnologyArea(models.Model):
    """The roadmap's technology areas (roadmap.yaml `technology_areas`), loaded by a migration."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("technology area")
        verbose_name_plural = _("technology areas")
        ordering = ["position"]

    def __str__(self):
        return self.name


def listing_document_path(instance, filename: str) -> str:
    """Stored under a random name: the uploaded name is never used on disk or in a URL."""
    return f"patents/{uuid.uuid4().hex}.pdf"


class ListingQuerySet(models.QuerySet):
    def in_pool(self):
        """What members can browse: available (or in negotiation / licensed), not hidden, and
        offered by an active organization."""
        return self.filter(
            status__in=PatentListing.VISIBLE_TO_MEMBERS,
            is_hidden=False,
            organization__membership_status="active",
        )


class PatentListing(TimeStampedModel):
    """A patent or application an organization offers to other members."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AVAILABLE = "available", _("Available")
        UNDER_NEGOTIATION = "under_negotiation", _("Under negotiation")
        LICENSED = "licensed", _("Licensed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        EXPIRED = "expired", _("Expired")

    class Terms(models.TextChoices):
        ROYALTY_FREE = "royalty_free", _("Royalty-free to members")
        FRAND = "frand", _("FRAND (fair, reasonable and non-discriminatory)")
        EXCLUSIVE = "exclusive", _("Exclusive")
        NEGOTIABLE = "negotiable", _("Negotiable")

    class Eligibility(models.TextChoices):
        ANY_MEMBER = "any_member", _("Any active member")
        CANADIAN_OWNED = "canadian_owned", _("Canadian-owned members only")

    class Jurisdiction(models.TextChoices):
        CA = "CA", _("Canada")
        US = "US", _("United States")
        EP = "EP", _("European Patent Office")
        WO = "WO", _("International (PCT)")
        CN = "CN", _("China")
        JP = "JP", _("Japan")
        KR = "KR", _("South Korea")
        OTHER = "other", _("Other")

    # Members see these in the pool; owners and staff see every status.
    VISIBLE_TO_MEMBERS = (Status.AVAILABLE, Status.UNDER_NEGOTIATION, Status.LICENSED)
    # A request can be made only on these.
    REQUESTABLE = (Status.AVAILABLE,)

    organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="patent_listings",
        verbose_name=_("owner organization"),
    )
    title = models.CharField(_("title"), max_length=300)
    number = models.CharField(_("patent or application number"), max_length=60)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=8, choices=Jurisdiction.choices)
    filing_date = models.DateField(_("filing date"))
    grant_date = models.DateField(_("grant date"), null=True, blank=True)
    expiry_date = models.DateField(_("expiry date"), null=True, blank=True)
    technology_areas = models.ManyToManyField(
        TechnologyArea, related_name="listings", verbose_name=_("technology areas")
    )
    abstract = models.TextField(_("abstract"), max_length=10000)
    licence_terms = models.CharField(_("licence terms"), max_length=16, choices=Terms.choices)
    terms_note = models.TextField(_("note on the terms"), max_length=2000, blank=True)
    eligibility = models.CharField(
        _("who may request it"), max_length=16, choices=Eligibility.choices, default=Eligibility.ANY_MEMBER
    )
    document = models.FileField(_("PDF"), upload_to=listing_document_path, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    is_hidden = models.BooleanField(_("hidden by the secretariat"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("listed by"),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    # Moves on with every save of the edit page; a save based on an older one is refused
    # (apps/core/edit_conflicts.py), so two people editing at once cannot undo each other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(excluded_fields=["version"], m2m_fields=[technology_areas])
    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = _("patent listing")
        verbose_name_plural = _("patent listings")
        ordering = ["-published_at", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(expiry_date__isnull=True) | Q(expiry_date__gte=models.F("filing_date")),
                name="listing_expiry_after_filing",
            ),
            models.UniqueConstraint(
                fields=["organization", "jurisdiction", "number"], name="listing_unique_number_per_owner"
            ),
        ]
        indexes = [
            # The pool lists visible listings, newest first.
            models.Index(fields=["status", "is_hidden", "-published_at"]),
        ]

    def __str__(self):
        return f"{self.title} ({self.jurisdiction} {self.number})"

    def get_absolute_url(self):
        return reverse("patents:listing_detail", kwargs={"pk": self.pk})

    @property
    def document_name(self) -> str:
        return Path(self.document.name).name if self.document else ""


class LicenceRequest(TimeStampedModel):
    """One organization's request for a licence on another's listing."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted in principle")
        LICENSED = "licensed", _("Licensed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (Status.PENDING, Status.ACCEPTED)

    listing = models.ForeignKey(
        PatentListing, on_delete=models.PROTECT, related_name="requests", verbose_name=_("listing")
    )
    requesting_organization = models.ForeignKey(
        "organizations.Organization",
        on_delete=models.PROTECT,
        related_name="licence_requests",
        verbose_name=_("requesting organization"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="licence_requests",
        verbose_name=_("requested by"),
    )
    intended_use = models.TextField(_("intended use"), max_length=5000)
    message = models.TextField(_("message"), max_length=5000, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    licensed_on = models.DateField(_("licence signed on"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=1000, blank=True)
    # What the owner decides on: the organization's flag when it asked, whatever staff change later.
    requester_canadian_owned = models.BooleanField(
        _("Canadian-owned when it asked"),
        null=True,
        blank=True,
        help_text=_("Empty for requests made before the portal recorded it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("licence request")
        verbose_name_plural = _("licence requests")
        ordering = ["-created_at"]
        constraints = [
            # One open request per organization and listing.
            models.UniqueConstraint(
                fields=["listing", "requesting_organization"],
                condition=Q(status__in=["pending", "accepted"]),
                name="licence_request_one_open_per_organization",
            ),
        ]
        indexes = [
            # The admin's "unanswered for two weeks" count and the owners' inbox.
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.requesting_organization} → {self.listing}"

    def get_absolute_url(self):
        return reverse("patents:request_detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN

    @property
    def is_on_hold(self) -> bool:
        """Open while one of its two organizations is suspended or lapsed: neither side acts on it
        until the organization is reinstated. Derived, never stored, so reinstatement resumes it
        with nothing to undo. (Load `listing__organization` and `requesting_organization`.)"""
        return self.is_open and not (
            self.requesting_organization.is_active and self.listing.organization.is_active
        )


class LicenceRequestTransition(models.Model):
    """Append-only: each change of a request's status, by whom and when (both sides see it)."""

    request = models.ForeignKey(
        LicenceRequest, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("request")
    )
    from_status = models.CharField(
        _("from"), max_length=16, choices=LicenceRequest.Status.choices, blank=True
    )
    to_status = models.CharField(_("to"), max_length=16, choices=LicenceRequest.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    note = models.CharField(_("note"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("request status change")
        verbose_name_plural = _("request status changes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.from_status or '-'} → {self.to_status}"


class LicenceRequestMessage(models.Model):
    """A message between the two sides while the request is open."""

    request = models.ForeignKey(
        LicenceRequest, on_delete=models.CASCADE, related_name="messages", verbose_name=_("request")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("request message")
        verbose_name_plural = _("request messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.request_id}: {self.body[:40]}"
