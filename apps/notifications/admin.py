"""Notifications in the admin, read-only: the outbox (what happened, whether it went out), each
immediate e-mail, and each digest (to whom, when, how many items). Staff can send themselves a
test digest. The schedule itself is django-celery-beat's "Periodic tasks".

Events, notifications and digests are written only by the services and the tasks; nobody adds,
edits or deletes one here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from apps.core.admin_tools import CheckedAutocompleteMixin, ReadOnlyMixin
from apps.core.models import Event

from .delivery import SEND_ERRORS
from .digests.sending import digest_test_send
from .models import Digest, Notification, NotificationPreference


class ProcessedFilter(admin.SimpleListFilter):
    title = _("processed")
    parameter_name = "processed"

    def lookups(self, request, model_admin):
        return [("yes", _("Processed")), ("no", _("Waiting"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(processed_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(processed_at__isnull=True)
        return queryset


@admin.register(Event)
class EventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("created_at", "kind", "subject_label", "actor", "processed_at", "attempts")
    list_filter = ("kind", ProcessedFilter)
    search_fields = ("actor__email", "actor__full_name", "kind")
    list_select_related = ("actor", "subject_type")
    date_hierarchy = "created_at"
    fields = (
        "created_at",
        "kind",
        "subject_type",
        "subject_id",
        "actor",
        "data",
        "processed_at",
        "attempts",
    )
    readonly_fields = fields

    @admin.display(description=_("about"), ordering="subject_type")
    def subject_label(self, event):
        """The subject's kind and number, without fetching each subject (no query per row)."""
        code = event.data.get("action_code") if isinstance(event.data, dict) else None
        label = f"{event.subject_type.name} #{event.subject_id}"
        return f"{label} ({code})" if code else label


@admin.register(Notification)
class NotificationAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ("updated_at", "recipient", "event", "status", "attempts")
    list_filter = ("status", "event__kind")
    search_fields = ("recipient__email", "recipient__full_name")
    list_select_related = ("recipient", "event")
    date_hierarchy = "updated_at"


@admin.register(Digest)
class DigestAdmin(ReadOnlyMixin, admin.ModelAdmin):
    change_list_template = "admin/notifications/digest/change_list.html"
    list_display = (
        "recipient",
        "frequency",
        "period_start",
        "status",
        "item_count",
        "sent_at",
        "attempts",
    )
    list_filter = ("frequency", "status", "period_start")
    search_fields = ("recipient__email", "recipient__full_name")
    list_select_related = ("recipient",)
    date_hierarchy = "created_at"
    fields = (
        "recipient",
        "frequency",
        "period_start",
        "covers_from",
        "covers_until",
        "status",
        "item_count",
        "sent_at",
        "attempts",
        "last_error",
    )
    readonly_fields = fields

    def get_urls(self):
        return [
            path(
                "send-test/",
                self.admin_site.admin_view(self.send_test_view),
                name="notifications_digest_send_test",
            ),
            *super().get_urls(),
        ]

    @staticmethod
    @require_POST
    def send_test_view(request):
        """Send the signed-in staff person the digest of the last seven days, to see it as
        members do (in their own language and with their own coverage)."""
        if not request.user.is_staff:
            raise PermissionDenied
        try:
            items = digest_test_send(person=request.user)
        except SEND_ERRORS as error:
            messages.error(request, gettext_now("The mail server refused the test digest: %s") % error)
        else:
            if items:
                text = ngettext(
                    "A test digest with %(count)d item was sent to %(email)s.",
                    "A test digest with %(count)d items was sent to %(email)s.",
                    items,
                )
                messages.success(request, text % {"count": items, "email": request.user.email})
            else:
                messages.warning(
                    request,
                    gettext_now(
                        "Your digest for the last seven days would be empty, so nothing was sent."
                    ),
                )
        return redirect("admin:notifications_digest_changelist")


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(CheckedAutocompleteMixin, admin.ModelAdmin):
    """For the secretariat to help someone who cannot reach their preferences page."""

    list_display = ("user", "digest_frequency", "immediate_email", "updated_at")
    list_filter = ("digest_frequency", "immediate_email")
    search_fields = ("user__email", "user__full_name")
    autocomplete_fields = ("user",)
    filter_horizontal = ("watched_areas",)
