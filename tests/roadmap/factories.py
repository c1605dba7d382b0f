"""factory_boy factories for the roadmap models and the outbox's Event.

StatusUpdateFactory keeps the action consistent with its updates (status, percent, last update
and next due date), as the services would, unless `update_action=False` is passed.
"""

from datetime import timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from apps.core.models import Event
from apps.roadmap.models import (
    Action,
    Area,
    Cadence,
    Indicator,
    IndicatorValue,
    Pillar,
    Status,
    StatusUpdate,
)
from tests.factories import UserFactory, WorkingGroupFactory

PERCENT_FOR_STATUS = {
    Status.NOT_STARTED: 0,
    Status.ON_TRACK: 40,
    Status.AT_RISK: 30,
    Status.BLOCKED: 20,
    Status.DONE: 100,
}


def percent_for(status: str) -> int:
    """A percent done that agrees with `status` (done at 100, not started at 0)."""
    return PERCENT_FOR_STATUS[Status(status)]


class PillarFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pillar

    name = factory.Sequence(lambda n: f"Pillar {n}")
    position = factory.Sequence(lambda n: n)


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    pillar = factory.SubFactory(PillarFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    name = factory.Sequence(lambda n: f"Area {n}")
    summary = "What this area of the roadmap is about."
    goal = "A measurable goal for 2035."
    position = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    area = factory.SubFactory(AreaFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    kind = Indicator.Kind.STOCK
    unit = "patents"
    target = Decimal("1000")
    target_year = 2035
    position = factory.Sequence(lambda n: n)


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    value = Decimal("120")
    measured_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    source = "Canadian Intellectual Property Office"


class ActionFactory(factory.django.DjangoModelFactory):
    """An action of a working group, started ten days ago, not started at 0%."""

    class Meta:
        model = Action
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"TST-{n}")
    area = factory.SubFactory(AreaFactory)
    title = factory.Sequence(lambda n: f"Roadmap action {n}")
    description = "What the alliance does, and why."
    working_group = factory.SubFactory(WorkingGroupFactory)
    status = Status.NOT_STARTED
    percent_done = factory.LazyAttribute(lambda o: percent_for(o.status))
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    target_date = factory.LazyAttribute(
        lambda o: o.start_date + timedelta(days=365) if o.start_date else None
    )
    update_cadence_days = Cadence.MONTHLY
    next_update_due_on = factory.LazyAttribute(
        lambda o: o.start_date + timedelta(days=o.update_cadence_days) if o.start_date else None
    )

    @factory.post_generation
    def lead_organizations(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.lead_organizations.set(extracted)


class StatusUpdateFactory(factory.django.DjangoModelFactory):
    """An update whose status and percent agree; by default it becomes the action's current one."""

    class Meta:
        model = StatusUpdate

    action = factory.SubFactory(ActionFactory)
    author = factory.SubFactory(UserFactory)
    status = Status.ON_TRACK
    percent_done = factory.LazyAttribute(lambda o: percent_for(o.status))
    previous_status = factory.LazyAttribute(lambda o: o.action.status)
    previous_percent_done = factory.LazyAttribute(lambda o: o.action.percent_done)
    summary = factory.Sequence(lambda n: f"Progress report {n}: the work moved forward.")
    created_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, update_action=True, **kwargs):
        update = super()._create(model_class, *args, **kwargs)
        if update_action and not update.is_hidden:
            action = update.action
            action.status = update.status
            action.percent_done = update.percent_done
            action.last_update_at = update.created_at
            action.version += 1
            action.next_update_due_on = action.compute_next_update_due()
            Action.objects.filter(pk=action.pk).update(
                status=action.status,
                percent_done=action.percent_done,
                last_update_at=action.last_update_at,
                version=action.version,
                next_update_due_on=action.next_update_due_on,
            )
        return update


class EventFactory(factory.django.DjangoModelFactory):
    """An outbox event about a status update (pass `subject=` for another kind of subject)."""

    class Meta:
        model = Event

    kind = Event.Kind.STATUS_UPDATED
    subject = factory.SubFactory(StatusUpdateFactory)
    actor = factory.LazyAttribute(lambda o: getattr(o.subject, "author", None))
    data = factory.LazyAttribute(
        lambda o: {"action_id": o.subject.action_id} if isinstance(o.subject, StatusUpdate) else {}
    )
