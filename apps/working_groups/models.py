from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel, translated_history_base


class WorkingGroup(TimeStampedModel):
    """A working group of the alliance (Financing, Skills, R&D, ...), created by the secretariat."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    charter = models.TextField(_("charter"), max_length=20000, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    # Moves on with every save of the edit page; a save based on an older one is refused
    # (apps/core/edit_conflicts.py), so two people editing at once cannot undo each other.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords(
        excluded_fields=["version"],
        bases=[
            translated_history_base(
                "WorkingGroup",
                name=models.CharField(max_length=120),
                summary=models.CharField(max_length=300),
                charter=models.TextField(max_length=20000),
            )
        ],
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("working_groups:detail", kwargs={"slug": self.slug})

    def is_lead(self, user) -> bool:
        if not user.is_authenticated:
            return False
        return self.group_memberships.filter(user=user, role=GroupMembership.Role.LEAD).exists()


class GroupMembership(TimeStampedModel):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("working group"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="group_memberships",
        verbose_name=_("person"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group membership")
        verbose_name_plural = _("group memberships")
        ordering = ["role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="group_membership_unique_person"),
        ]

    def __str__(self):
        return f"{self.user} in {self.group} ({self.get_role_display()})"


class JoinRequest(TimeStampedModel):
    """A member's request to join a group; a lead approves or declines it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a lead")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("working group"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("person"),
    )
    message = models.TextField(_("message"), max_length=2000, blank=True)
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
    decision_note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("join request")
        verbose_name_plural = _("join requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=models.Q(status="pending"),
                name="join_request_one_pending_per_person",
            ),
        ]
        indexes = [
            # The admin front page counts join requests pending for more than a week.
            models.Index(fields=["status", "created_at"]),
        ]

    def __str__(self):
        return f"{self.user} → {self.group}"
