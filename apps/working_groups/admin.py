"""The secretariat's admin for working groups: create groups, name leads, follow join requests.

Deciding a join request goes through the same services as the group's page, so the requester gets
the same e-mail whoever decides.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_site import WaitingItem, waiting_for_staff
from apps.core.admin_tools import CheckedAutocompleteMixin, VersionedAdminMixin
from apps.core.errors import DomainError

from . import services
from .models import GroupMembership, JoinRequest, WorkingGroup
from .selectors import join_requests_waiting_long


class GroupMembershipInline(CheckedAutocompleteMixin, admin.TabularInline):
    """Where staff add people and name leads (role)."""

    model = GroupMembership
    extra = 1
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)
    verbose_name = gettext_lazy("member or lead")
    verbose_name_plural = gettext_lazy("members and leads")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


def _tell_new_leads(memberships, *, actor) -> None:
    """A person whose role becomes lead hears about it (in the admin's transaction)."""
    for membership in memberships:
        services.group_lead_named(membership=membership, actor=actor)


@admin.register(WorkingGroup)
class WorkingGroupAdmin(VersionedAdminMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = ("name", "is_active", "lead_names", "member_count", "pending_request_count", "updated_at")
    list_filter = ("is_active",)
    search_fields = ("name", "summary")
    prepopulated_fields = {"slug": ("name",)}
    fields = ("name", "slug", "summary", "charter", "is_active")
    inlines = [GroupMembershipInline]

    def get_queryset(self, request):
        leads = GroupMembership.objects.filter(role=GroupMembership.Role.LEAD).select_related("user")
        return (
            super()
            .get_queryset(request)
            .annotate(
                member_count=Count("group_memberships", distinct=True),
                pending_request_count=Count(
                    "join_requests",
                    filter=Q(join_requests__status=JoinRequest.Status.PENDING),
                    distinct=True,
                ),
            )
            .prefetch_related(Prefetch("group_memberships", queryset=leads, to_attr="lead_memberships"))
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model is GroupMembership:
            named = [
                inline_form.instance
                for inline_form in formset.forms
                if inline_form.instance.pk
                and inline_form.instance.role == GroupMembership.Role.LEAD
                and "role" in inline_form.changed_data
                and inline_form not in formset.deleted_forms
            ]
            _tell_new_leads(named, actor=request.user)

    @admin.display(description=gettext_lazy("leads"))
    def lead_names(self, group):
        return ", ".join(str(membership.user) for membership in group.lead_memberships) or "-"

    @admin.display(description=gettext_lazy("members"), ordering="member_count")
    def member_count(self, group):
        return group.member_count

    @admin.display(description=gettext_lazy("pending requests"), ordering="pending_request_count")
    def pending_request_count(self, group):
        return group.pending_request_count


@admin.register(GroupMembership)
class GroupMembershipAdmin(CheckedAutocompleteMixin, SimpleHistoryAdmin):
    list_display = ("user", "group", "role", "created_at")
    list_filter = ("group", "role")
    search_fields = ("user__full_name", "user__email", "group__name")
    list_select_related = ("user", "group")
    autocomplete_fields = ("user", "group")
    date_hierarchy = "created_at"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.role == GroupMembership.Role.LEAD and "role" in form.changed_data:
            _tell_new_leads([obj], actor=request.user)


class WaitingFilter(admin.SimpleListFilter):
    title = gettext_lazy("waiting")
    parameter_name = "waiting"
    OVER_A_WEEK = "over-a-week"

    def lookups(self, request, model_admin):
        return [(self.OVER_A_WEEK, gettext_lazy("Pending for more than a week"))]

    def queryset(self, request, queryset):
        if self.value() == self.OVER_A_WEEK:
            return queryset.filter(pk__in=join_requests_waiting_long().values("pk"))
        return queryset


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Read-only but for its two actions: a decision also creates the membership and e-mails."""

    list_display = ("user", "group", "status", "created_at", "decided_by", "decided_at")
    list_filter = (WaitingFilter, "status", "group")
    search_fields = ("user__full_name", "user__email", "group__name", "message")
    list_select_related = ("user", "group", "decided_by")
    date_hierarchy = "created_at"
    fields = ("group", "user", "message", "status", "created_at", "decided_by", "decided_at", "decision_note")
    readonly_fields = fields
    actions = ["approve_selected", "decline_selected"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_decide_permission(self, request):
        return request.user.has_perm("working_groups.change_joinrequest")

    def _decide(self, request, queryset, decide):
        decided = 0
        for join_request in queryset.select_related("group", "user"):
            try:
                decide(join_request=join_request, decided_by=request.user)
            except (DomainError, PermissionDenied) as error:
                reason = getattr(error, "message", None) or str(error)
                self.message_user(request, f"{join_request}: {reason}", messages.WARNING)
            else:
                decided += 1
        if decided:
            self.message_user(
                request,
                ngettext("%(count)d request decided.", "%(count)d requests decided.", decided)
                % {"count": decided},
                messages.SUCCESS,
            )

    @admin.action(description=gettext_lazy("Approve the selected requests"), permissions=["decide"])
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, services.join_request_approve)

    @admin.action(description=gettext_lazy("Decline the selected requests"), permissions=["decide"])
    def decline_selected(self, request, queryset):
        self._decide(request, queryset, services.join_request_decline)


@waiting_for_staff
def join_requests_waiting(request) -> list[WaitingItem]:
    if not request.user.has_perm("working_groups.view_joinrequest"):
        return []
    count = join_requests_waiting_long().count()
    if not count:
        return []
    url = reverse("admin:working_groups_joinrequest_changelist") + f"?waiting={WaitingFilter.OVER_A_WEEK}"
    return [WaitingItem(label=_("Join requests waiting more than a week"), count=count, url=url)]
