"""The secretariat's tools for membership applications: approve, or reject with a reason the
applicant reads; both go through the same services as the portal."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from apps.core.admin_site import WaitingItem, waiting_for_staff
from apps.core.admin_tools import (
    CheckedAutocompleteMixin,
    ReadOnlyHistoryMixin,
    ReasonForm,
    apply_to_each,
    reason_action,
    render_reason_page,
)
from apps.core.errors import DomainError

from ..models import (
    MembershipApplication,
)
from ..services.applications import application_approve, application_reject


class ReapplicationFilter(admin.SimpleListFilter):
    title = _("re-application")
    parameter_name = "reapplication"

    def lookups(self, request, model_admin):
        return [("yes", _("Former members")), ("no", _("New organizations"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(existing_organization__isnull=False)
        if self.value() == "no":
            return queryset.filter(existing_organization__isnull=True)
        return queryset


class ApprovalForm(forms.Form):
    """What staff confirm when approving: the applicant's declaration is only a starting point."""

    is_canadian_owned = forms.BooleanField(
        label=_("Canadian-owned (confirmed by the secretariat)"),
        required=False,
        help_text=_(
            "Licences restricted to Canadian-owned members depend on it. After approval only staff "
            "change it, in the organization's admin page."
        ),
    )


def _confirmed_canadian_ownership(request, application) -> bool:
    """The bulk approval page has one box per application, ticked as each applicant declared."""
    return f"canadian_owned_{application.pk}" in request.POST


REJECT_TITLE = _("Reject the application")
REJECT_INTRO = _("The applicant receives the reason by e-mail.")
REJECTED_MESSAGE = _("%(count)d application(s) rejected; the applicants were told why.")


def _reject(application, *, actor, reason):
    return application_reject(application=application, actor=actor, reason=reason)


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(CheckedAutocompleteMixin, ReadOnlyHistoryMixin, SimpleHistoryAdmin):
    list_display = [
        "organization_name",
        "applicant_name",
        "applicant_email",
        "reapplication",
        "status",
        "created_at",
    ]
    list_filter = ["status", ReapplicationFilter, "kind", "province", "is_canadian_owned"]
    search_fields = ["organization_name", "applicant_name", "applicant_email"]
    list_select_related = ["existing_organization"]
    autocomplete_fields = ["existing_organization"]
    date_hierarchy = "created_at"
    actions = ["approve_selected", "reject_selected"]
    fieldsets = [
        (
            _("Organization"),
            {
                "fields": [
                    "organization_name",
                    "existing_organization",
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
            _("Applicant"),
            {"fields": ["applicant_name", "applicant_email", "applicant_job_title", "language"]},
        ),
        (_("Decision"), {"fields": ["status", "created_at", "decided_by", "decided_at", "decision_note"]}),
    ]
    decision_fields = ["status", "created_at", "decided_by", "decided_at", "decision_note", "language"]

    def has_add_permission(self, request):
        # Applications come from the public form, which checks the name and sends the e-mails.
        return False

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.status != MembershipApplication.Status.PENDING:
            return [field for _name, options in self.fieldsets for field in options["fields"]]
        return self.decision_fields

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "segments":
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("re-application"), boolean=True, ordering="existing_organization")
    def reapplication(self, application):
        return application.is_reapplication

    @admin.action(description=_("Approve the selected applications"), permissions=["change"])
    def approve_selected(self, request, queryset):
        """First a page where staff confirm each organization's Canadian ownership, then the
        approvals."""
        if "apply" not in request.POST:
            context = {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": gettext("Approve the selected applications"),
                "applications": list(queryset.order_by("organization_name")),
                "action": request.POST.get("action", ""),
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "cancel_url": reverse("admin:organizations_membershipapplication_changelist"),
            }
            return TemplateResponse(request, "admin/organizations/approve_selected.html", context)
        done = apply_to_each(
            self,
            request,
            queryset,
            lambda application: application_approve(
                application=application,
                actor=request.user,
                is_canadian_owned=_confirmed_canadian_ownership(request, application),
            ),
        )
        if done:
            self.message_user(
                request,
                gettext("%(count)d application(s) approved; the applicants were invited as contacts.")
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(description=_("Reject the selected applications"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return reason_action(
            self,
            request,
            queryset,
            service=_reject,
            title=REJECT_TITLE,
            intro=REJECT_INTRO,
            button=_("Reject"),
            done_message=REJECTED_MESSAGE,
        )

    def get_urls(self):
        return [
            path(
                "<path:object_id>/approve/",
                self.admin_site.admin_view(self.approve_view),
                name="organizations_membershipapplication_approve",
            ),
            path(
                "<path:object_id>/reject/",
                self.admin_site.admin_view(self.reject_view),
                name="organizations_membershipapplication_reject",
            ),
            *super().get_urls(),
        ]

    def _application_to_decide(self, request, object_id) -> MembershipApplication:
        application = self.get_object(request, object_id)
        if application is None:
            raise Http404
        if not self.has_change_permission(request, application):
            raise PermissionDenied
        return application

    def _back_to(self, application):
        return HttpResponseRedirect(
            reverse("admin:organizations_membershipapplication_change", args=[application.pk])
        )

    def approve_view(self, request, object_id):
        """The Approve button: a confirmation page, where staff also confirm or correct the
        declared Canadian ownership, then the approval."""
        application = self._application_to_decide(request, object_id)
        form = ApprovalForm(
            request.POST if request.method == "POST" else None,
            initial={"is_canadian_owned": application.is_canadian_owned},
        )
        if form.is_valid():
            try:
                organization = application_approve(
                    application=application,
                    actor=request.user,
                    is_canadian_owned=form.cleaned_data["is_canadian_owned"],
                )
            except DomainError as error:
                self.message_user(request, error.message, messages.ERROR)
                return self._back_to(application)
            self.message_user(
                request,
                gettext("%(name)s is now an active member; %(email)s was made its contact.")
                % {"name": organization.name, "email": application.applicant_email},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(
                reverse("admin:organizations_organization_change", args=[organization.pk])
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Approve the application"),
            "application": application,
            "form": form,
            "cancel_url": reverse("admin:organizations_membershipapplication_change", args=[application.pk]),
        }
        return TemplateResponse(request, "admin/organizations/approve_confirmation.html", context)

    def reject_view(self, request, object_id):
        """The Reject button: ask for the reason the applicant will read."""
        application = self._application_to_decide(request, object_id)
        form = ReasonForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                _reject(application, actor=request.user, reason=form.cleaned_data["reason"])
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                self.message_user(request, REJECTED_MESSAGE % {"count": 1}, messages.SUCCESS)
                return self._back_to(application)
        return render_reason_page(
            request,
            self,
            objects=[application],
            form=form,
            title=REJECT_TITLE,
            intro=REJECT_INTRO,
            button=_("Reject"),
            status=400 if form.is_bound else 200,
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = self.get_object(request, object_id)
        can_decide = (
            application is not None
            and application.status == MembershipApplication.Status.PENDING
            and self.has_change_permission(request, application)
        )
        extra_context = {**(extra_context or {}), "can_decide": can_decide}
        return super().change_view(request, object_id, form_url, extra_context)


# What the admin's front page counts.


@waiting_for_staff
def applications_to_review(request) -> list[WaitingItem]:
    if not request.user.has_perm("organizations.view_membershipapplication"):
        return []
    count = MembershipApplication.objects.filter(status=MembershipApplication.Status.PENDING).count()
    if not count:
        return []
    url = reverse("admin:organizations_membershipapplication_changelist") + "?status__exact=pending"
    return [WaitingItem(label=gettext("Applications to review"), count=count, url=url)]
