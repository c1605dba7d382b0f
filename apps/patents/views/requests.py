"""Licence request pages: ask, read, answer, withdraw, write. Short views: the access helper says
who may see (404 otherwise), the predicates who may act (403 otherwise), the services what may
change (a form error with 400 or 409 otherwise)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.membership import member_required
from apps.core.errors import DomainError

from ..forms_requests import DeclineForm, LicenceRequestForm, LicenceSignedForm, MessageForm
from ..models import LicenceRequest, PatentListing
from ..permissions import can_view_listing, licence_requesting_organizations, requesting_organizations
from ..permissions_requests import is_owner_side, is_requesting_side, request_actions
from ..selectors_requests import (
    get_request_for_user,
    licensing_organization_ids,
    member_organization_ids,
    request_messages,
    request_transitions,
    requests_from_organizations,
    requests_to_organizations,
)
from ..services import requests as services

PAGE_SIZE = 25


def _add_error(form: forms.Form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


@member_required
def request_create(request, listing_pk: int):
    listing = get_object_or_404(PatentListing.objects.select_related("organization"), pk=listing_pk)
    if not can_view_listing(request.user, listing):
        raise Http404
    organizations = requesting_organizations(request.user)
    eligible = licence_requesting_organizations(request.user, listing)
    status = 200
    if request.method == "POST":
        form = LicenceRequestForm(request.POST, organizations=organizations)
        if form.is_valid():
            try:
                licence_request = services.request_create(
                    listing=listing,
                    organization=form.cleaned_data["organization"],
                    requested_by=request.user,
                    intended_use=form.cleaned_data["intended_use"],
                    message=form.cleaned_data["message"],
                )
            except DomainError as error:
                _add_error(form, error)
                status = error.status_code
            else:
                messages.success(request, _("Your request was sent to the owner's licensing contacts."))
                return redirect(licence_request)
        else:
            status = 400
    else:
        form = LicenceRequestForm(
            organizations=organizations, initial={"organization": eligible[0] if eligible else None}
        )
    open_requests = requests_from_organizations(member_organization_ids(request.user)).filter(
        listing=listing, status__in=LicenceRequest.OPEN
    )
    context = {
        "listing": listing,
        "form": form,
        "eligible_organizations": eligible,
        "open_requests": open_requests,
    }
    return render(request, "patents/request_create.html", context, status=status)


def _render_detail(request, licence_request: LicenceRequest, *, status: int = 200, **forms_in_error):
    actions = request_actions(request.user, licence_request)
    context = {
        "licence_request": licence_request,
        "listing": licence_request.listing,
        "transitions": request_transitions(licence_request),
        "thread": request_messages(licence_request),
        "refusal": "",
        "licence_form": LicenceSignedForm(),
        "decline_form": DeclineForm(),
        "message_form": MessageForm(),
        **actions,
        **forms_in_error,
    }
    return render(request, "patents/request_detail.html", context, status=status)


@member_required
def request_detail(request, pk: int):
    return _render_detail(request, get_request_for_user(request.user, pk))


def _submit(request, licence_request, *, form, form_name: str, perform, success: str):
    """Validate `form`, call `perform(cleaned_data)`, and redirect with `success`; or re-render the
    page with the error and the status it deserves, having written nothing."""
    if not form.is_valid():
        return _render_detail(request, licence_request, status=400, **{form_name: form})
    try:
        perform(form.cleaned_data)
    except DomainError as error:
        _add_error(form, error)
        refusal = error.message if error.field not in form.fields else ""
        return _render_detail(
            request, licence_request, status=error.status_code, refusal=refusal, **{form_name: form}
        )
    messages.success(request, success)
    return redirect(licence_request)


def _owner_request(request, pk: int) -> LicenceRequest:
    licence_request = get_request_for_user(request.user, pk)
    if not is_owner_side(request.user, licence_request):
        raise PermissionDenied
    return licence_request


@member_required
@require_POST
def request_accept(request, pk: int):
    licence_request = _owner_request(request, pk)
    return _submit(
        request,
        licence_request,
        form=forms.Form(request.POST),
        form_name="action_form",
        perform=lambda data: services.request_accept(licence_request=licence_request, actor=request.user),
        success=_("You accepted the request in principle. Record the licence once it is signed."),
    )


@member_required
@require_POST
def request_licence(request, pk: int):
    licence_request = _owner_request(request, pk)
    return _submit(
        request,
        licence_request,
        form=LicenceSignedForm(request.POST),
        form_name="licence_form",
        perform=lambda data: services.request_record_licence(
            licence_request=licence_request, actor=request.user, signed_on=data["signed_on"]
        ),
        success=_("The licence is recorded."),
    )


@member_required
@require_POST
def request_decline(request, pk: int):
    licence_request = _owner_request(request, pk)
    return _submit(
        request,
        licence_request,
        form=DeclineForm(request.POST),
        form_name="decline_form",
        perform=lambda data: services.request_decline(
            licence_request=licence_request, actor=request.user, reason=data["reason"]
        ),
        success=_("You declined the request. The requester is told why."),
    )


@member_required
@require_POST
def request_withdraw(request, pk: int):
    licence_request = get_request_for_user(request.user, pk)
    if not is_requesting_side(request.user, licence_request):
        raise PermissionDenied
    return _submit(
        request,
        licence_request,
        form=forms.Form(request.POST),
        form_name="action_form",
        perform=lambda data: services.request_withdraw(licence_request=licence_request, actor=request.user),
        success=_("Your organization's request is withdrawn."),
    )


@member_required
@require_POST
def request_message(request, pk: int):
    licence_request = get_request_for_user(request.user, pk)
    if not (
        is_owner_side(request.user, licence_request) or is_requesting_side(request.user, licence_request)
    ):
        raise PermissionDenied
    return _submit(
        request,
        licence_request,
        form=MessageForm(request.POST),
        form_name="message_form",
        perform=lambda data: services.request_message_send(
            licence_request=licence_request, author=request.user, body=data["body"]
        ),
        success=_("Your message was sent."),
    )


@member_required
def request_list(request):
    """ "Requests to us" for licensing contacts, "Our requests" for everyone, each with a status
    filter and pages."""
    licensing_ids = licensing_organization_ids(request.user)
    member_ids = member_organization_ids(request.user)
    sides = []
    if licensing_ids:
        sides.append(("to_us", _("Requests to us")))
    sides.append(("ours", _("Our requests")))
    side = request.GET.get("side")
    if side not in dict(sides):
        side = sides[0][0]
    status = request.GET.get("status", "")
    if status not in LicenceRequest.Status.values:
        status = ""
    if side == "to_us":
        queryset = requests_to_organizations(licensing_ids, status=status)
    else:
        queryset = requests_from_organizations(member_ids, status=status)
    page_obj = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "sides": sides,
        "side": side,
        "side_label": dict(sides)[side],
        "status": status,
        "statuses": LicenceRequest.Status.choices,
        "page_obj": page_obj,
        "query_without_page": f"{query.urlencode()}&" if query else "",
    }
    return render(request, "patents/request_list.html", context)
