"""The outbox, read-only: what happened, to what, by whom, and whether it has been processed.

Events are written only by the services, in the transaction of the change they describe; nobody
adds, edits or deletes one here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Event


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
class EventAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "subject_label", "actor", "processed_at")
    list_filter = ("kind", ProcessedFilter)
    search_fields = ("actor__email", "actor__full_name", "kind")
    list_select_related = ("actor", "subject_type")
    date_hierarchy = "created_at"
    fields = ("created_at", "kind", "subject_type", "subject_id", "actor", "data", "processed_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("about"), ordering="subject_type")
    def subject_label(self, event):
        """The subject's kind and number, without fetching each subject (no query per row)."""
        code = event.data.get("action_code") if isinstance(event.data, dict) else None
        label = f"{event.subject_type.name} #{event.subject_id}"
        return f"{label} ({code})" if code else label
