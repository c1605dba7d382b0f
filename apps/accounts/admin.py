"""The secretariat's admin for people and invitations.

Changes of state (deactivate, reactivate, resend, revoke) go through the same services as the
portal's pages, so the admin cannot break a rule the pages keep.
"""

from datetime import timedelta

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_site import WaitingItem, waiting_for_staff
from apps.core.admin_tools import ReadOnlyHistoryMixin, ReadOnlyMixin
from apps.core.errors import DomainError
from apps.organizations.models import Membership
from apps.working_groups.models import GroupMembership

from . import services, services_tokens
from .forms import AdminPasswordChangeForm, AdminUserChangeForm, AdminUserCreationForm
from .models import ApiToken, Invitation, User
from .permissions import can_change_account, can_grant_access

EXPIRING_SOON_DAYS = 3


def apply_to_each(model_admin, request, objects, change, *, done: str) -> None:
    """Run `change` (a service call) on each selected object; say which changed and why the others did not."""
    changed = []
    for item in objects:
        try:
            change(item)
        except DomainError as error:
            model_admin.message_user(
                request,
                _("Could not change %(name)s: %(reason)s") % {"name": item, "reason": error.message},
                messages.ERROR,
            )
        else:
            changed.append(str(item))
    if changed:
        model_admin.message_user(request, done % {"names": ", ".join(changed)}, messages.SUCCESS)


class ReadOnlyInline(admin.TabularInline):
    """Shown for the overview; changed where the rules are kept (people page, group admin)."""

    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class MembershipInline(ReadOnlyInline):
    model = Membership
    fk_name = "user"
    fields = ("organization", "organization_status", "role", "created_at")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("organizations")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("organization")

    @admin.display(description=gettext_lazy("membership status"))
    def organization_status(self, membership):
        return membership.organization.get_membership_status_display()


class GroupMembershipInline(ReadOnlyInline):
    model = GroupMembership
    fk_name = "user"
    fields = ("group", "role", "created_at")
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("working groups")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("group")


@admin.register(User)
class UserAdmin(ReadOnlyHistoryMixin, SimpleHistoryAdmin, DjangoUserAdmin):
    """People. Restoring an old version from the history is off: it would bypass the rules below
    and the deactivation services."""

    form = AdminUserChangeForm
    add_form = AdminUserCreationForm
    # Sets the password through the service, which revokes the person's API tokens with it.
    change_password_form = AdminPasswordChangeForm
    list_display = ("email", "full_name", "organization_names", "is_staff", "is_active", "date_joined")
    list_display_links = ("email", "full_name")
    list_filter = ("is_active", "is_staff", "is_superuser", "groups", "date_joined")
    search_fields = ("email", "full_name", "job_title", "memberships__organization__name")
    ordering = ("full_name", "email")
    date_hierarchy = "date_joined"
    readonly_fields = ("is_active", "deactivated_at", "deactivated_by", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (gettext_lazy("About the person"), {"fields": ("full_name", "job_title", "preferred_language")}),
        (
            gettext_lazy("Active or deactivated"),
            {
                "fields": ("is_active", "deactivated_at", "deactivated_by"),
                "description": gettext_lazy(
                    "Use the actions on the list of people to deactivate or reactivate someone."
                ),
            },
        ),
        (
            gettext_lazy("Secretariat access"),
            {
                "fields": ("is_staff", "is_superuser", "groups", "user_permissions"),
                "description": gettext_lazy(
                    "Only a superuser can change who is staff or superuser, their groups and their "
                    "single permissions, or change a superuser's account in any way."
                ),
            },
        ),
        (gettext_lazy("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "usable_password", "password1", "password2"),
            },
        ),
    )
    inlines = [MembershipInline, GroupMembershipInline]
    actions = ["deactivate_people", "reactivate_people"]

    def get_queryset(self, request):
        memberships = Membership.objects.select_related("organization").order_by("organization__name")
        return super().get_queryset(request).prefetch_related(Prefetch("memberships", queryset=memberships))

    def get_readonly_fields(self, request, obj=None):
        """Who is staff, superuser, in which group and with which single permissions is a
        superuser's to set; for other staff these fields are shown, and a posted value is ignored."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not can_grant_access(request.user):
            readonly += ["is_staff", "is_superuser", "groups", "user_permissions"]
        return readonly

    def get_fieldsets(self, request, obj=None):
        """A superuser's page, read-only for staff, shows no password (nor its reset button)."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or can_change_account(request.user, obj):
            return fieldsets
        (name, options), *others = fieldsets
        fields = tuple(field for field in options["fields"] if field != "password")
        return ((name, {**options, "fields": fields}), *others)

    def has_change_permission(self, request, obj=None):
        """Staff see a superuser's page read-only; its change, password and history forms refuse."""
        if obj is not None and not can_change_account(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not can_change_account(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        """The list's "delete" action checks the model permission only: refuse superusers here."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        if any(not can_change_account(request.user, person) for person in objs):
            perms_needed = {*perms_needed, _("superusers (only a superuser can delete one)")}
        return deleted, model_count, perms_needed, protected

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    @admin.display(description=gettext_lazy("organizations"))
    def organization_names(self, person):
        return ", ".join(membership.organization.name for membership in person.memberships.all())

    def _changeable(self, request, queryset) -> list[User]:
        """The selected people this person may change; says in words who was skipped and why."""
        people = list(queryset)
        skipped = [str(person) for person in people if not can_change_account(request.user, person)]
        if skipped:
            message = _("Skipped %(names)s: only a superuser can change a superuser.")
            self.message_user(request, message % {"names": ", ".join(skipped)}, messages.WARNING)
        return [person for person in people if can_change_account(request.user, person)]

    @admin.action(description=gettext_lazy("Deactivate the selected people"), permissions=["change"])
    def deactivate_people(self, request, queryset):
        from apps.organizations.services.people import person_deactivate

        apply_to_each(
            self,
            request,
            self._changeable(request, queryset),
            lambda person: person_deactivate(person=person, actor=request.user),
            done=_("Deactivated: %(names)s."),
        )

    @admin.action(description=gettext_lazy("Reactivate the selected people"), permissions=["change"])
    def reactivate_people(self, request, queryset):
        apply_to_each(
            self,
            request,
            self._changeable(request, queryset),
            lambda person: services.user_reactivate(person=person, actor=request.user),
            done=_("Reactivated: %(names)s."),
        )


class InvitationStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"
    EXPIRING = "expiring"

    def lookups(self, request, model_admin):
        return [
            *Invitation.State.choices,
            (
                self.EXPIRING,
                _("Pending, expiring within %(days)d days") % {"days": EXPIRING_SOON_DAYS},
            ),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == Invitation.State.PENDING:
            return queryset.pending()
        if value == Invitation.State.ACCEPTED:
            return queryset.filter(accepted_at__isnull=False)
        if value == Invitation.State.REVOKED:
            return queryset.filter(accepted_at__isnull=True, revoked_at__isnull=False)
        if value == Invitation.State.EXPIRED:
            return queryset.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now)
        if value == self.EXPIRING:
            return queryset.pending().filter(expires_at__lte=now + timedelta(days=EXPIRING_SOON_DAYS))
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Invitations are created on an organization's people page and by approving applications;
    here staff follow them up. The link's token is never shown: only its hash is stored."""

    list_display = ("email", "organization", "role", "state_label", "email_label", "expires_at", "invited_by")
    list_filter = (InvitationStateFilter, "role", ("organization", admin.RelatedOnlyFieldListFilter))
    search_fields = ("email", "full_name", "organization__name")
    list_select_related = ("organization", "invited_by")
    date_hierarchy = "created_at"
    fields = (
        "email",
        "full_name",
        "organization",
        "role",
        "state_label",
        "invited_by",
        "created_at",
        "expires_at",
        "sent_count",
        "email_label",
        "accepted_at",
        "accepted_by",
        "revoked_at",
        "revoked_by",
    )
    readonly_fields = fields
    actions = ["resend", "revoke"]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("organization", "invited_by", "accepted_by", "revoked_by")
        )

    @admin.display(description=gettext_lazy("state"))
    def state_label(self, invitation):
        return invitation.get_state_display()

    @admin.display(description=gettext_lazy("e-mail"), ordering="sent_at")
    def email_label(self, invitation):
        """Whether the e-mail with the current link went out: it waits in the outbox until then
        (and is retried there when the mail server fails)."""
        if invitation.sent_at is None:
            return _("Waiting to be sent")
        return _("Sent %(when)s") % {
            "when": date_format(timezone.localtime(invitation.sent_at), "DATETIME_FORMAT")
        }

    @admin.action(description=gettext_lazy("Resend the selected invitations"), permissions=["change"])
    def resend(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda invitation: services.invitation_resend(invitation=invitation, sent_by=request.user),
            done=_("New links are on their way to: %(names)s."),
        )

    @admin.action(description=gettext_lazy("Revoke the selected invitations"), permissions=["change"])
    def revoke(self, request, queryset):
        apply_to_each(
            self,
            request,
            queryset,
            lambda invitation: services.invitation_revoke(invitation=invitation, revoked_by=request.user),
            done=_("Revoked: %(names)s."),
        )


class ApiTokenStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"
    ACTIVE, EXPIRED, REVOKED = "active", "expired", "revoked"

    def lookups(self, request, model_admin):
        return [
            (self.ACTIVE, pgettext("API token", "Active")),
            (self.EXPIRED, pgettext("API token", "Expired")),
            (self.REVOKED, pgettext("API token", "Revoked")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == self.ACTIVE:
            return queryset.usable()
        if value == self.EXPIRED:
            return queryset.filter(revoked_at__isnull=True, expires_at__lte=now)
        if value == self.REVOKED:
            return queryset.filter(revoked_at__isnull=False)
        return queryset


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """People's API tokens, for staff to see who scripts the API and to switch a token off.

    Made on the profile page only; here nothing is edited. Neither the token nor its hash is
    shown: only the first characters its owner also sees. Revoking goes through the service and
    is logged in the token's admin history.
    """

    list_display = (
        "name",
        "user",
        "prefix_shown",
        "created_at",
        "last_used_at",
        "expires_at",
        "state_label",
        "revoked_at",
    )
    list_filter = (ApiTokenStateFilter, "revoked_reason", "created_at")
    search_fields = ("name", "user__email", "user__full_name")
    list_select_related = ("user",)
    date_hierarchy = "created_at"
    fields = (
        "user",
        "name",
        "prefix_shown",
        "created_at",
        "last_used_at",
        "expires_at",
        "state_label",
        "revoked_at",
        "revoked_by",
        "revoked_reason",
    )
    readonly_fields = fields
    actions = ["revoke"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user", "revoked_by")

    def has_revoke_permission(self, request):
        return request.user.has_perm("accounts.change_apitoken")

    @admin.display(description=gettext_lazy("starts with"))
    def prefix_shown(self, token):
        return f"{token.prefix}…"

    @admin.display(description=gettext_lazy("state"))
    def state_label(self, token):
        if token.revoked_at:
            return pgettext("API token", "Revoked")
        return pgettext("API token", "Expired") if token.is_expired else pgettext("API token", "Active")

    @admin.action(description=gettext_lazy("Revoke the selected tokens"), permissions=["revoke"])
    def revoke(self, request, queryset):
        def revoke_one(token):
            if not can_change_account(request.user, token.user):
                raise DomainError(_("only a superuser can change a superuser."))
            services_tokens.api_token_revoke(token=token, actor=request.user)
            self.log_change(request, token, _("Revoked"))

        apply_to_each(self, request, queryset, revoke_one, done=_("Revoked: %(names)s."))


@waiting_for_staff
def invitations_expiring_soon(request) -> list[WaitingItem]:
    if not request.user.has_perm("accounts.view_invitation"):
        return []
    count = (
        Invitation.objects.pending()
        .filter(expires_at__lte=timezone.now() + timedelta(days=EXPIRING_SOON_DAYS))
        .count()
    )
    url = reverse("admin:accounts_invitation_changelist") + f"?state={InvitationStateFilter.EXPIRING}"
    label = _("Invitations expiring in the next %(days)d days") % {"days": EXPIRING_SOON_DAYS}
    return [WaitingItem(label=label, count=count, url=url)]
