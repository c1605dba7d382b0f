"""Charts drawn on the server as SVG: horizontal bars and a line chart over time.

Each bar carries its label and its number as text, and bars of a chart differ by pattern as well
as colour, so a chart reads in greyscale and printed. Every chart has a title and a description
for screen readers; the page puts the same figures in a table beside it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 640
BAR_ROW = 44
BAR_HEIGHT = 18
LINE_HEIGHT = 260
MARGIN_LEFT = 86
MARGIN_RIGHT = 24
MARGIN_TOP = 28
MARGIN_BOTTOM = 40
PATTERNS = ("solid", "diagonal", "dots", "cross", "lines")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


def _svg(*, chart_id: str, title: str, description: str, height: int, body: str) -> SafeString:
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{defs}{body}</svg>',
        id=chart_id,
        width=WIDTH,
        height=height,
        title=title,
        description=description,
        defs=_pattern_defs(chart_id),
        body=mark_safe(body),  # built from escaped parts below
    )


def _pattern_defs(chart_id: str) -> SafeString:
    shapes = {
        "diagonal": '<path d="M0,8 L8,0" stroke="#fff" stroke-width="2"/>',
        "dots": '<circle cx="4" cy="4" r="1.6" fill="#fff"/>',
        "cross": '<path d="M0,0 L8,8 M8,0 L0,8" stroke="#fff" stroke-width="1.4"/>',
        "lines": '<path d="M0,4 L8,4" stroke="#fff" stroke-width="2"/>',
    }
    patterns = "".join(
        f'<pattern id="{chart_id}-{name}" width="8" height="8" patternUnits="userSpaceOnUse">'
        f'<rect width="8" height="8" class="bar-fill-{index}"/>{shape}</pattern>'
        for index, (name, shape) in enumerate(shapes.items(), start=1)
    )
    return mark_safe(f"<defs>{patterns}</defs>")


def _fill(chart_id: str, index: int) -> str:
    pattern = PATTERNS[index % len(PATTERNS)]
    return 'class="bar-fill-0"' if pattern == "solid" else f'fill="url(#{chart_id}-{pattern})"'


def bar_chart(bars: Sequence[Bar], *, chart_id: str, title: str, patterned: bool = False) -> SafeString:
    """One bar per row, its label above it and its number after it. With `patterned`, each bar
    has its own pattern (for categories such as statuses); otherwise all are plain."""
    largest = max((bar.value for bar in bars), default=0) or 1
    usable = WIDTH - 8 - 120
    rows = []
    for index, bar in enumerate(bars):
        top = index * BAR_ROW
        length = max(usable * bar.value / largest, 0)
        fill = _fill(chart_id, index if patterned else 0)
        rows.append(
            f'<g class="bar"><text x="4" y="{top + 13}" class="bar-label">{escape(bar.label)}</text>'
            f'<rect x="4" y="{top + 18}" width="{length:.1f}" height="{BAR_HEIGHT}" {fill} '
            f'stroke="#1f2a37" stroke-width="0.6"/>'
            f'<text x="{length + 10:.1f}" y="{top + 32}" class="bar-value">{escape(bar.text)}</text></g>'
        )
    description = "; ".join(f"{bar.label}: {bar.text}" for bar in bars) or _("No data yet.")
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        height=max(len(bars), 1) * BAR_ROW + 4,
        body="".join(rows),
    )


@dataclass(frozen=True)
class Series:
    points: Sequence[tuple[date, float]]
    label: str
    dashed: bool = False


def line_chart(
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    value_text: Callable[[float], str],
    description: str,
) -> SafeString:
    """Lines over time on one axis of dates; the first series gets a mark and a label on each
    point, a dashed series (the path to the target) is named at its end."""
    points = [point for line in series for point in line.points]
    if not points:
        return _svg(chart_id=chart_id, title=title, description=_("No data yet."), height=40, body="")
    first = min(day for day, _value in points).toordinal()
    last = max(day for day, _value in points).toordinal()
    top_value = max(float(value) for _day, value in points) or 1
    plot_width = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_height = LINE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(day: date) -> float:
        span = (last - first) or 1
        return MARGIN_LEFT + plot_width * (day.toordinal() - first) / span

    def y(value: float) -> float:
        return MARGIN_TOP + plot_height * (1 - float(value) / top_value)

    parts = [_axes(first=first, last=last, top_value=top_value, x=x, y=y, value_text=value_text)]
    for line in series:
        parts.append(_line(line, x=x, y=y, value_text=value_text))
    parts.append(_legend(series))
    return _svg(
        chart_id=chart_id, title=title, description=description, height=LINE_HEIGHT, body="".join(parts)
    )


def _axes(*, first, last, top_value, x, y, value_text) -> str:
    bottom = LINE_HEIGHT - MARGIN_BOTTOM
    parts = [
        f'<line x1="{MARGIN_LEFT}" y1="{bottom}" x2="{WIDTH - MARGIN_RIGHT}" y2="{bottom}" class="axis"/>',
        f'<line x1="{MARGIN_LEFT}" y1="{MARGIN_TOP}" x2="{MARGIN_LEFT}" y2="{bottom}" class="axis"/>',
    ]
    for value in (0, top_value / 2, top_value):
        parts.append(
            f'<text x="{MARGIN_LEFT - 6}" y="{y(value) + 4:.1f}" class="tick" text-anchor="end">'
            f"{escape(value_text(value))}</text>"
            f'<line x1="{MARGIN_LEFT}" y1="{y(value):.1f}" x2="{WIDTH - MARGIN_RIGHT}" y2="{y(value):.1f}" '
            'class="grid-line"/>'
        )
    first_year, last_year = date.fromordinal(first).year, date.fromordinal(last).year
    step = max(1, (last_year - first_year) // 6 + 1)
    for year in range(first_year + (1 if date.fromordinal(first).month > 1 else 0), last_year + 1, step):
        position = x(date(year, 1, 1))
        parts.append(
            f'<text x="{position:.1f}" y="{bottom + 16}" class="tick" text-anchor="middle">{year}</text>'
            f'<line x1="{position:.1f}" y1="{bottom}" x2="{position:.1f}" y2="{bottom + 4}" class="axis"/>'
        )
    return "".join(parts)


def _line(line: Series, *, x, y, value_text) -> str:
    coordinates = " ".join(f"{x(day):.1f},{y(value):.1f}" for day, value in line.points)
    style = "series-path" if line.dashed else "series-values"
    parts = [f'<polyline points="{coordinates}" class="{style}" fill="none"/>']
    if line.dashed:
        day, value = line.points[-1]
        parts.append(
            f'<text x="{x(day) - 4:.1f}" y="{y(value) - 8:.1f}" class="point-label" text-anchor="end">'
            f"{escape(line.label)}</text>"
        )
        return "".join(parts)
    for index, (day, value) in enumerate(line.points):
        parts.append(
            f'<rect x="{x(day) - 4:.1f}" y="{y(value) - 4:.1f}" width="8" height="8" class="point"/>'
        )
        if index == len(line.points) - 1 or len(line.points) <= 6:
            parts.append(
                f'<text x="{x(day):.1f}" y="{y(value) - 10:.1f}" class="point-label" text-anchor="middle">'
                f"{escape(value_text(value))}</text>"
            )
    return "".join(parts)


def _legend(series: Sequence[Series]) -> str:
    parts, left = [], MARGIN_LEFT
    for line in series:
        style = "series-path" if line.dashed else "series-values"
        parts.append(
            f'<line x1="{left}" y1="12" x2="{left + 26}" y2="12" class="{style}"/>'
            f'<text x="{left + 32}" y="16" class="legend">{escape(line.label)}</text>'
        )
        left += 40 + 7 * len(line.label)
    return "".join(parts)
