"""Open SDG progress classes of an indicator: each boundary, target reached, not enough data."""

from datetime import date
from decimal import Decimal

import pytest

from apps.roadmap.indicator_progress import ProgressClass, classify, compound_growth, indicator_progress

# Baseline 100 in 2020, target 1,000 by 2030: the growth needed is 10 ** (1/10) - 1 a year.
NEEDED = 10 ** (1 / 10) - 1


def value_after(years: int, ratio: float) -> Decimal:
    """The value that, `years` after the baseline of 100, gives exactly `ratio` of the needed growth."""
    return Decimal(str(round(100 * (1 + ratio * NEEDED) ** years, 6)))


def progress(
    current,
    *,
    measured_on=date(2025, 6, 30),
    kind="stock",
    target=Decimal("1000"),
    baseline_value=Decimal("100"),
    baseline_year=2020,
):
    return indicator_progress(
        kind=kind,
        target=target,
        target_year=2030,
        baseline_value=baseline_value,
        baseline_year=baseline_year,
        current_value=current,
        measured_on=measured_on,
    )


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (1.5, ProgressClass.ON_TRACK),
        (0.95, ProgressClass.ON_TRACK),
        (0.9499, ProgressClass.NEEDS_ACCELERATION),
        (0.6, ProgressClass.NEEDS_ACCELERATION),
        (0.5999, ProgressClass.LIMITED),
        (0.0, ProgressClass.LIMITED),
        (-0.0001, ProgressClass.DETERIORATION),
    ],
)
def test_classify_boundaries(ratio, expected):
    assert classify(ratio) is expected


def test_compound_growth_is_open_sdg_formula():
    assert compound_growth(start=100, end=121, years=2) == pytest.approx(0.1)
    assert compound_growth(start=100, end=1000, years=10) == pytest.approx(NEEDED)


@pytest.mark.parametrize(
    ("ratio", "expected"),
    [
        (0.96, ProgressClass.ON_TRACK),
        (0.94, ProgressClass.NEEDS_ACCELERATION),
        (0.61, ProgressClass.NEEDS_ACCELERATION),
        (0.59, ProgressClass.LIMITED),
        (0.01, ProgressClass.LIMITED),
        (-0.01, ProgressClass.DETERIORATION),
    ],
)
def test_values_either_side_of_each_boundary(ratio, expected):
    result = progress(value_after(5, ratio))

    assert result.progress_class is expected
    assert result.ratio == pytest.approx(ratio, abs=1e-4)


def test_no_change_since_the_baseline_is_limited_progress():
    result = progress(Decimal("100"))

    assert result.progress_class is ProgressClass.LIMITED
    assert result.ratio == 0
    assert result.percent_of_target == pytest.approx(10.0)


def test_reaching_the_target_overrides_the_ratio():
    assert progress(Decimal("1000")).progress_class is ProgressClass.TARGET_REACHED
    assert progress(Decimal("1500")).percent_of_target == pytest.approx(150.0)


def test_target_reached_even_in_the_baseline_year():
    result = progress(Decimal("1000"), measured_on=date(2020, 12, 1))

    assert result.progress_class is ProgressClass.TARGET_REACHED


@pytest.mark.parametrize(
    "changes",
    [
        {"baseline_value": None, "baseline_year": None},
        {"baseline_year": None},
        {"measured_on": date(2020, 12, 31)},
        {"baseline_value": Decimal("0")},
    ],
    ids=["no baseline", "no baseline year", "value in the baseline year", "baseline of zero"],
)
def test_not_enough_data(changes):
    result = progress(Decimal("200"), **changes)

    assert result.progress_class is ProgressClass.NOT_ENOUGH_DATA
    assert result.ratio is None


def test_no_value_yet_is_not_enough_data():
    result = progress(None, measured_on=None)

    assert result.progress_class is ProgressClass.NOT_ENOUGH_DATA
    assert result.percent_of_target is None


def test_a_multiple_is_measured_against_that_many_times_the_baseline():
    # Tenfold from 40 firms: 400 is the target; 200 after five of ten years is ahead of plan.
    result = progress(Decimal("200"), kind="multiple", target=Decimal("10"), baseline_value=Decimal("40"))

    assert result.percent_of_target == pytest.approx(50.0)
    assert result.ratio == pytest.approx((5 ** (1 / 5) - 1) / NEEDED)
    assert result.progress_class is ProgressClass.ON_TRACK
    assert (
        progress(
            Decimal("400"), kind="multiple", target=Decimal("10"), baseline_value=Decimal("40")
        ).progress_class
        is ProgressClass.TARGET_REACHED
    )


def test_a_multiple_without_baseline_has_no_percent():
    result = progress(
        Decimal("200"), kind="multiple", target=Decimal("10"), baseline_value=None, baseline_year=None
    )

    assert result.progress_class is ProgressClass.NOT_ENOUGH_DATA
    assert result.percent_of_target is None


def test_baseline_already_past_the_target_then_falling_is_deterioration():
    result = progress(Decimal("900"), baseline_value=Decimal("1200"))

    assert result.progress_class is ProgressClass.DETERIORATION


def test_labels_are_words():
    assert progress(Decimal("100")).label == "Limited progress"
