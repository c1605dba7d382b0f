from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    """The outbox: one row per change worth telling people about, written in the same
    transaction as the change. Notifications and digests read these rows (see DESIGN.md)."""

    class Kind(models.TextChoices):
        STATUS_UPDATED = "status_updated", _("Status update posted")
        STATUS_UPDATE_HIDDEN = "status_update_hidden", _("Status update hidden")
        ACTION_OWNER_NAMED = "action_owner_named", _("Action owner named")
        LISTING_PUBLISHED = "listing_published", _("Patent listing published")
        LISTING_WITHDRAWN = "listing_withdrawn", _("Patent listing withdrawn")
        LISTING_HIDDEN = "listing_hidden", _("Patent listing hidden")
        LICENCE_REQUESTED = "licence_requested", _("Licence requested")
        LICENCE_REQUEST_CHANGED = "licence_request_changed", _("Licence request answered or changed")
        LICENCE_MESSAGE_SENT = "licence_message_sent", _("Message on a licence request")
        JOIN_REQUESTED = "join_requested", _("Asked to join a working group")
        GROUP_LEAD_NAMED = "group_lead_named", _("Working-group lead named")
        APPLICATION_SUBMITTED = "application_submitted", _("Membership application received")
        ACTION_UPDATE_DUE = "action_update_due", _("Action update due")
        RENEWAL_DUE = "renewal_due", _("Membership renewal coming up")
        APPLICATION_APPROVED = "application_approved", _("Membership application approved")
        APPLICATION_REJECTED = "application_rejected", _("Membership application rejected")
        MEMBERSHIP_STATUS_CHANGED = "membership_status_changed", _("Membership status changed")
        MEMBERSHIP_REMOVED = "membership_removed", _("Person removed from an organization")
        MEMBERSHIP_ROLE_CHANGED = "membership_role_changed", _("Role in an organization changed")
        JOIN_DECIDED = "join_decided", _("Join request decided")
        GROUP_MEMBER_ADDED = "group_member_added", _("Added to a working group")
        API_TOKEN_EXPIRING = "api_token_expiring", _("API token expiring soon")

    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    subject_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    data = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    # Delivery bookkeeping: a worker claims the event until `claimed_until`; a failed send is
    # tried again from `next_attempt_at`, with a longer wait after each attempt.
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    attempts = models.PositiveSmallIntegerField(_("delivery attempts"), default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, editable=False)
    # A reminder is recorded once per subject and occasion, however often the daily scan runs.
    dedup_key = models.CharField(max_length=120, null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-created_at"]
        indexes = [
            # The sweeper and the digest builder read unprocessed events in order.
            models.Index(fields=["processed_at", "created_at"]),
            models.Index(fields=["subject_type", "subject_id"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d %H:%M})"


class Notification(models.Model):
    """One immediate e-mail about one event to one person: the record that makes a retry skip
    the people already served."""

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
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
