"""Staff record baselines and values in the admin; bad ones are refused with a clear message,
by the admin forms and (for what a row alone can say) by the database itself."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from apps.dashboard.selectors import Filters, dashboard_figures
from apps.roadmap.models import Indicator, IndicatorValue
from tests.roadmap.factories import AreaFactory, IndicatorFactory, IndicatorValueFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def investment(db):
    return IndicatorFactory(
        area=AreaFactory(code="FIN"),
        name="Investment",
        unit="CAD",
        target=Decimal("3000000000"),
        baseline_value=Decimal("1000000000"),
        baseline_year=2024,
    )


@pytest.fixture
def share(db):
    return IndicatorFactory(
        name="Share of the value chain", kind=Indicator.Kind.SHARE, unit="percent", target=20
    )


def add_value(client, indicator, **changes):
    data = {
        "indicator": indicator.pk,
        "value": "1200000000",
        "measured_on": "2025-06-30",
        "source": "Alliance survey",
        "note": "",
        **changes,
    }
    return client.post(reverse("admin:roadmap_indicatorvalue_add"), data)


def test_a_good_value_is_recorded_with_its_author_and_history(client_for, staff, investment):
    response = add_value(client_for(staff), investment)

    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert (value.value, value.measured_on, value.recorded_by) == (
        Decimal("1200000000"),
        date(2025, 6, 30),
        staff,
    )
    assert value.history.get().history_user == staff


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"measured_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "The date cannot be in the future.",
        ),
        ({"value": "-5"}, "A value cannot be negative (it is a count, an amount or a share)."),
        ({"measured_on": "2023-12-31"}, "This date is before the indicator&#x27;s baseline (2024)."),
    ],
    ids=["future", "negative", "before the baseline"],
)
def test_bad_values_are_refused_with_a_message(client_for, staff, investment, changes, message):
    response = add_value(client_for(staff), investment, **changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_percentage_over_100_is_refused(client_for, staff, share):
    response = add_value(client_for(staff), share, value="100.5", measured_on="2025-01-01")

    assert "This indicator is a percentage: the value is at most 100." in response.content.decode()
    assert not IndicatorValue.objects.exists()
    assert add_value(client_for(staff), share, value="100", measured_on="2025-01-01").status_code == 302


def indicator_form(indicator, *, values=(), **changes):
    data = {
        "area": indicator.area_id,
        "name_en": indicator.name,
        "name_fr": "",
        "kind": indicator.kind,
        "unit": indicator.unit,
        "target": str(indicator.target),
        "target_year": indicator.target_year,
        "baseline_value": "" if indicator.baseline_value is None else str(indicator.baseline_value),
        "baseline_year": indicator.baseline_year or "",
        "position": indicator.position,
        "values-TOTAL_FORMS": len(values),
        "values-INITIAL_FORMS": 0,
        "values-MIN_NUM_FORMS": 0,
        "values-MAX_NUM_FORMS": 1000,
        **changes,
    }
    for index, value in enumerate(values):
        for name, content in value.items():
            data[f"values-{index}-{name}"] = content
    return data


def post_indicator(client, indicator, **kwargs):
    return client.post(
        reverse("admin:roadmap_indicator_change", args=[indicator.pk]), indicator_form(indicator, **kwargs)
    )


def test_staff_record_a_baseline_and_a_value_in_one_form(client_for, staff, share):
    response = post_indicator(
        client_for(staff),
        share,
        baseline_value="4",
        baseline_year="2023",
        values=[{"measured_on": "2025-05-01", "value": "6", "source": "Statistics Canada", "note": ""}],
    )

    assert response.status_code == 302
    share.refresh_from_db()
    assert (share.baseline_value, share.baseline_year) == (Decimal("4"), 2023)
    assert share.values.get().recorded_by == staff
    assert share.history.first().history_user == staff


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"baseline_value": "-1", "baseline_year": "2023"}, "A value cannot be negative"),
        (
            {"baseline_value": "120", "baseline_year": "2023"},
            "This indicator is a percentage: the value is at most 100.",
        ),
        (
            {"baseline_value": "4", "baseline_year": ""},
            "Give the baseline&#x27;s value and its year together.",
        ),
        (
            {"baseline_value": "4", "baseline_year": str(timezone.localdate().year + 1)},
            "The baseline year cannot be in the future.",
        ),
    ],
    ids=["negative", "share over 100", "value without year", "future year"],
)
def test_bad_baselines_are_refused_with_a_message(client_for, staff, share, changes, message):
    response = post_indicator(client_for(staff), share, **changes)

    assert response.status_code == 200
    assert message in response.content.decode()
    share.refresh_from_db()
    assert share.baseline_value is None


def test_a_value_in_the_inline_before_the_new_baseline_is_refused(client_for, staff, share):
    response = post_indicator(
        client_for(staff),
        share,
        baseline_value="4",
        baseline_year="2024",
        values=[{"measured_on": "2023-05-01", "value": "6", "source": "Statistics Canada", "note": ""}],
    )

    assert "This date is before the indicator&#x27;s baseline (2024)." in response.content.decode()
    assert not share.values.exists()


def test_moving_the_baseline_after_recorded_values_is_refused(client_for, staff, investment):
    IndicatorValueFactory(indicator=investment, measured_on=date(2025, 3, 1), value=Decimal("1100000000"))

    response = post_indicator(client_for(staff), investment, baseline_year="2026")

    assert (
        "Some values of this indicator are dated before 2026: correct them first."
        in response.content.decode()
    )
    investment.refresh_from_db()
    assert investment.baseline_year == 2024


@pytest.mark.parametrize(
    ("model", "fields"),
    [
        (IndicatorValue, {"value": Decimal("-1"), "measured_on": date(2025, 1, 1), "source": "x"}),
        (Indicator, {"name": "Half a baseline", "baseline_value": Decimal("5")}),
        (Indicator, {"name": "Negative baseline", "baseline_value": Decimal("-5"), "baseline_year": 2020}),
        (
            Indicator,
            {"name": "Share", "kind": "share", "baseline_value": Decimal("101"), "baseline_year": 2020},
        ),
        (Indicator, {"name": "Late baseline", "baseline_value": Decimal("5"), "baseline_year": 2036}),
    ],
    ids=[
        "negative value",
        "baseline without year",
        "negative baseline",
        "share over 100",
        "baseline after target",
    ],
)
def test_the_database_refuses_what_a_row_alone_shows_wrong(investment, model, fields):
    """Imports and scripts that skip the forms still cannot store these."""
    if model is IndicatorValue:
        fields = {"indicator": investment, **fields}
    else:
        fields = {
            "area": investment.area,
            "kind": "stock",
            "unit": "patents",
            "target": 1000,
            "target_year": 2035,
            **fields,
        }
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(**fields)


def test_a_value_saved_in_the_admin_refreshes_the_dashboard(
    client_for, staff, investment, django_capture_on_commit_callbacks
):
    before = dashboard_figures(filters=Filters()).indicators[0]
    assert before.latest is None

    with django_capture_on_commit_callbacks(execute=True):
        add_value(client_for(staff), investment)

    after = dashboard_figures(filters=Filters()).indicators[0]
    assert after.latest.value == Decimal("1200000000")
    assert after.progress_class == "on_track"
