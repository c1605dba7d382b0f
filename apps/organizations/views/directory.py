"""The member directory, an organization's page and its profile form."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from apps.accounts.membership import member_required
from apps.core.edit_conflicts import conflict_page_context
from apps.core.errors import Conflict, DomainError

from .. import selectors
from ..filters import OrganizationDirectoryFilter
from ..forms import OrganizationProfileForm
from ..permissions import can_manage_organization
from ..services.people import organization_update_profile

DIRECTORY_PAGE_SIZE = 20


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@member_required
def directory(request: HttpRequest) -> HttpResponse:
    filterset = OrganizationDirectoryFilter(request.GET or None, queryset=selectors.directory_organizations())
    page_obj = Paginator(filterset.qs, DIRECTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    is_bad_filter = filterset.is_bound and not filterset.is_valid()
    context = {
        "filter_form": filterset.form,
        "page_obj": page_obj,
        "organizations": page_obj.object_list,
        "query_without_page": _query_without_page(request),
        "is_filtered": filterset.is_bound
        and any(value for key, value in request.GET.items() if key != "page"),
    }
    return render(request, "organizations/directory.html", context, status=400 if is_bad_filter else 200)


@member_required
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.get_organization_for_user(request.user, slug)
    context = {
        "organization": organization,
        "segments": list(organization.segments.all()),
        "memberships": list(selectors.organization_people(organization)),
        "working_groups": list(selectors.organization_working_groups(organization)),
        "can_manage": can_manage_organization(request.user, organization),
    }
    return render(request, "organizations/detail.html", context)


@member_required
def edit(request: HttpRequest, slug: str) -> HttpResponse:
    """The profile form. A save based on an old version comes back with 409: what the person
    typed, kept, and what someone else saved in the meantime."""
    organization = selectors.get_organization_for_user(request.user, slug, write=True)
    if request.method != "POST":
        form = OrganizationProfileForm(initial=OrganizationProfileForm.initial_for(organization))
        return render(request, "organizations/edit.html", {"organization": organization, "form": form})
    form = OrganizationProfileForm(request.POST)
    if form.is_valid():
        try:
            organization = organization_update_profile(
                organization=organization, actor=request.user, **form.cleaned_data
            )
        except Conflict as error:
            organization = selectors.get_organization_for_user(request.user, slug, write=True)
            context = conflict_page_context(
                error=error,
                form=form,
                record=organization,
                saved=OrganizationProfileForm.initial_for(organization),
                form_factory=OrganizationProfileForm,
            )
            return render(
                request, "organizations/edit.html", {"organization": organization, **context}, status=409
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(
                request, _("The profile of %(organization)s is saved.") % {"organization": organization}
            )
            return redirect(organization)
    return render(
        request, "organizations/edit.html", {"organization": organization, "form": form}, status=400
    )
