"""The members' dashboard, the public progress page, and the CSV of each chart's figures."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from apps.accounts.membership import member_required
from apps.core.exports import csv_response

from .forms import DashboardFilterForm
from .models import PublicProgressPage
from .selectors import dashboard_figures
from .tables import (
    activity_tables,
    all_tables,
    ecosystem_tables,
    indicator_table,
    patent_tables,
    roadmap_tables,
)


@member_required
def dashboard(request):
    form = DashboardFilterForm(request.GET or None)
    figures = dashboard_figures(filters=form.filters())
    context = {
        "form": form,
        "figures": figures,
        "roadmap_tables": roadmap_tables(figures),
        "indicators": [(indicator, indicator_table(indicator)) for indicator in figures.indicators],
        "ecosystem_tables": ecosystem_tables(figures),
        "patent_tables": patent_tables(figures),
        "activity_tables": activity_tables(figures),
        "csv_url_name": "dashboard:csv",
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "dashboard/dashboard.html", context, status=status)


@member_required
def dashboard_csv(request, slug: str):
    form = DashboardFilterForm(request.GET or None)
    return _csv_response(dashboard_figures(filters=form.filters()), slug)


def public_progress(request):
    _require_public_page()
    form = DashboardFilterForm(request.GET or None, with_groups=False)
    figures = dashboard_figures(filters=form.filters(), public=True)
    context = {
        "form": form,
        "figures": figures,
        "roadmap_tables": roadmap_tables(figures),
        "indicators": [(indicator, indicator_table(indicator)) for indicator in figures.indicators],
        "csv_url_name": "progress:csv",
    }
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "dashboard/public_progress.html", context, status=status)


def public_progress_csv(request, slug: str):
    _require_public_page()
    form = DashboardFilterForm(request.GET or None, with_groups=False)
    return _csv_response(dashboard_figures(filters=form.filters(), public=True), slug)


def _require_public_page() -> None:
    if not PublicProgressPage.is_public():
        raise Http404


def _csv_response(figures, slug: str) -> HttpResponse:
    table = all_tables(figures).get(slug)
    if table is None:
        raise Http404
    return csv_response(
        filename=f"{slug}-{timezone.localdate().isoformat()}.csv",
        header=_csv_headers(table),
        rows=table.csv_rows,
    )


def _csv_headers(table) -> list[str]:
    """The CSV of the area table and the indicator tables hold a code column the page does not."""
    if table.slug == "areas":
        return ["code", *table.headers]
    if table.slug.startswith("indicator-"):
        return ["figure", "date_or_year", "value", "source"]
    return table.headers
