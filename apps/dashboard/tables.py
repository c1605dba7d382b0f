"""Each chart's figures as a table: shown beside the chart, and downloaded as CSV. The chart, the
table and the CSV come from the same rows, so they cannot disagree."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from . import charts
from .selectors import DashboardFigures, IndicatorFigures, Tally


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[str]]
    csv_rows: list[list]
    chart: SafeString | str = ""
    notes: list[str] = field(default_factory=list)


def count_text(count: int) -> str:
    return number_format(count, force_grouping=True)


def percent_text(percent: float | None) -> str:
    return "" if percent is None else f"{number_format(percent, decimal_pos=1)}\xa0%"


def _tally_table(slug: str, title: str, heading: str, tallies: list[Tally], *, patterned=False) -> Table:
    bars = [charts.Bar(tally.label, tally.count, count_text(tally.count)) for tally in tallies]
    return Table(
        slug=slug,
        title=title,
        headers=[heading, _("Count")],
        rows=[[tally.label, count_text(tally.count)] for tally in tallies],
        csv_rows=[[tally.label, tally.count] for tally in tallies],
        chart=charts.bar_chart(bars, chart_id=f"chart-{slug}", title=title, patterned=patterned),
    )


def roadmap_tables(figures: DashboardFigures) -> list[Table]:
    roadmap = figures.roadmap
    areas = Table(
        slug="areas",
        title=_("Percent done by area"),
        headers=[_("Area"), _("Actions"), _("Percent done (average)")],
        rows=[
            [f"{a.name} ({a.code})", count_text(a.action_count), percent_text(a.percent_done)]
            for a in roadmap.areas
        ],
        csv_rows=[[a.code, a.name, a.action_count, a.percent_done] for a in roadmap.areas],
        chart=charts.bar_chart(
            [
                charts.Bar(f"{a.name} ({a.code})", a.percent_done, percent_text(a.percent_done))
                for a in roadmap.areas
            ],
            chart_id="chart-areas",
            title=_("Percent done by area"),
            maximum=100,
        ),
    )
    return [
        _tally_table("statuses", _("Actions by status"), _("Status"), roadmap.by_status, patterned=True),
        areas,
    ]


def indicator_table(indicator: IndicatorFigures) -> Table:
    title = _("%(indicator)s over time") % {"indicator": indicator.name}
    rows, csv_rows = [], []
    if indicator.baseline_year is not None:
        rows.append(
            [_("Baseline"), str(indicator.baseline_year), indicator.display(indicator.baseline_value), ""]
        )
        csv_rows.append(["baseline", indicator.baseline_year, indicator.baseline_value, ""])
    for point in indicator.values:
        rows.append(
            [_("Measured"), date_format(point.measured_on), indicator.display(point.value), point.source]
        )
        csv_rows.append(["measured", point.measured_on.isoformat(), point.value, point.source])
    if indicator.target_value is not None:
        rows.append([_("Target"), str(indicator.target_year), indicator.display(indicator.target_value), ""])
        csv_rows.append(["target", indicator.target_year, indicator.target_value, ""])
    return Table(
        slug=f"indicator-{indicator.id}",
        title=title,
        headers=[_("Figure"), _("Date or year"), _("Value"), _("Source")],
        rows=rows,
        csv_rows=csv_rows,
        chart=_indicator_chart(indicator, title),
    )


def _indicator_chart(indicator: IndicatorFigures, title: str) -> SafeString:
    series = []
    if indicator.values:
        series.append(
            charts.Series([(p.measured_on, float(p.value)) for p in indicator.values], _("Measured values"))
        )
    if indicator.baseline_year is not None and indicator.target_value is not None:
        path = [
            (date(indicator.baseline_year, 1, 1), float(indicator.baseline_value)),
            (date(indicator.target_year, 12, 31), float(indicator.target_value)),
        ]
        series.append(charts.Series(path, _("Path from the baseline to the target"), dashed=True))
    return charts.line_chart(
        series,
        chart_id=f"chart-indicator-{indicator.id}",
        title=title,
        value_text=lambda value: indicator.display(Decimal(str(round(value, 2)))),
        description=_("Measured values: %(values)s. Target: %(target)s.")
        % {
            "values": "; ".join(
                f"{date_format(p.measured_on)}: {indicator.display(p.value)}" for p in indicator.values
            )
            or _("none yet"),
            "target": indicator.target_text,
        },
    )


def ecosystem_tables(figures: DashboardFigures) -> list[Table]:
    ecosystem = figures.ecosystem
    growth = Table(
        slug="growth",
        title=_("Member organizations over time"),
        headers=[_("Month"), _("Member organizations")],
        rows=[[tally.label, count_text(tally.count)] for tally in ecosystem.growth],
        csv_rows=[[tally.key, tally.count] for tally in ecosystem.growth],
        chart=charts.line_chart(
            [
                charts.Series(
                    [(date.fromisoformat(f"{t.key}-01"), t.count) for t in ecosystem.growth],
                    _("Member organizations"),
                )
            ],
            chart_id="chart-growth",
            title=_("Member organizations over time"),
            value_text=lambda value: count_text(round(value)),
            description="; ".join(f"{t.label}: {t.count}" for t in ecosystem.growth) or _("No data yet."),
        ),
    )
    return [
        _tally_table("kinds", _("Member organizations by kind"), _("Kind"), ecosystem.by_kind),
        _tally_table(
            "provinces",
            _("Member organizations by province or territory"),
            _("Province or territory"),
            ecosystem.by_province,
        ),
        _tally_table(
            "segments", _("Member organizations by value-chain segment"), _("Segment"), ecosystem.by_segment
        ),
        growth,
    ]


def patent_tables(figures: DashboardFigures) -> list[Table]:
    patents = figures.patents
    return [
        _tally_table(
            "listing-areas",
            _("Listings in the pool by technology area"),
            _("Technology area"),
            patents.listings_by_area,
        ),
        _tally_table(
            "listing-statuses",
            _("Listings by status"),
            _("Status"),
            patents.listings_by_status,
            patterned=True,
        ),
        _tally_table(
            "request-statuses",
            _("Licence requests by status"),
            _("Status"),
            patents.requests_by_status,
            patterned=True,
        ),
    ]


def activity_tables(figures: DashboardFigures) -> list[Table]:
    title = _("Status updates posted in the last %(days)d days, by working group") % {
        "days": figures.activity.days
    }
    return [_tally_table("activity", title, _("Working group"), figures.activity.by_group)]


def all_tables(figures: DashboardFigures) -> dict[str, Table]:
    """Every table of the page, by slug (the CSV download picks one)."""
    tables = roadmap_tables(figures) + [indicator_table(indicator) for indicator in figures.indicators]
    if figures.ecosystem is not None:
        tables += ecosystem_tables(figures) + patent_tables(figures) + activity_tables(figures)
    return {table.slug: table for table in tables}
