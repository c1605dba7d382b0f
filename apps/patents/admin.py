"""The secretariat's view of the patent pool: every listing and request, with filters, history and
the pool's figures. Hiding and unhiding go through the same services as the portal; hiding asks
for a reason, and declines the listing's open requests. Licence requests are read-only here: the
two organizations answer them on their pages."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_site import WaitingItem, waiting_for_staff
from apps.core.admin_tools import ReadOnlyHistoryMixin, ReadOnlyMixin, VersionedAdminMixin, reason_action
from apps.core.errors import DomainError

from .models import (
    LicenceRequest,
    LicenceRequestMessage,
    LicenceRequestTransition,
    PatentListing,
    TechnologyArea,
)
from .selectors import pool_figures, unanswered_requests
from .services.listings import listing_hide, listing_unhide


def _hide(listing, *, actor, reason):
    return listing_hide(listing=listing, actor=actor, reason=reason)


@admin.register(PatentListing)
class PatentListingAdmin(VersionedAdminMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    list_display = ("title", "jurisdiction", "number", "organization", "licence_terms", "status", "is_hidden")
    list_filter = (
        "status",
        "is_hidden",
        "licence_terms",
        "jurisdiction",
        "technology_areas",
        "eligibility",
        ("organization", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = ("title", "number", "abstract", "organization__name")
    list_select_related = ("organization",)
    date_hierarchy = "published_at"
    filter_horizontal = ("technology_areas",)
    readonly_fields = (
        "status",
        "is_hidden",
        "hidden_reason",
        "hidden_by",
        "hidden_at",
        "published_at",
        "created_by",
        "created_at",
        "updated_at",
    )
    actions = ["hide_listings", "unhide_listings"]
    change_list_template = "admin/patents/patentlisting/change_list.html"

    def has_add_permission(self, request):
        # Listings are made by the organizations' contacts, on the portal.
        return False

    @admin.action(description=_("Hide from the pool (asks for a reason)"), permissions=["change"])
    def hide_listings(self, request, queryset):
        return reason_action(
            self,
            request,
            queryset.select_related("organization"),
            service=_hide,
            title=gettext("Hide listings from the pool"),
            intro=gettext(
                "Members no longer see a hidden listing; its owner sees it with your reason. Its open "
                "licence requests are declined with this reason and their requesters are told."
            ),
            button=gettext("Hide"),
            done_message=gettext("%(count)d listing(s) hidden."),
        )

    @admin.action(description=_("Put back in the pool"), permissions=["change"])
    def unhide_listings(self, request, queryset):
        done = 0
        for listing in queryset:
            try:
                listing_unhide(listing=listing, actor=request.user)
            except DomainError as error:
                self.message_user(request, f"{listing}: {error.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request, gettext("%(count)d listing(s) put back.") % {"count": done}, messages.SUCCESS
            )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"pool_figures": pool_figures(), **(extra_context or {})})


class LicenceRequestTransitionInline(admin.TabularInline):
    model = LicenceRequestTransition
    extra = 0
    can_delete = False
    fields = ("created_at", "from_status", "to_status", "actor", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class LicenceRequestMessageInline(admin.TabularInline):
    model = LicenceRequestMessage
    extra = 0
    can_delete = False
    fields = ("created_at", "author", "body")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")


@admin.register(LicenceRequest)
class LicenceRequestAdmin(ReadOnlyMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    list_display = (
        "listing",
        "requesting_organization",
        "requested_by",
        "status",
        "created_at",
        "licensed_on",
    )
    list_filter = (
        "status",
        "listing__licence_terms",
        ("requesting_organization", admin.RelatedOnlyFieldListFilter),
        ("listing__organization", admin.RelatedOnlyFieldListFilter),
    )
    search_fields = (
        "listing__title",
        "listing__number",
        "requesting_organization__name",
        "requested_by__email",
    )
    list_select_related = ("listing", "requesting_organization", "requested_by")
    date_hierarchy = "created_at"
    inlines = [LicenceRequestTransitionInline, LicenceRequestMessageInline]



@admin.register(TechnologyArea)
class TechnologyAreaAdmin(TranslationAdmin):
    list_display = ("name", "code", "position")
    search_fields = ("name", "code")
    ordering = ("position",)


@waiting_for_staff
def licence_requests_unanswered(request) -> list[WaitingItem]:
    if not request.user.has_perm("patents.view_licencerequest"):
        return []
    url = reverse("admin:patents_licencerequest_changelist") + "?status__exact=pending"
    return [
        WaitingItem(
            label=gettext("Licence requests unanswered for two weeks"),
            count=unanswered_requests().count(),
            url=url,
        )
    ]
