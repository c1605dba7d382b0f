"""Working-group pages: the list, a group's page, and the POST actions of members and leads.

The actions on a group's page re-render that page with status 400 when they are refused, with the
error next to the form it concerns (or at the top of the page when no form shows it).
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from apps.accounts.membership import member_required
from apps.core.edit_conflicts import conflict_page_context
from apps.core.errors import Conflict, DomainError

from . import services
from .forms import APPROVE, CharterForm, DecisionForm, JoinRequestForm, MemberAddForm
from .models import GroupMembership, JoinRequest, WorkingGroup
from .permissions import (
    can_leave_group,
    can_manage_group,
    can_request_to_join,
    has_pending_request,
    role_in_group,
)
from .selectors import get_group_for_user, group_members, groups_for_list, pending_join_requests


@member_required
def group_list(request):
    groups = list(groups_for_list(user=request.user))
    for group in groups:
        group.can_request_to_join = can_request_to_join(request.user, group)
    return render(request, "working_groups/list.html", {"groups": groups})


def _render_detail(request, group: WorkingGroup, *, status: int = 200, **forms) -> HttpResponse:
    user = request.user
    memberships = group_members(group=group)
    leads = [membership for membership in memberships if membership.role == GroupMembership.Role.LEAD]
    can_manage = can_manage_group(user, group)
    context = {
        "group": group,
        "memberships": memberships,
        "leads": leads,
        "member_count": len(memberships),
        "viewer_role": role_in_group(user, group),
        "has_pending_request": has_pending_request(user, group),
        "can_manage": can_manage,
        "can_request_to_join": can_request_to_join(user, group),
        "can_leave": can_leave_group(user, group, lead_count=len(leads)),
        "join_requests": pending_join_requests(group=group) if can_manage else [],
        "join_form": forms.get("join_form") or JoinRequestForm(),
        "member_add_form": forms.get("member_add_form") or MemberAddForm(),
        "decision_form": forms.get("decision_form"),
        "decision_request_id": forms.get("decision_request_id"),
    }
    return render(request, "working_groups/detail.html", context, status=status)


def _report(request, form, error: DomainError) -> None:
    """Show a refused change next to its field when the form has it, else at the top of the page."""
    if error.field and error.field in form.fields:
        form.add_error(error.field, error.message)
    else:
        messages.error(request, error.message)


@member_required
def detail(request, slug):
    group = get_group_for_user(request.user, slug)
    return _render_detail(request, group)


@member_required
@require_POST
def join(request, slug):
    group = get_group_for_user(request.user, slug)
    form = JoinRequestForm(request.POST)
    if form.is_valid():
        try:
            services.join_request_create(group=group, user=request.user, message=form.cleaned_data["message"])
        except DomainError as error:
            _report(request, form, error)
        else:
            messages.success(
                request, _("Your request to join %(group)s was sent to its leads.") % {"group": group}
            )
            return redirect(group)
    return _render_detail(request, group, status=400, join_form=form)


@member_required
@require_POST
def leave(request, slug):
    group = get_group_for_user(request.user, slug)
    try:
        services.group_leave(group=group, user=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _render_detail(request, group, status=400)
    messages.success(request, _("You left %(group)s.") % {"group": group})
    return redirect("working_groups:list")


@member_required
@require_POST
def request_decide(request, slug, pk):
    group = get_group_for_user(request.user, slug, write=True)
    join_request = get_object_or_404(JoinRequest.objects.select_related("user"), pk=pk, group=group)
    join_request.group = group
    form = DecisionForm(request.POST)
    if form.is_valid():
        is_approval = form.cleaned_data["decision"] == APPROVE
        decide = services.join_request_approve if is_approval else services.join_request_decline
        try:
            decide(join_request=join_request, decided_by=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            _report(request, form, error)
        else:
            if is_approval:
                message = _("%(name)s is now a member of the group.")
            else:
                message = _("You declined the request of %(name)s.")
            messages.success(request, message % {"name": join_request.user})
            return redirect(reverse("working_groups:detail", kwargs={"slug": group.slug}) + "#join-requests")
    return _render_detail(request, group, status=400, decision_form=form, decision_request_id=join_request.pk)


@member_required
@require_POST
def member_add(request, slug):
    group = get_group_for_user(request.user, slug, write=True)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        try:
            membership = services.group_member_add(
                group=group, email=form.cleaned_data["email"], added_by=request.user
            )
        except DomainError as error:
            _report(request, form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added to the group and told by e-mail.") % {"name": membership.user},
            )
            return redirect(group)
    return _render_detail(request, group, status=400, member_add_form=form)


@member_required
@require_POST
def member_remove(request, slug, pk):
    group = get_group_for_user(request.user, slug, write=True)
    membership = get_object_or_404(GroupMembership.objects.select_related("user"), pk=pk, group=group)
    membership.group = group
    try:
        services.group_member_remove(membership=membership, removed_by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _render_detail(request, group, status=400)
    messages.success(request, _("%(name)s was removed from the group.") % {"name": membership.user})
    return redirect(group)


@member_required
def edit(request, slug):
    """A save based on an old version comes back with 409: what the person typed, kept, and what
    someone else saved in the meantime."""
    group = get_group_for_user(request.user, slug, write=True)
    if request.method != "POST":
        form = CharterForm.for_group(group)
        return render(request, "working_groups/edit.html", {"group": group, "form": form})
    form = CharterForm.for_group(group, request.POST)
    if form.is_valid():
        try:
            services.group_update_charter(group=group, updated_by=request.user, **form.cleaned_data)
        except Conflict as error:
            group = get_group_for_user(request.user, slug, write=True)
            context = conflict_page_context(
                error=error,
                form=form,
                record=group,
                saved=CharterForm.initial_for(group),
                form_factory=CharterForm,
            )
            return render(request, "working_groups/edit.html", {"group": group, **context}, status=409)
        except DomainError as error:
            form.add_error(error.field, error.message)
        else:
            messages.success(request, _("The charter was saved."))
            return redirect(group)
    return render(request, "working_groups/edit.html", {"group": group, "form": form}, status=400)
