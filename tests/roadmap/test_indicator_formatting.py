"""Indicator targets read naturally in both languages."""

from decimal import Decimal

import pytest
from django.utils import translation

from apps.roadmap.formatting import indicator_target_text
from apps.roadmap.models import Indicator


def indicator(kind, unit, target):
    return Indicator(kind=kind, unit=unit, target=Decimal(target), target_year=2035)


@pytest.mark.parametrize(
    ("kind", "unit", "target", "english", "french"),
    [
        ("stock", "CAD", "3000000000.00", "$3,000,000,000 by 2035", "3\xa0000\xa0000\xa0000\xa0$ d'ici 2035"),
        ("stock", "people", "10000.00", "10,000 people by 2035", "10\xa0000 personnes d'ici 2035"),
        ("share", "percent", "20.00", "20\xa0% by 2035", "20\xa0% d'ici 2035"),
        (
            "multiple",
            "firms",
            "10.00",
            "10 times the baseline by 2035",
            "10 fois le niveau de référence d'ici 2035",
        ),
    ],
)
def test_targets_are_written_for_the_reader(kind, unit, target, english, french):
    with translation.override("en"):
        assert indicator_target_text(indicator(kind, unit, target)) == english
    with translation.override("fr"):
        assert indicator_target_text(indicator(kind, unit, target)) == french
