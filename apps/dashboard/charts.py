"""Charts drawn on the server as SVG: horizontal bars and a line chart over time.

Each bar carries its label and its number as text, and bars of a chart differ by pattern as well
as colour, so a chart reads in greyscale and printed. Every chart has a title and a description
for screen readers; the page puts the same figures in a table beside it.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

WIDTH = 480
LINE_WIDTH = 640
BAR_ROW = 44
BAR_HEIGHT = 18
LINE_HEIGHT = 260
MARGIN_RIGHT = 24
MARGIN_TOP = 28
MARGIN_BOTTOM = 40
PATTERNS = ("solid", "diagonal", "dots", "cross", "lines")


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str


def _svg(
    *, chart_id: str, title: str, description: str, height: int, body: str, width: int = WIDTH
) -> SafeString:
    return format_html(
        '<svg class="chart" id="{id}" viewBox="0 0 {width} {height}" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{description}</desc>{defs}{body}</svg>',
        id=chart_id,
        width=width,
        height=height,
        title=title,
        description=description,
        defs=_pattern_defs(chart_id),
        body=mark_safe(body),  # noqa: S308 built from escaped parts below
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
    return mark_safe(f"<defs>{patterns}</defs>")  # noqa: S308 fixed shapes; chart ids are code constants


def _fill(chart_id: str, index: int) -> str:
    pattern = PATTERNS[index % len(PATTERNS)]
    return 'class="bar-fill-0"' if pattern == "solid" else f'fill="url(#{chart_id}-{pattern})"'


def bar_chart(
    bars: Sequence[Bar], *, chart_id: str, title: str, patterned: bool = False, maximum: float | None = None
) -> SafeString:
    """One bar per row, its label above it and its number after it. With `patterned`, each bar
    has its own pattern (for categories such as statuses); otherwise all are plain. `maximum` is
    the full length (100 for percentages); by default the largest bar."""
    largest = maximum or max((bar.value for bar in bars), default=0) or 1
    usable = WIDTH - 8 - 90
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


@dataclass(frozen=True)
class Frame:
    """Where dates and values fall on the drawing."""

    first: int
    last: int
    top_value: float
    left: int

    def x(self, day: date) -> float:
        plot_width = LINE_WIDTH - self.left - MARGIN_RIGHT
        return self.left + plot_width * (day.toordinal() - self.first) / ((self.last - self.first) or 1)

    def y(self, value: float) -> float:
        plot_height = LINE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
        return MARGIN_TOP + plot_height * (1 - float(value) / self.top_value)


def nice_ceiling(value: float) -> float:
    """The top of the value axis: 1, 2 or 4 times a power of ten, so that its half is round too."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 4, 10) if step * magnitude >= value)


def line_chart(
    series: Sequence[Series],
    *,
    chart_id: str,
    title: str,
    value_text: Callable[[float], str],
    description: str,
) -> SafeString:
    """Lines over time on one axis of dates. A plain series gets a mark on each point and its
    latest value written; a dashed one (the path to the target) is named in the legend."""
    points = [point for line in series for point in line.points]
    if not points:
        message = escape(_("No value recorded yet."))
        empty = f'<text x="8" y="26" class="legend">{message}</text>'
        return _svg(chart_id=chart_id, title=title, description=description, height=40, body=empty)
    top_value = nice_ceiling(max(float(value) for _day, value in points))
    frame = Frame(
        first=min(day for day, _value in points).toordinal(),
        last=max(day for day, _value in points).toordinal(),
        top_value=top_value,
        left=14 + 7 * max(len(value_text(value)) for value in (0, top_value / 2, top_value)),
    )
    parts = [
        _axes(frame, value_text),
        *(_line(line, frame, value_text) for line in series),
        _legend(series, frame),
    ]
    return _svg(
        chart_id=chart_id,
        title=title,
        description=description,
        height=LINE_HEIGHT,
        body="".join(parts),
        width=LINE_WIDTH,
    )


def _axes(frame: Frame, value_text) -> str:
    bottom, right = LINE_HEIGHT - MARGIN_BOTTOM, LINE_WIDTH - MARGIN_RIGHT
    parts = [
        f'<line x1="{frame.left}" y1="{bottom}" x2="{right}" y2="{bottom}" class="axis"/>',
        f'<line x1="{frame.left}" y1="{MARGIN_TOP}" x2="{frame.left}" y2="{bottom}" class="axis"/>',
    ]
    for value in (0, frame.top_value / 2, frame.top_value):
        level = frame.y(value)
        parts.append(
            f'<text x="{frame.left - 6}" y="{level + 4:.1f}" class="tick" text-anchor="end">'
            f"{escape(value_text(value))}</text>"
            f'<line x1="{frame.left}" y1="{level:.1f}" x2="{right}" y2="{level:.1f}" class="grid-line"/>'
        )
    start, end = date.fromordinal(frame.first), date.fromordinal(frame.last)
    step = max(1, (end.year - start.year) // 6 + 1)
    for year in range(start.year + (1 if start.month > 1 or start.day > 1 else 0), end.year + 1, step):
        position = frame.x(date(year, 1, 1))
        parts.append(
            f'<text x="{position:.1f}" y="{bottom + 16}" class="tick" text-anchor="middle">{year}</text>'
            f'<line x1="{position:.1f}" y1="{bottom}" x2="{position:.1f}" y2="{bottom + 4}" class="axis"/>'
        )
    return "".join(parts)


def _line(line: Series, frame: Frame, value_text) -> str:
    coordinates = " ".join(f"{frame.x(day):.1f},{frame.y(value):.1f}" for day, value in line.points)
    style = "series-path" if line.dashed else "series-values"
    parts = [f'<polyline points="{coordinates}" class="{style}" fill="none"/>']
    if line.dashed:
        return "".join(parts)
    for day, value in line.points:
        parts.append(
            f'<rect x="{frame.x(day) - 4:.1f}" y="{frame.y(value) - 4:.1f}" width="8" height="8" '
            'class="point"/>'
        )
    day, value = line.points[-1]
    anchor = "end" if frame.x(day) > LINE_WIDTH * 0.7 else "start"
    parts.append(
        f'<text x="{frame.x(day) + (-8 if anchor == "end" else 8):.1f}" y="{frame.y(value) - 10:.1f}" '
        f'class="point-label" text-anchor="{anchor}">{escape(value_text(value))}</text>'
    )
    return "".join(parts)


def _legend(series: Sequence[Series], frame: Frame) -> str:
    parts, left = [], frame.left
    for line in series:
        style = "series-path" if line.dashed else "series-values"
        parts.append(
            f'<line x1="{left}" y1="12" x2="{left + 26}" y2="12" class="{style}"/>'
            f'<text x="{left + 32}" y="16" class="legend">{escape(line.label)}</text>'
        )
        left += 48 + 7 * len(line.label)
    return "".join(parts)
