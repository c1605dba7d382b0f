"""Listing pages: the pool, a listing and its PDF, listing and editing a patent, publishing and
withdrawing it, an organization's listings and who handles its licence requests."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.membership import member_required
from apps.core.edit_conflicts import conflict_page_context
from apps.core.errors import Conflict, DomainError
from apps.organizations.models import Organization
from apps.organizations.permissions import can_manage_organization, can_view_organization, is_contact

from .. import selectors
from ..forms_listings import LicensingContactsForm, ListingForm, ListingWithdrawForm, PoolFilterForm
from ..permissions import can_edit_listing, licence_requesting_organizations
from ..services import listings as services

POOL_PAGE_SIZE = 20


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@member_required
def pool(request: HttpRequest) -> HttpResponse:
    form = PoolFilterForm(request.GET or None, owner_organizations=selectors.pool_owner_organizations())
    is_bad_filter = form.is_bound and not form.is_valid()
    filters = form.cleaned_data if form.is_bound and not is_bad_filter else {}
    listings = selectors.pool_listings(
        query=filters.get("q", ""),
        technology_area=filters.get("technology_area"),
        licence_terms=filters.get("licence_terms", ""),
        status=filters.get("status", ""),
        jurisdiction=filters.get("jurisdiction", ""),
        organization=filters.get("organization"),
        sort=filters.get("sort", ""),
    )
    page_obj = Paginator(listings, POOL_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "filter_form": form,
        "page_obj": page_obj,
        "listings": page_obj.object_list,
        "query_without_page": _query_without_page(request),
        "is_filtered": any(value for key, value in request.GET.items() if key != "page"),
        "can_list_patents": selectors.contact_organizations(request.user).exists(),
    }
    return render(request, "patents/pool.html", context, status=400 if is_bad_filter else 200)


@member_required
def listing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_user(request.user, pk)
    can_edit = can_edit_listing(request.user, listing)
    context = {
        "listing": listing,
        "technology_areas": list(listing.technology_areas.all()),
        "can_edit": can_edit,
        "is_owner_contact": is_contact(request.user, listing.organization),
        "can_request": bool(licence_requesting_organizations(request.user, listing)),
        "can_publish": can_edit and listing.status == listing.Status.DRAFT,
        "can_withdraw": can_edit and listing.status in services.WITHDRAWABLE,
        "withdraw_form": ListingWithdrawForm(),
    }
    return render(request, "patents/listing_detail.html", context)


@member_required
def listing_document(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF, to exactly those who may see the listing, under a name made from its number."""
    listing = selectors.get_listing_for_user(request.user, pk)
    if not listing.document:
        raise Http404
    filename = f"{slugify(f'{listing.jurisdiction} {listing.number}') or 'patent'}.pdf"
    return FileResponse(
        listing.document.open("rb"), as_attachment=True, filename=filename, content_type="application/pdf"
    )


@member_required
def listing_create(request: HttpRequest) -> HttpResponse:
    organizations = selectors.contact_organizations(request.user)
    if not organizations:
        raise PermissionDenied
    if request.method != "POST":
        form = ListingForm(organizations=organizations, initial={"organization": organizations[0].pk})
        return render(request, "patents/listing_form.html", {"form": form})
    form = ListingForm(request.POST, request.FILES, organizations=organizations)
    if form.is_valid():
        arguments = form.service_arguments()
        del arguments["remove_document"]
        try:
            listing = services.listing_create(
                organization=form.cleaned_data.get("organization") or organizations[0],
                actor=request.user,
                **arguments,
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The listing is saved as a draft. Publish it when it is ready."))
            return redirect(listing)
    return render(request, "patents/listing_form.html", {"form": form}, status=400)


@member_required
def listing_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A save based on an old version comes back with 409: what the person typed, kept (a chosen
    PDF must be chosen again), and what someone else saved in the meantime."""
    listing = selectors.get_listing_for_user(request.user, pk, write=True)
    initial = ListingForm.initial_for(listing)
    if request.method != "POST":
        form = ListingForm(initial=initial, listing=listing)
        return render(request, "patents/listing_form.html", {"form": form, "listing": listing})
    form = ListingForm(request.POST, request.FILES, initial=initial, listing=listing)
    if form.is_valid():
        try:
            listing = services.listing_update(listing=listing, actor=request.user, **form.service_arguments())
        except Conflict as error:
            listing = selectors.get_listing_for_user(request.user, pk, write=True)
            context = conflict_page_context(
                error=error,
                form=form,
                record=listing,
                saved=ListingForm.initial_for(listing),
                form_factory=lambda data: ListingForm(data, listing=listing),
            )
            return render(request, "patents/listing_form.html", {"listing": listing, **context}, status=409)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The listing is saved."))
            return redirect(listing)
    return render(request, "patents/listing_form.html", {"form": form, "listing": listing}, status=400)


@require_POST
@member_required
def listing_publish(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_user(request.user, pk, write=True)
    try:
        services.listing_publish(listing=listing, actor=request.user)
    except DomainError as error:
        return render(
            request,
            "patents/listing_refused.html",
            {"listing": listing, "message": error.message},
            status=error.status_code,
        )
    messages.success(request, _("The listing is published: every member can see it in the pool."))
    return redirect(listing)


@require_POST
@member_required
def listing_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    listing = selectors.get_listing_for_user(request.user, pk, write=True)
    form = ListingWithdrawForm(request.POST)
    if form.is_valid():
        try:
            services.listing_withdraw(listing=listing, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            return render(
                request,
                "patents/listing_refused.html",
                {"listing": listing, "message": error.message},
                status=error.status_code,
            )
        messages.success(request, _("The listing is withdrawn; its open requests are declined."))
        return redirect(listing)
    return render(
        request,
        "patents/listing_refused.html",
        {"listing": listing, "message": " ".join(form.errors["reason"])},
        status=400,
    )


@member_required
def my_listings(request: HttpRequest) -> HttpResponse:
    organizations = list(selectors.contact_organizations(request.user))
    if not organizations:
        raise PermissionDenied
    context = {
        "organizations": organizations,
        "listings": list(selectors.organization_listings(organizations)),
    }
    return render(request, "patents/listing_mine.html", context)


@member_required
def licensing_contacts(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    if not can_manage_organization(request.user, organization):
        if not can_view_organization(request.user, organization):
            raise Http404
        raise PermissionDenied
    contact_memberships = list(selectors.organization_contacts(organization))
    context = {"organization": organization}
    if request.method != "POST":
        chosen = [str(each.user_id) for each in contact_memberships if each.handles_licensing]
        form = LicensingContactsForm(initial={"contacts": chosen}, contact_memberships=contact_memberships)
        return render(request, "patents/licensing_contacts.html", {**context, "form": form})
    form = LicensingContactsForm(request.POST, contact_memberships=contact_memberships)
    if form.is_valid():
        try:
            services.licensing_contacts_set(
                organization=organization, actor=request.user, contacts=form.chosen_people()
            )
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("Who handles licence requests is saved."))
            return redirect("patents:licensing_contacts", slug=organization.slug)
    return render(request, "patents/licensing_contacts.html", {**context, "form": form}, status=400)
