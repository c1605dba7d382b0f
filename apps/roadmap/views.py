"""Roadmap pages: the overview, the action list and its CSV, an action's page with its update
form (HTMX, and plain POST without JavaScript), "my actions", and a group's report.

Every page is for portal members; who may post or name an owner comes from permissions.py.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.membership import member_required
from apps.core.errors import Conflict, DomainError
from apps.core.exports import csv_response
from apps.core.mail import absolute_url

from . import selectors, services
from .filters import ActionFilter
from .forms import OwnerForm, ReportPeriodForm, StatusUpdateForm
from .models import Action
from .permissions import can_name_owner, can_post_update

ACTION_PAGE_SIZE = 25


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    encoded = query.urlencode()
    return f"{encoded}&" if encoded else ""


@member_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    pillars = list(selectors.pillars_for_overview(user=request.user))
    action_count = 0
    percent_sum = 0.0
    for pillar in pillars:
        for area in pillar.areas.all():
            area.percent = round(area.average_percent_done or 0)
            area.status_counts = selectors.status_counts(area)
            action_count += area.action_count
            percent_sum += (area.average_percent_done or 0) * area.action_count
    context = {
        "vision": selectors.roadmap_vision(),
        "pillars": pillars,
        "action_count": action_count,
        "overall_percent": round(percent_sum / action_count) if action_count else 0,
    }
    return render(request, "roadmap/overview.html", context)


def _action_filter(request: HttpRequest, queryset) -> ActionFilter:
    return ActionFilter(request.GET or None, queryset=queryset)


@member_required
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    filterset = _action_filter(request, selectors.actions_for_list(user=request.user))
    is_bad_filter = filterset.is_bound and not filterset.is_valid()
    page_obj = Paginator(filterset.qs, ACTION_PAGE_SIZE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for action in page_obj.object_list:
        action.overdue = action.is_overdue(today)
        action.update_due = action.is_update_due(today)
    query_without_page = _query_without_page(request)
    context = {
        "filter_form": filterset.form,
        "page_obj": page_obj,
        "actions": page_obj.object_list,
        "query_without_page": query_without_page,
        "export_query": query_without_page.rstrip("&"),
        "is_filtered": any(value for key, value in request.GET.items() if key not in ("page", "sort")),
    }
    return render(request, "roadmap/action_list.html", context, status=400 if is_bad_filter else 200)


@member_required
@require_GET
def action_list_csv(request: HttpRequest) -> HttpResponse:
    """The filtered list, every page of it, as CSV. Bad filters get the list page with errors."""
    filterset = _action_filter(request, selectors.actions_for_export(user=request.user))
    if filterset.is_bound and not filterset.is_valid():
        return action_list(request)
    today = timezone.localdate()
    header = [
        _("Code"),
        _("Title"),
        _("Area"),
        _("Status"),
        _("Percent done"),
        _("Owning working group"),
        _("Owner"),
        _("Lead organizations"),
        _("Start date"),
        _("Target date"),
        _("Update cadence"),
        _("Last update"),
        _("Next update due"),
        _("Overdue"),
        _("Update due"),
        _("Address"),
    ]
    rows = (
        [
            action.code,
            action.title,
            action.area.name,
            action.get_status_display(),
            action.percent_done,
            action.working_group.name if action.working_group else "",
            action.owner.full_name if action.owner else "",
            "; ".join(organization.name for organization in action.lead_organizations.all()),
            _iso(action.start_date),
            _iso(action.target_date),
            action.get_update_cadence_days_display(),
            _iso(action.last_update_at),
            _iso(action.next_update_due_on),
            _yes_no(action.is_overdue(today)),
            _yes_no(action.is_update_due(today)),
            absolute_url(action.get_absolute_url()),
        ]
        for action in filterset.qs
    )
    return csv_response(filename=f"roadmap-actions-{today.isoformat()}.csv", header=header, rows=rows)


def _render_detail(
    request: HttpRequest,
    action: Action,
    *,
    form: StatusUpdateForm | None = None,
    owner_form: OwnerForm | None = None,
    newer_updates=None,
    conflict_message: str = "",
    posted_message: str = "",
    status: int = 200,
) -> HttpResponse:
    """The action's page, or only its updates region (progress, form, timeline) for HTMX."""
    user = request.user
    timeline = list(selectors.action_timeline(action=action))
    may_post = can_post_update(user, action)
    may_name_owner = can_name_owner(user, action) and action.working_group_id is not None
    if may_post and form is None:
        latest = next((update for update in timeline if not update.is_hidden), None)
        form = StatusUpdateForm(initial=StatusUpdateForm.initial_for(action, latest))
    if may_name_owner and owner_form is None:
        owner_form = OwnerForm(
            initial={"owner": action.owner_id}, candidates=selectors.owner_candidates(action=action)
        )
    today = timezone.localdate()
    context = {
        "action": action,
        "timeline": timeline,
        "lead_organizations": list(action.lead_organizations.all()),
        "can_post_update": may_post,
        "can_name_owner": may_name_owner,
        "form": form if may_post else None,
        "owner_form": owner_form if may_name_owner else None,
        "newer_updates": newer_updates or [],
        "conflict_message": conflict_message,
        "posted_message": posted_message,
        "is_overdue": action.is_overdue(today),
        "is_update_due": action.is_update_due(today),
    }
    template = "roadmap/_action_updates.html" if request.htmx else "roadmap/action_detail.html"
    return render(request, template, context, status=status)


@member_required
@require_GET
def action_detail(request: HttpRequest, code: str) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, code)
    return _render_detail(request, action)


@member_required
@require_POST
def action_post_update(request: HttpRequest, code: str) -> HttpResponse:
    """Post a status update. HTMX gets the updates region back; a plain POST is redirected.

    A post based on an old version comes back with 409, what the person typed still in the form
    (now carrying the current version, so posting again is a deliberate choice) and the updates
    they had not seen shown above it."""
    action = selectors.get_action_for_user(request.user, code, write=True)
    form = StatusUpdateForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, action, form=form, status=400)
    try:
        services.status_update_post(action=action, author=request.user, **form.service_arguments())
    except Conflict as error:
        return _render_conflict(request, code, form, error)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _render_detail(request, action, form=form, status=400)
    posted_message = _("Your update of %(code)s is posted.") % {"code": action.code}
    if request.htmx:
        action = selectors.get_action_for_user(request.user, code)
        return _render_detail(request, action, posted_message=posted_message)
    messages.success(request, posted_message)
    return redirect(f"{action.get_absolute_url()}#updates")


def _render_conflict(
    request: HttpRequest, code: str, form: StatusUpdateForm, error: Conflict
) -> HttpResponse:
    action = selectors.get_action_for_user(request.user, code)
    newer_updates = list(selectors.updates_after(action=action, update_id=form.cleaned_data["seen_update"]))
    data = request.POST.copy()
    data["version"] = action.version
    data["seen_update"] = newer_updates[0].pk if newer_updates else form.cleaned_data["seen_update"] or ""
    kept_form = StatusUpdateForm(data)
    kept_form.is_valid()
    return _render_detail(
        request,
        action,
        form=kept_form,
        newer_updates=newer_updates,
        conflict_message=error.message,
        status=409,
    )


@member_required
@require_POST
def action_owner(request: HttpRequest, code: str) -> HttpResponse:
    """Leads of the owning group (and staff) name the owner from the group's members."""
    action = selectors.get_action_for_user(request.user, code)
    if not can_name_owner(request.user, action) or action.working_group_id is None:
        raise PermissionDenied
    form = OwnerForm(request.POST, candidates=selectors.owner_candidates(action=action))
    if form.is_valid():
        owner = form.cleaned_data["owner"]
        try:
            services.action_set_owner(action=action, actor=request.user, owner=owner)
        except DomainError as error:
            form.add_error("owner" if error.field == "owner" else None, error.message)
        else:
            if owner is None:
                message = _("%(code)s has no owner now.") % {"code": action.code}
            else:
                message = _("%(name)s now owns %(code)s.") % {"name": owner, "code": action.code}
            messages.success(request, message)
            return redirect(action)
    return _render_detail(request, action, owner_form=form, status=400)


@member_required
@require_GET
def my_actions(request: HttpRequest) -> HttpResponse:
    actions = list(selectors.actions_to_update(user=request.user))
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.is_overdue(today)
    context = {"actions": actions, "due_count": sum(1 for action in actions if action.is_due)}
    return render(request, "roadmap/my_actions.html", context)


def _report_period(request: HttpRequest) -> tuple[ReportPeriodForm, date | None, date | None]:
    form = ReportPeriodForm(request.GET)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


@member_required
@require_GET
def group_report(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.get_group_for_report(request.user, slug)
    form, start, end = _report_period(request)
    if start is None:
        context = {"group": group, "form": form, "updates": [], "start": None, "end": None}
        return render(request, "roadmap/group_report.html", context, status=400)
    updates = list(selectors.group_report_updates(group=group, start=start, end=end))
    context = {
        "group": group,
        "form": ReportPeriodForm(initial={"start": start, "end": end}),
        "updates": updates,
        "action_count": len({update.action_id for update in updates}),
        "start": start,
        "end": end,
        "csv_query": f"start={start.isoformat()}&end={end.isoformat()}",
    }
    return render(request, "roadmap/group_report.html", context)


@member_required
@require_GET
def group_report_csv(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.get_group_for_report(request.user, slug)
    form, start, end = _report_period(request)
    if start is None:
        return group_report(request, slug)
    header = [
        _("Action"),
        _("Action title"),
        _("Posted"),
        _("Author"),
        _("Status"),
        _("Percent done"),
        _("Previous status"),
        _("Previous percent done"),
        _("Summary"),
        _("Blockers"),
        _("Asks of the alliance"),
        _("Next steps"),
        _("Links to evidence"),
        _("Hidden by the secretariat"),
    ]
    rows = (
        _report_row(update) for update in selectors.group_report_updates(group=group, start=start, end=end)
    )
    filename = f"report-{group.slug}-{start.isoformat()}-{end.isoformat()}.csv"
    return csv_response(filename=filename, header=header, rows=rows)


def _report_row(update) -> list:
    """A hidden update keeps its place in the report, without its text: only the reason."""
    shown = not update.is_hidden
    return [
        update.action.code,
        update.action.title,
        _iso(update.created_at),
        update.author.full_name,
        update.get_status_display(),
        update.percent_done,
        update.get_previous_status_display(),
        update.previous_percent_done,
        update.summary if shown else "",
        update.blockers if shown else "",
        update.asks if shown else "",
        update.next_steps if shown else "",
        " ".join(update.evidence_links) if shown else "",
        update.hidden_reason if update.is_hidden else "",
    ]


def _iso(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo"):
        return timezone.localtime(value).isoformat(timespec="minutes")
    return value.isoformat()


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")
