from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One immediate e-mail about one event to one person: the record that makes a retry skip
    the people already served."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey("core.Event", on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("to")
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=1)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("when"), auto_now=True)

    class Meta:
        verbose_name = _("notification e-mail")
        verbose_name_plural = _("notification e-mails")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient"], name="notification_once_per_event_and_person"
            )
        ]

    def __str__(self):
        return f"{self.event} -> {self.recipient_id}"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    NEVER = "never", _("Never")


class NotificationPreference(models.Model):
    """What a person wants by e-mail. Someone without a row has the defaults: a weekly digest of
    their groups' actions, and immediate e-mail on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    digest_frequency = models.CharField(
        _("digest"), max_length=8, choices=Frequency.choices, default=Frequency.WEEKLY
    )
    covers_my_groups = models.BooleanField(_("the actions of my working groups"), default=True)
    covers_whole_roadmap = models.BooleanField(_("the whole roadmap"), default=False)
    covers_listings = models.BooleanField(
        _("new patent listings in the technology areas I watch"), default=False
    )
    watched_areas = models.ManyToManyField(
        "patents.TechnologyArea",
        blank=True,
        related_name="+",
        verbose_name=_("technology areas I watch"),
    )
    covers_new_members = models.BooleanField(_("new member organizations"), default=False)
    immediate_email = models.BooleanField(
        _("e-mail me at once about things that wait for me"), default=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preferences")
        verbose_name_plural = _("notification preferences")

    def __str__(self):
        return str(self.user)


class Digest(models.Model):
    """One person's digest for one period. The unique constraint is what makes a second run, or
    a second worker, send nothing twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        EMPTY = "empty", _("Nothing to send")
        FAILED = "failed", _("Failed, will be retried")
        GAVE_UP = "gave_up", _("Failed")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digests", verbose_name=_("to")
    )
    frequency = models.CharField(_("frequency"), max_length=8, choices=Frequency.choices)
    period_start = models.DateField(_("period"))
    covers_from = models.DateTimeField(_("changes from"))
    covers_until = models.DateTimeField(_("changes until"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    item_count = models.PositiveIntegerField(_("items"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    next_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("planned"), auto_now_add=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "frequency", "period_start"],
                name="digest_once_per_person_and_period",
            )
        ]
        indexes = [
            # The sender claims the digests of a period that still wait to go out.
            models.Index(fields=["frequency", "period_start", "status"]),
            # "Since the person's last digest": the latest covered time per person.
            models.Index(fields=["recipient", "-covers_until"]),
        ]

    def __str__(self):
        return f"{self.get_frequency_display()} {self.period_start} -> {self.recipient_id}"
