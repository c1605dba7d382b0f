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
