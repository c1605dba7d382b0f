from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class WebsiteField(models.URLField):
    """A URL that people may type without its scheme: "example.ca" becomes https://example.ca."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


def translated_history_base(model_name: str, /, **fields: models.Field) -> type[models.Model]:
    """An abstract base for a model's HistoricalRecords holding its <field>_<language> columns.

    django-modeltranslation adds those columns when the app registry is ready, after
    django-simple-history has built the historical model; without this base, saving a
    translated model would fail and its history would miss the translations.
    Usage: HistoricalRecords(bases=[translated_history_base("Group", name=CharField(...))]).
    """

    attributes = {"__module__": __name__, "Meta": type("Meta", (), {"abstract": True})}
    for field_name, field in fields.items():
        for code, _label in settings.LANGUAGES:
            column = field.clone()
            column.null, column.blank, column._unique = True, True, False
            attributes[f"{field_name}_{code}"] = column
    return type(f"{model_name}TranslationsHistory", (models.Model,), attributes)


class Event(models.Model):
    """The outbox: one row per change worth telling people about, written in the same
    transaction as the change by `apps.core.events.event_record`. It sits on the ground floor so
    that every domain app can record events without knowing who reads them; the notifications
    app reads these rows and decides who hears about each (see DESIGN.md)."""

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
        INVITATION_SENT = "invitation_sent", _("Invitation sent or resent")
        PASSWORD_RESET_REQUESTED = "password_reset_requested", _("Password reset asked for")
        ACTION_OWNER_LEFT = "action_owner_left", _("Action owner left; no owner yet")
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
        # The table kept the name it had when the model lived in the notifications app.
        db_table = "notifications_event"
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
