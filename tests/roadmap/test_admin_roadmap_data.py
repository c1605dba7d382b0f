"""The basic admins for pillars, areas, indicators and their values, and the read-only outbox."""

from datetime import date

import pytest
from django.urls import reverse

from apps.core.models import Event
from apps.roadmap.models import IndicatorValue
from tests.roadmap.factories import (
    ActionFactory,
    AreaFactory,
    EventFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    PillarFactory,
)

pytestmark = pytest.mark.django_db

MODELS = ["pillar", "area", "indicator", "indicatorvalue"]


@pytest.fixture
def rows(db):
    pillar = PillarFactory(name="Innovation Infrastructure")
    area = AreaFactory(pillar=pillar, code="FIN", name="Financial Ecosystem")
    ActionFactory(area=area)
    indicator = IndicatorFactory(area=area, name="Investment in battery innovation", unit="CAD")
    value = IndicatorValueFactory(indicator=indicator)
    event = EventFactory()
    return {"pillar": pillar, "area": area, "indicator": indicator, "indicatorvalue": value, "event": event}


def urls_of(model, obj, app="roadmap"):
    return [
        reverse(f"admin:{app}_{model}_changelist"),
        reverse(f"admin:{app}_{model}_change", args=[obj.pk]),
    ]


@pytest.mark.parametrize("role", [None, "member", "lead", "contact"])
def test_people_who_are_not_staff_are_sent_away(request, client_for, rows, role):
    person = request.getfixturevalue(role) if role else None
    urls = [url for model in MODELS for url in urls_of(model, rows[model])]
    urls += urls_of("event", rows["event"], app="core")

    for url in urls:
        response = client_for(person).get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('admin:login')}?next={url}"


def test_staff_open_every_page(client_for, staff, rows):
    client = client_for(staff)
    urls = [url for model in MODELS for url in urls_of(model, rows[model])]
    urls += urls_of("event", rows["event"], app="core")

    for url in urls:
        assert client.get(url).status_code == 200, url


def test_the_area_list_counts_actions(client_for, staff, rows):
    response = client_for(staff).get(reverse("admin:roadmap_area_changelist"))

    counts = {area.code: area.action_count for area in response.context["cl"].result_list}
    assert counts["FIN"] == 1


def test_staff_record_an_indicator_value_with_its_source(client_for, staff, rows):
    indicator = rows["indicator"]

    response = client_for(staff).post(
        reverse("admin:roadmap_indicatorvalue_add"),
        {
            "indicator": indicator.pk,
            "value": "250000000",
            "measured_on": "2026-03-31",
            "source": "Budget 2026",
        },
    )

    assert response.status_code == 302
    value = IndicatorValue.objects.get(source="Budget 2026")
    assert (value.measured_on, value.recorded_by) == (date(2026, 3, 31), staff)


def test_events_are_read_only(client_for, staff, rows):
    event = rows["event"]
    client = client_for(staff)

    added = client.post(reverse("admin:core_event_add"), {"kind": "status_updated"})
    edited = client.post(
        reverse("admin:core_event_change", args=[event.pk]), {"kind": "status_updated"}
    )
    deleted = client.post(reverse("admin:core_event_delete", args=[event.pk]), {"post": "yes"})

    assert (added.status_code, edited.status_code, deleted.status_code) == (403, 403, 403)
    assert Event.objects.count() == 1


def test_the_event_list_names_the_subject_without_a_query_per_row(
    client_for, staff, django_assert_max_num_queries
):
    for _ in range(20):
        EventFactory()
    client = client_for(staff)
    client.get(reverse("admin:core_event_changelist"))

    with django_assert_max_num_queries(10):
        response = client.get(reverse("admin:core_event_changelist"))

    assert "status update #" in response.content.decode()
