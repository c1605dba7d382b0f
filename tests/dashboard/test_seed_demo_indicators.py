"""`seed_demo` gives each indicator a baseline and values, so the dashboard looks real; twice is once."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.dashboard.models import PublicProgressPage
from apps.dashboard.selectors import Filters, compute_figures
from apps.roadmap.loading import load_roadmap
from apps.roadmap.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", "--allow-production", stdout=StringIO())


def test_demo_indicators_show_the_progress_classes_and_the_public_page_is_on():
    load_roadmap()

    seed()
    seed()

    assert not Indicator.objects.filter(baseline_year__isnull=True).exists()
    assert IndicatorValue.objects.count() == 11
    classes = {
        i.name: i.progress_class
        for i in compute_figures(filters=Filters(), public=True, today=timezone.localdate()).indicators
    }
    assert set(classes.values()) == {"on_track", "needs_acceleration", "limited", "deterioration"}
    assert classes["Share of the North American battery value chain"] == "deterioration"
    assert PublicProgressPage.is_public()
