"""How far an indicator has come toward its target, the way the Open SDG platform measures it.

The compound annual growth achieved since the baseline is divided by the compound annual growth
needed to reach the target by the target year. A ratio of 0.95 or more is on track, 0.6 or more
needs acceleration, 0 or more is limited progress, below 0 is deterioration; a value at or past the
target is "target reached" whatever the ratio. Without a baseline and a value from a later year
there is not enough data.

Every kind in roadmap.yaml is "higher is better": a stock, a rate and a share grow toward the
target; a multiple's target is that many times the baseline. Years are whole years, as in Open
SDG: a value measured in the baseline's own year gives no growth yet.

Pure functions: no database, so each class boundary is tested on plain numbers.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

ON_TRACK_RATIO = 0.95
ACCELERATION_RATIO = 0.6


class ProgressClass(StrEnum):
    TARGET_REACHED = "target_reached"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED = "limited"
    DETERIORATION = "deterioration"
    NOT_ENOUGH_DATA = "not_enough_data"


PROGRESS_LABELS = {
    ProgressClass.TARGET_REACHED: _("Target reached"),
    ProgressClass.ON_TRACK: _("On track"),
    ProgressClass.NEEDS_ACCELERATION: _("Needs acceleration"),
    ProgressClass.LIMITED: _("Limited progress"),
    ProgressClass.DETERIORATION: _("Deterioration"),
    ProgressClass.NOT_ENOUGH_DATA: _("Not enough data yet"),
}


@dataclass(frozen=True)
class Progress:
    progress_class: ProgressClass
    ratio: float | None = None
    percent_of_target: float | None = None

    @property
    def label(self) -> str:
        return str(PROGRESS_LABELS[self.progress_class])


def target_value(*, kind: str, target: Decimal, baseline_value: Decimal | None) -> Decimal | None:
    """The value to reach: the target itself, or for a multiple that many times the baseline."""
    if kind == "multiple":
        return None if baseline_value is None else Decimal(baseline_value) * Decimal(target)
    return Decimal(target)


def percent_of_target(*, current: Decimal, goal: Decimal | None) -> float | None:
    if current is None or not goal:
        return None
    return float(Decimal(current) / Decimal(goal) * 100)


def compound_growth(*, start: float, end: float, years: int) -> float:
    """The yearly growth rate that turns `start` into `end` over `years` (Open SDG's formula)."""
    ratio = end / start
    if ratio < 0:
        return -1.0
    return ratio ** (1 / years) - 1


def classify(ratio: float) -> ProgressClass:
    if ratio >= ON_TRACK_RATIO:
        return ProgressClass.ON_TRACK
    if ratio >= ACCELERATION_RATIO:
        return ProgressClass.NEEDS_ACCELERATION
    if ratio >= 0:
        return ProgressClass.LIMITED
    return ProgressClass.DETERIORATION


def indicator_progress(
    *,
    kind: str,
    target: Decimal,
    target_year: int,
    baseline_value: Decimal | None,
    baseline_year: int | None,
    current_value: Decimal | None,
    measured_on: date | None,
) -> Progress:
    """The progress class, the growth ratio and the percent of target of one indicator."""
    goal = target_value(kind=kind, target=target, baseline_value=baseline_value)
    percent = percent_of_target(current=current_value, goal=goal) if current_value is not None else None
    if current_value is not None and goal is not None and current_value >= goal:
        return Progress(ProgressClass.TARGET_REACHED, percent_of_target=percent)
    if baseline_value is None or baseline_year is None or current_value is None or measured_on is None:
        return Progress(ProgressClass.NOT_ENOUGH_DATA, percent_of_target=percent)
    years_so_far = measured_on.year - baseline_year
    years_planned = target_year - baseline_year
    if years_so_far <= 0 or years_planned <= 0 or baseline_value <= 0:
        return Progress(ProgressClass.NOT_ENOUGH_DATA, percent_of_target=percent)
    needed = compound_growth(start=float(baseline_value), end=float(goal), years=years_planned)
    achieved = compound_growth(start=float(baseline_value), end=float(current_value), years=years_so_far)
    if needed <= 0:
        # The baseline already met the target and the latest value fell below it.
        return Progress(ProgressClass.DETERIORATION, percent_of_target=percent)
    ratio = achieved / needed
    return Progress(classify(ratio), ratio=ratio, percent_of_target=percent)
