from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel, WebsiteField, translated_history_base


class Kind(models.TextChoices):
    GOVERNMENT = "government", _("Government")
    INDUSTRY = "industry", _("Industry")
    ACADEMIA = "academia", _("Academia")
    RESEARCH = "research", _("Research")
    INDIGENOUS = "indigenous", _("Indigenous")
    LABOUR = "labour", _("Labour")
    FINANCE = "finance", _("Finance")
    NON_PROFIT = "non_profit", _("Non-profit")


class Province(models.TextChoices):
    AB = "AB", _("Alberta")
    BC = "BC", _("British Columbia")
    MB = "MB", _("Manitoba")
    NB = "NB", _("New Brunswick")
    NL = "NL", _("Newfoundland and Labrador")
    NS = "NS", _("Nova Scotia")
    NT = "NT", _("Northwest Territories")
    NU = "NU", _("Nunavut")
    ON = "ON", _("Ontario")
    PE = "PE", _("Prince Edward Island")
    QC = "QC", _("Quebec")
    SK = "SK", _("Saskatchewan")
    YT = "YT", _("Yukon")


class ValueChainSegment(models.Model):
    """A segment of the battery value chain (roadmap.yaml `value_chain_segments`), loaded by a migration."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("value-chain segment")
        verbose_name_plural = _("value-chain segments")
        ordering = ["position"]

    def __str__(self):
        return self.name


class OrganizationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(membership_status=Organization.Status.ACTIVE)

    def due_for_renewal(self, *, within_days: int = 60, today: date | None = None):
        """Active memberships whose renewal falls within `within_days`, overdue ones included."""
        today = today or timezone.localdate()
        return self.active().filter(renewal_due_on__lte=today + timedelta(days=within_days))

    def renewal_due_soon(self, *, within_days: int = 60, today: date | None = None):
        """Active memberships to renew between today and `within_days` from now (not overdue)."""
        today = today or timezone.localdate()
        return self.due_for_renewal(within_days=within_days, today=today).filter(renewal_due_on__gte=today)

    def renewal_overdue(self, *, today: date | None = None):
        today = today or timezone.localdate()
        return self.active().filter(renewal_due_on__lt=today)


class Organization(TimeStampedModel):
    """A member organization. It exists once an application is approved."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        LAPSED = "lapsed", _("Lapsed")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    province = models.CharField(_("province or territory"), max_length=2, choices=Province.choices)
    city = models.CharField(_("city"), max_length=120, blank=True)
    segments = models.ManyToManyField(
        ValueChainSegment,
        blank=True,
        related_name="organizations",
        verbose_name=_("value-chain segments"),
    )
    is_canadian_owned = models.BooleanField(_("Canadian-owned"), default=False)
    website = WebsiteField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    membership_status = models.CharField(
        _("membership status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    status_reason = models.CharField(_("reason for the status"), max_length=500, blank=True)
    joined_on = models.DateField(_("member since"), null=True, blank=True)
    renewal_due_on = models.DateField(_("renewal due"), null=True, blank=True)
    # Moves on with every save of the edit page; a save based on an older one is refused
    # (apps/core/edit_conflicts.py), so two people editing at once cannot undo each other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(
        excluded_fields=["version"],
        m2m_fields=[segments],
        bases=[translated_history_base("Organization", description=models.TextField(max_length=5000))],
    )
    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="organization_name_unique_ci",
                violation_error_message=_("An organization with this name already exists."),
            ),
        ]
        indexes = [
            # The member directory lists active organizations by name.
            models.Index(fields=["membership_status", "name"]),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("organizations:detail", kwargs={"slug": self.slug})

    @property
    def is_active(self) -> bool:
        return self.membership_status == self.Status.ACTIVE


class Membership(TimeStampedModel):
    """A person's place in an organization: its contact (who runs its profile and people) or a member."""

    class Role(models.TextChoices):
        CONTACT = "contact", _("Organization contact")
        MEMBER = "member", _("Member")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("person"),
    )
    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organization"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    handles_licensing = models.BooleanField(
        _("handles licence requests"),
        default=False,
        help_text=_("When no contact is chosen, all the organization's contacts handle licence requests."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organization__name", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_person"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.organization} ({self.get_role_display()})"

    @property
    def is_contact(self) -> bool:
        return self.role == self.Role.CONTACT


class MembershipStatusChange(models.Model):
    """Append-only record of each suspension, lapse and reinstatement, with its reason."""

    organization = models.ForeignKey(
        Organization,
        on_delete=models.CASCADE,
        related_name="status_changes",
        verbose_name=_("organization"),
    )
    from_status = models.CharField(_("from"), max_length=16, choices=Organization.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=16, choices=Organization.Status.choices)
    reason = models.CharField(_("reason"), max_length=500)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    changed_at = models.DateTimeField(_("changed"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership status change")
        verbose_name_plural = _("membership status changes")
        ordering = ["-changed_at"]

    def __str__(self):
        return f"{self.organization}: {self.from_status or '-'} → {self.to_status}"


class MembershipApplication(TimeStampedModel):
    """An organization's application to join, from the public form; staff approve or reject it.

    When the name matches a former member (suspended or lapsed), `existing_organization` points
    at its record, and approval reinstates it instead of creating a duplicate.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    organization_name = models.CharField(_("organization name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    province = models.CharField(_("province or territory"), max_length=2, choices=Province.choices)
    city = models.CharField(_("city"), max_length=120, blank=True)
    segments = models.ManyToManyField(
        ValueChainSegment, blank=True, related_name="+", verbose_name=_("value-chain segments")
    )
    is_canadian_owned = models.BooleanField(_("Canadian-owned"), default=False)
    website = WebsiteField(_("website"), blank=True)
    description = models.TextField(_("description"), max_length=5000, blank=True)
    applicant_name = models.CharField(_("applicant's name"), max_length=150)
    applicant_email = models.EmailField(_("applicant's e-mail"))
    applicant_job_title = models.CharField(_("applicant's job title"), max_length=150, blank=True)
    existing_organization = models.ForeignKey(
        Organization,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("former member record"),
        help_text=_("Set when the applicant was a member before: approval reinstates this record."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.CharField(_("reason"), max_length=500, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        default="en",
        help_text=_("The language the applicant used; their e-mails are written in it."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["-created_at"]
        constraints = [
            # One application under review per organization name.
            models.UniqueConstraint(
                Lower("organization_name"),
                condition=models.Q(status="pending"),
                name="application_one_pending_per_name",
            ),
        ]

    def __str__(self):
        return self.organization_name

    @property
    def is_reapplication(self) -> bool:
        return self.existing_organization_id is not None
