from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_tools import ReadOnlyHistoryMixin

from .cache import figures_changed
from .models import SINGLETON_ID, PublicProgressPage


@admin.register(PublicProgressPage)
class PublicProgressPageAdmin(ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    """One row: the list goes straight to its form; it is never added twice or deleted."""

    fields = ("is_enabled", "updated_at")
    readonly_fields = ("updated_at",)

    def changelist_view(self, request, extra_context=None):
        PublicProgressPage.load()
        return HttpResponseRedirect(reverse("admin:dashboard_publicprogresspage_change", args=[SINGLETON_ID]))

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        figures_changed()
