"""The secretariat's admin for the roadmap: actions (edit, import, export, history), the read-only
timeline of status updates (with "Hide" and its reason), areas, pillars and indicators.

Status and percent done are read-only everywhere here: they change only through status updates.
Saving an action, from its form or an import row, goes through services.action_save.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from apps.core import exports
from apps.core.admin_site import WaitingItem, waiting_for_staff
from apps.core.admin_tools import CheckedAutocompleteMixin, ReadOnlyHistoryMixin, ReadOnlyMixin
from apps.core.data_versions import data_changed
from apps.core.errors import DomainError

from .models import Action, Area, Indicator, IndicatorValue, Pillar, StatusUpdate
from .resources import ActionResource
from .services import ROADMAP_DATA, action_save, status_update_hide

OVERDUE = "overdue"
UPDATE_DUE = "due"


class ProgressFilter(admin.SimpleListFilter):
    """The two lists the front page links to: overdue actions and actions with an update due."""

    title = _("progress")
    parameter_name = "progress"

    def lookups(self, request, model_admin):
        return [
            (OVERDUE, _("Overdue (past the target date, not done)")),
            (UPDATE_DUE, _("Update due")),
        ]

    def queryset(self, request, queryset):
        if self.value() == OVERDUE:
            return queryset.overdue()
        if self.value() == UPDATE_DUE:
            return queryset.update_due()
        return queryset


class ActionAdminForm(forms.ModelForm):
    class Meta:
        model = Action
        fields = [
            "code",
            "title",
            "description",
            "area",
            "working_group",
            "lead_organizations",
            "owner",
            "start_date",
            "target_date",
            "update_cadence_days",
        ]

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        if owner is not None and not owner.is_active:
            raise forms.ValidationError(_("This person is deactivated: choose an active person."))
        return owner


class StatusUpdateInline(ReadOnlyMixin, admin.TabularInline):
    """The action's timeline, newest first, hidden updates marked as such."""

    model = StatusUpdate
    fields = ("created_at", "author", "status", "percent_done", "summary_excerpt", "visibility")
    readonly_fields = fields
    ordering = ("-created_at", "-pk")
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("status update")
    verbose_name_plural = _("status updates (the timeline)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author", "hidden_by")


    @admin.display(description=_("summary"))
    def summary_excerpt(self, update):
        return truncatechars(update.summary, 120)

    @admin.display(description=_("visibility"))
    def visibility(self, update):
        return _visibility(update)


def _visibility(update: StatusUpdate) -> str:
    if not update.is_hidden:
        return gettext("Visible")
    return gettext("Hidden by %(person)s: %(reason)s") % {
        "person": update.hidden_by or gettext("the secretariat"),
        "reason": update.hidden_reason,
    }


@admin.register(Action)
class ActionAdmin(
    CheckedAutocompleteMixin, ReadOnlyHistoryMixin, ImportExportMixin, SimpleHistoryAdmin, TranslationAdmin
):
    form = ActionAdminForm
    resource_classes = [ActionResource]
    import_formats = [exports.CSV, exports.XLSX]
    export_formats = [exports.CSV, exports.XLSX]
    import_template_name = "admin/roadmap/action/import.html"
    list_display = (
        "code",
        "title",
        "area",
        "working_group",
        "owner",
        "status",
        "percent_done",
        "target_date",
        "next_update_due_on",
        "is_overdue",
    )
    list_display_links = ("code", "title")
    list_filter = (ProgressFilter, "area", "status", "working_group", "is_named_in_roadmap")
    search_fields = ("code", "title", "description", "owner__email", "owner__full_name")
    list_select_related = ("area", "working_group", "owner")
    autocomplete_fields = ("working_group", "lead_organizations", "owner")
    readonly_fields = (
        "status",
        "percent_done",
        "last_update_at",
        "next_update_due_on",
        "version",
        "is_named_in_roadmap",
    )
    fieldsets = (
        (None, {"fields": ("code", "title", "description", "area")}),
        (_("Who carries it"), {"fields": ("working_group", "lead_organizations", "owner")}),
        (
            _("Schedule"),
            {
                "fields": ("start_date", "target_date", "update_cadence_days", "next_update_due_on"),
                "description": _(
                    "An update is due when the cadence has passed since the last update "
                    "(or since the start date, before the first one)."
                ),
            },
        ),
        (
            _("Progress"),
            {
                "fields": ("status", "percent_done", "last_update_at", "version", "is_named_in_roadmap"),
                "description": _(
                    "Status and percent done change only through status updates, posted by the owning "
                    "group's leads, the owner or the secretariat on the action's page."
                ),
            },
        ),
    )
    inlines = [StatusUpdateInline]

    @admin.display(description=_("overdue"), boolean=True)
    def is_overdue(self, action):
        return action.is_overdue()

    def save_model(self, request, obj, form, change):
        action_save(action=obj, actor=request.user)

    def get_actions(self, request):
        """No bulk delete: deleting an action would take its status updates with it."""
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.updates.exists():
            return False
        return super().has_delete_permission(request, obj)

    def has_import_permission(self, request):
        return request.user.has_perm("roadmap.add_action") and request.user.has_perm("roadmap.change_action")

    def has_export_permission(self, request):
        return request.user.has_perm("roadmap.view_action")

    def get_import_data_kwargs(self, **kwargs):
        """All or nothing: a row that turns invalid between the preview and the confirmation
        cancels the whole import."""
        return {**super().get_import_data_kwargs(**kwargs), "rollback_on_validation_errors": True}


class HideReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"),
        max_length=StatusUpdate._meta.get_field("hidden_reason").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_(
            "Members see this reason on the action's timeline in place of the update. The action "
            "goes back to its latest visible update."
        ),
    )


@admin.register(StatusUpdate)
class StatusUpdateAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Append-only: nobody adds, edits or deletes an update here. Staff may hide one, with a reason."""

    list_display = ("action", "created_at", "author", "status", "percent_done", "is_hidden")
    list_filter = ("is_hidden", "status", "action__area", "action__working_group")
    search_fields = ("action__code", "action__title", "summary", "author__email", "author__full_name")
    list_select_related = ("action", "author")
    date_hierarchy = "created_at"
    fields = (
        "action",
        "author",
        "created_at",
        "status",
        "percent_done",
        "previous_status",
        "previous_percent_done",
        "summary",
        "blockers",
        "asks",
        "next_steps",
        "evidence_links",
        "visibility",
        "hidden_at",
    )
    readonly_fields = fields
    actions = ["hide_selected"]
    change_form_template = "admin/roadmap/statusupdate/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("action", "author", "hidden_by")


    def has_hide_permission(self, request, obj=None):
        return request.user.is_staff and request.user.has_perm("roadmap.change_statusupdate")

    @admin.display(description=_("visibility"))
    def visibility(self, update):
        return _visibility(update)

    @admin.action(description=_("Hide the selected updates (asks for a reason)"), permissions=["hide"])
    def hide_selected(self, request, queryset):
        form = HideReasonForm(request.POST if "apply" in request.POST else None)
        updates = list(queryset.select_related("action"))
        if form.is_bound and form.is_valid():
            hidden = self._hide_each(request, updates, form.cleaned_data["reason"])
            if hidden:
                self.message_user(
                    request,
                    ngettext("%(count)d update hidden.", "%(count)d updates hidden.", hidden)
                    % {"count": hidden},
                    messages.SUCCESS,
                )
            return None
        return self._reason_page(request, updates, form, action=request.POST.get("action", ""))

    def _hide_each(self, request, updates, reason) -> int:
        hidden = 0
        for update in updates:
            try:
                status_update_hide(update=update, actor=request.user, reason=reason)
            except DomainError as error:
                self.message_user(request, f"{update}: {error.message}", messages.ERROR)
            else:
                hidden += 1
        return hidden

    def get_urls(self):
        return [
            path(
                "<path:object_id>/hide/",
                self.admin_site.admin_view(self.hide_view),
                name="roadmap_statusupdate_hide",
            ),
            *super().get_urls(),
        ]

    def hide_view(self, request, object_id):
        """The Hide button of an update's page: ask for the reason, then hide it."""
        update = self.get_object(request, object_id)
        if update is None:
            raise Http404
        if not self.has_hide_permission(request, update):
            raise PermissionDenied
        form = HideReasonForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                status_update_hide(update=update, actor=request.user, reason=form.cleaned_data["reason"])
            except DomainError as error:
                form.add_error("reason" if error.field == "reason" else None, error.message)
            else:
                self.message_user(request, gettext("The update is hidden."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:roadmap_statusupdate_change", args=[update.pk]))
        return self._reason_page(request, [update], form)

    def _reason_page(self, request, updates, form, *, action=""):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Hide status updates"),
            "objects": updates,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": reverse("admin:roadmap_statusupdate_changelist"),
        }
        status = 400 if form.is_bound else 200
        return TemplateResponse(request, "admin/roadmap/hide_reason.html", context, status=status)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        update = self.get_object(request, object_id)
        can_hide = update is not None and not update.is_hidden and self.has_hide_permission(request, update)
        extra_context = {**(extra_context or {}), "can_hide": can_hide}
        return super().change_view(request, object_id, form_url, extra_context)


class AreaInline(admin.TabularInline):
    model = Area
    fields = ("code", "name", "position")
    extra = 0
    show_change_link = True


@admin.register(Pillar)
class PillarAdmin(TranslationAdmin):
    list_display = ("name", "position", "area_count")
    search_fields = ("name",)
    inlines = [AreaInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(area_count=Count("areas"))

    @admin.display(description=_("areas"), ordering="area_count")
    def area_count(self, pillar):
        return pillar.area_count


class IndicatorInline(admin.TabularInline):
    model = Indicator
    fields = ("name", "kind", "unit", "target", "target_year", "position")
    extra = 0
    show_change_link = True


@admin.register(Area)
class AreaAdmin(ReadOnlyHistoryMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("code", "name", "pillar", "position", "action_count")
    list_filter = ("pillar",)
    search_fields = ("code", "name", "goal")
    list_select_related = ("pillar",)
    fields = ("pillar", "code", "name", "summary", "goal", "position")
    inlines = [IndicatorInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(action_count=Count("actions"))

    @admin.display(description=_("actions"), ordering="action_count")
    def action_count(self, area):
        return area.action_count


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    fields = ("measured_on", "value", "source", "note", "recorded_by")
    readonly_fields = ("recorded_by",)
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyHistoryMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = (
        "name",
        "area",
        "kind",
        "unit",
        "target",
        "target_year",
        "baseline_value",
        "baseline_year",
    )
    list_filter = ("area", "kind")
    search_fields = ("name", "unit")
    list_select_related = ("area",)
    fields = (
        "area",
        "name",
        "kind",
        "unit",
        "target",
        "target_year",
        "baseline_value",
        "baseline_year",
        "position",
    )
    inlines = [IndicatorValueInline]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        data_changed(topic=ROADMAP_DATA)

    def save_formset(self, request, form, formset, change):
        for value in formset.save(commit=False):
            if value.pk is None:
                value.recorded_by = request.user
            value.save()
        for value in formset.deleted_objects:
            value.delete()
        data_changed(topic=ROADMAP_DATA)


@admin.register(IndicatorValue)
class IndicatorValueAdmin(CheckedAutocompleteMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    list_display = ("indicator", "value", "measured_on", "source", "recorded_by")
    list_filter = ("indicator__area", "indicator")
    search_fields = ("indicator__name", "source", "note")
    list_select_related = ("indicator", "recorded_by")
    autocomplete_fields = ("indicator",)
    date_hierarchy = "measured_on"
    fields = ("indicator", "value", "measured_on", "source", "note", "recorded_by")
    readonly_fields = ("recorded_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        data_changed(topic=ROADMAP_DATA)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        data_changed(topic=ROADMAP_DATA)

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        data_changed(topic=ROADMAP_DATA)


@waiting_for_staff
def actions_waiting(request) -> list[WaitingItem]:
    if not request.user.has_perm("roadmap.view_action"):
        return []
    changelist = reverse("admin:roadmap_action_changelist")
    today = timezone.localdate()
    return [
        WaitingItem(
            label=gettext("Actions overdue"),
            count=Action.objects.overdue(today).count(),
            url=f"{changelist}?{ProgressFilter.parameter_name}={OVERDUE}",
        ),
        WaitingItem(
            label=gettext("Actions with an update due"),
            count=Action.objects.update_due(today).count(),
            url=f"{changelist}?{ProgressFilter.parameter_name}={UPDATE_DUE}",
        ),
    ]
