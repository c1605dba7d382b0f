"""The secretariat's tools for member organizations: the life of each membership (suspend, mark
lapsed, reinstate, each with a reason page) and the people of each organization."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_site import WaitingItem, waiting_for_staff
from apps.core.admin_tools import (
    CheckedAutocompleteMixin,
    ReadOnlyHistoryMixin,
    ReadOnlyMixin,
    ReasonForm,
    VersionedAdminMixin,
    reason_action,
    render_reason_page,
)
from apps.core.errors import DomainError

from ..models import (
    Membership,
    MembershipStatusChange,
    Organization,
    ValueChainSegment,
)
from ..services.lifecycle import (
    ALLOWED_FROM,
    organization_mark_lapsed,
    organization_reinstate,
    organization_suspend,
)

RENEWAL_WINDOW_DAYS = 60


# Organizations


def _suspend(organization, *, actor, reason):
    return organization_suspend(organization=organization, actor=actor, reason=reason)


def _mark_lapsed(organization, *, actor, reason):
    return organization_mark_lapsed(organization=organization, actor=actor, reason=reason)


def _reinstate(organization, *, actor, reason):
    return organization_reinstate(organization=organization, actor=actor, reason=reason)


# transition -> (service, target status, button label, page title)
TRANSITIONS = {
    "suspend": (_suspend, Organization.Status.SUSPENDED, _("Suspend"), _("Suspend the membership")),
    "lapse": (_mark_lapsed, Organization.Status.LAPSED, _("Mark lapsed"), _("Mark the membership lapsed")),
    "reinstate": (_reinstate, Organization.Status.ACTIVE, _("Reinstate"), _("Reinstate the membership")),
}
TRANSITION_INTRO = _(
    "The reason is recorded with the change and e-mailed to the organization's contacts. People of a "
    "suspended or lapsed organization can sign in but only see the page that explains its status."
)
TRANSITION_DONE = {
    "suspend": _("%(count)d organization(s) suspended."),
    "lapse": _("%(count)d organization(s) marked lapsed."),
    "reinstate": _("%(count)d organization(s) reinstated."),
}


class RenewalDueFilter(admin.SimpleListFilter):
    title = _("renewal due")
    parameter_name = "renewal"

    def lookups(self, request, model_admin):
        return [
            ("soon", _("In the next %(days)d days") % {"days": RENEWAL_WINDOW_DAYS}),
            ("overdue", _("Overdue")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            return queryset.renewal_due_soon(within_days=RENEWAL_WINDOW_DAYS)
        if self.value() == "overdue":
            return queryset.renewal_overdue()
        return queryset


class MembershipInlineFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """An organization that has a contact keeps one: someone must run its profile and people."""
        super().clean()
        if (
            self.instance.pk is None
            or not self.instance.memberships.filter(role=Membership.Role.CONTACT).exists()
        ):
            return
        remaining_contacts = [
            form
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and form.cleaned_data.get("role") == Membership.Role.CONTACT
        ]
        if not remaining_contacts:
            raise ValidationError(gettext("Keep at least one organization contact."))


class MembershipInline(CheckedAutocompleteMixin, admin.TabularInline):
    model = Membership
    formset = MembershipInlineFormSet
    fields = ["user", "role", "created_at"]
    readonly_fields = ["created_at"]
    autocomplete_fields = ["user"]
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


class MembershipStatusChangeInline(ReadOnlyMixin, admin.TabularInline):
    model = MembershipStatusChange
    fields = ["changed_at", "from_status", "to_status", "reason", "changed_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("status changes (made with the actions above)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by")



@admin.register(Organization)
class OrganizationAdmin(VersionedAdminMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin, TranslationAdmin):
    list_display = [
        "name",
        "kind",
        "province",
        "membership_status",
        "is_canadian_owned",
        "joined_on",
        "renewal_due_on",
        "people_count",
    ]
    list_filter = [
        "membership_status",
        RenewalDueFilter,
        "kind",
        "province",
        "segments",
        "is_canadian_owned",
    ]
    search_fields = ["name", "city", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["membership_status", "status_reason"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "kind",
                    "province",
                    "city",
                    "segments",
                    "is_canadian_owned",
                    "website",
                    "description",
                ]
            },
        ),
        (
            _("Membership"),
            {
                "fields": ["membership_status", "status_reason", "joined_on", "renewal_due_on"],
                "description": _(
                    "The status changes only with the Suspend, Mark lapsed and Reinstate actions."
                ),
            },
        ),
    ]
    inlines = [MembershipInline, MembershipStatusChangeInline]
    actions = ["suspend_selected", "mark_lapsed_selected", "reinstate_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(people_count=Count("memberships", distinct=True))

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "segments":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("people"), ordering="people_count")
    def people_count(self, organization):
        return organization.people_count

    def _transition_action(self, request, queryset, transition):
        service, _status, button, title = TRANSITIONS[transition]
        return reason_action(
            self,
            request,
            queryset,
            service=service,
            title=title,
            intro=TRANSITION_INTRO,
            button=button,
            done_message=TRANSITION_DONE[transition],
        )

    @admin.action(description=_("Suspend the selected organizations"), permissions=["change"])
    def suspend_selected(self, request, queryset):
        return self._transition_action(request, queryset, "suspend")

    @admin.action(description=_("Mark the selected organizations lapsed"), permissions=["change"])
    def mark_lapsed_selected(self, request, queryset):
        return self._transition_action(request, queryset, "lapse")

    @admin.action(description=_("Reinstate the selected organizations"), permissions=["change"])
    def reinstate_selected(self, request, queryset):
        return self._transition_action(request, queryset, "reinstate")

    def get_urls(self):
        return [
            path(
                "<path:object_id>/membership/<slug:transition>/",
                self.admin_site.admin_view(self.transition_view),
                name="organizations_organization_transition",
            ),
            *super().get_urls(),
        ]

    def transition_view(self, request, object_id, transition):
        """The Suspend, Mark lapsed and Reinstate buttons of the change page: ask for the reason."""
        if transition not in TRANSITIONS:
            raise Http404
        organization = self.get_object(request, object_id)
        if organization is None:
            raise Http404
        if not self.has_change_permission(request, organization):
            raise PermissionDenied
        service, _status, button, title = TRANSITIONS[transition]
        form = ReasonForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                service(organization, actor=request.user, reason=form.cleaned_data["reason"])
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                self.message_user(request, TRANSITION_DONE[transition] % {"count": 1}, messages.SUCCESS)
                return HttpResponseRedirect(
                    reverse("admin:organizations_organization_change", args=[organization.pk])
                )
        return render_reason_page(
            request,
            self,
            objects=[organization],
            form=form,
            title=title,
            intro=TRANSITION_INTRO,
            button=button,
            status=400 if form.is_bound else 200,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        organization = self.get_object(request, object_id)
        buttons = []
        if organization is not None and self.has_change_permission(request, organization):
            buttons = [
                {
                    "label": button,
                    "url": reverse(
                        "admin:organizations_organization_transition", args=[organization.pk, transition]
                    ),
                }
                for transition, (_service, status, button, _title) in TRANSITIONS.items()
                if organization.membership_status in ALLOWED_FROM[status]
            ]
        extra_context = {**(extra_context or {}), "status_buttons": buttons}
        return super().change_view(request, object_id, form_url, extra_context)


class MembershipAdminForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "organization", "role"]

    def clean(self):
        cleaned_data = super().clean()
        original = self.instance
        demoting = original.pk and original.is_contact and cleaned_data.get("role") != Membership.Role.CONTACT
        if demoting and _is_last_active_contact(original):
            raise ValidationError(gettext("Keep at least one organization contact."))
        return cleaned_data


def _is_last_active_contact(membership: Membership) -> bool:
    """The rule the people page enforces too: an active organization always keeps a contact."""
    if not membership.is_contact or not membership.organization.is_active:
        return False
    return not (
        Membership.objects.filter(
            organization_id=membership.organization_id, role=Membership.Role.CONTACT, user__is_active=True
        )
        .exclude(pk=membership.pk)
        .exists()
    )


@admin.register(Membership)
class MembershipAdmin(CheckedAutocompleteMixin, SimpleHistoryAdmin):
    form = MembershipAdminForm
    list_display = ["user", "organization", "role", "created_at"]
    list_filter = ["role", "organization__membership_status"]
    search_fields = ["user__full_name", "user__email", "organization__name"]
    list_select_related = ["user", "organization"]
    autocomplete_fields = ["user", "organization"]
    actions = []  # no bulk delete: each removal is checked against the last-contact rule

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _is_last_active_contact(obj):
            return False
        return super().has_delete_permission(request, obj)


@admin.register(MembershipStatusChange)
class MembershipStatusChangeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """Read-only: rows are written by the Suspend, Mark lapsed and Reinstate actions."""

    list_display = ["organization", "from_status", "to_status", "reason", "changed_by", "changed_at"]
    list_filter = ["to_status", "from_status"]
    search_fields = ["organization__name", "reason"]
    list_select_related = ["organization", "changed_by"]
    date_hierarchy = "changed_at"



@admin.register(ValueChainSegment)
class ValueChainSegmentAdmin(TranslationAdmin):
    list_display = ["name", "code", "position"]
    list_editable = ["position"]
    search_fields = ["name", "code"]


# Applications


# What the admin's front page counts.


@waiting_for_staff
def memberships_to_renew(request) -> list[WaitingItem]:
    if not request.user.has_perm("organizations.view_organization"):
        return []
    changelist = reverse("admin:organizations_organization_changelist")
    items = []
    due_soon = Organization.objects.renewal_due_soon(within_days=RENEWAL_WINDOW_DAYS).count()
    if due_soon:
        items.append(
            WaitingItem(
                label=gettext("Memberships due for renewal in the next %(days)d days")
                % {"days": RENEWAL_WINDOW_DAYS},
                count=due_soon,
                url=f"{changelist}?renewal=soon",
            )
        )
    overdue = Organization.objects.renewal_overdue().count()
    if overdue:
        items.append(
            WaitingItem(
                label=gettext("Memberships overdue for renewal"),
                count=overdue,
                url=f"{changelist}?renewal=overdue",
            )
        )
    return items
