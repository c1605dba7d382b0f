from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from apps.core.models import TimeStampedModel, translated_history_base


class Pillar(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # What load_roadmap last wrote here, so that a later load never overwrites what people changed.
    loaded_values = models.JSONField(_("values last loaded"), default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("pillar")
        verbose_name_plural = _("pillars")
        ordering = ["position"]

    def __str__(self):
        return self.name


class Area(models.Model):
    """One of the roadmap's five areas (FIN, PHY, SKL, SCL, IP), with its goal."""

    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="areas", verbose_name=_("pillar")
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("summary"), max_length=2000, blank=True)
    goal = models.TextField(_("goal"), max_length=2000, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # What load_roadmap last wrote here, so that a later load never overwrites what people changed.
    loaded_values = models.JSONField(_("values last loaded"), default=dict, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["loaded_values"],
        bases=[
            translated_history_base(
                "Area",
                name=models.CharField(max_length=120),
                summary=models.TextField(max_length=2000),
                goal=models.TextField(max_length=2000),
            )
        ],
    )

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["pillar__position", "position"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """A measurable goal of the roadmap. Baselines and values are recorded by staff (issue 6)."""

    class Kind(models.TextChoices):
        STOCK = "stock", _("Stock (accumulates toward the target)")
        RATE = "rate", _("Rate (a yearly figure)")
        SHARE = "share", _("Share (a percentage)")
        MULTIPLE = "multiple", _("Multiple of the baseline")

    area = models.ForeignKey(
        Area, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("area")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    unit = models.CharField(_("unit"), max_length=40)
    target = models.DecimalField(_("target"), max_digits=20, decimal_places=2)
    target_year = models.PositiveSmallIntegerField(_("target year"))
    baseline_value = models.DecimalField(
        _("baseline value"), max_digits=20, decimal_places=2, null=True, blank=True
    )
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    # What load_roadmap last wrote here, so that a later load never overwrites what people changed.
    loaded_values = models.JSONField(_("values last loaded"), default=dict, blank=True, editable=False)

    history = HistoricalRecords(
        excluded_fields=["loaded_values"],
        bases=[translated_history_base("Indicator", name=models.CharField(max_length=200))],
    )

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["area__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["area", "name"], name="indicator_unique_name_per_area"),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True, baseline_year__isnull=True)
                | Q(baseline_value__isnull=False, baseline_year__isnull=False),
                name="indicator_baseline_value_and_year_together",
                violation_error_message=_("Give the baseline's value and its year together."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_value__isnull=True) | Q(baseline_value__gte=0),
                name="indicator_baseline_not_negative",
                violation_error_message=_("The baseline cannot be negative."),
            ),
            models.CheckConstraint(
                condition=~Q(kind="share") | Q(baseline_value__isnull=True) | Q(baseline_value__lte=100),
                name="indicator_share_baseline_at_most_100",
                violation_error_message=_("A share is a percentage: at most 100."),
            ),
            models.CheckConstraint(
                condition=Q(baseline_year__isnull=True) | Q(baseline_year__lt=models.F("target_year")),
                name="indicator_baseline_before_target_year",
                violation_error_message=_("The baseline year comes before the target year."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_percentage(self) -> bool:
        return self.kind == self.Kind.SHARE or self.unit == "percent"

    def clean(self):
        """Name the field for each baseline rule; values already recorded must not predate it."""
        super().clean()
        errors = {}
        if (self.baseline_value is None) != (self.baseline_year is None):
            missing = "baseline_year" if self.baseline_year is None else "baseline_value"
            errors[missing] = _("Give the baseline's value and its year together.")
        if self.baseline_value is not None:
            errors.update(
                check_measurement(indicator=self, value=self.baseline_value, field="baseline_value")
            )
        if self.baseline_year is not None:
            if self.baseline_year > timezone.localdate().year:
                errors["baseline_year"] = _("The baseline year cannot be in the future.")
            elif self.target_year and self.baseline_year >= self.target_year:
                errors["baseline_year"] = _("The baseline year comes before the target year.")
            elif self.pk and self.values.filter(measured_on__year__lt=self.baseline_year).exists():
                errors["baseline_year"] = _(
                    "Some values of this indicator are dated before %(year)s: correct them first."
                ) % {"year": self.baseline_year}
        if errors:
            raise ValidationError(errors)


def check_measurement(*, indicator: Indicator, value: Decimal, field: str) -> dict[str, str]:
    """The messages for a value (or baseline) the indicator cannot hold: negative, or a share
    over 100%."""
    if value < 0:
        return {field: _("A value cannot be negative (it is a count, an amount or a share).")}
    if indicator.is_percentage and value > 100:
        return {field: _("This indicator is a percentage: the value is at most 100.")}
    return {}


class Status(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BLOCKED = "blocked", _("Blocked")
    DONE = "done", _("Done")


# Status and percent agree: done exactly at 100%, not started exactly at 0%.
STATUS_AGREES_WITH_PERCENT = (
    (Q(status=Status.DONE) & Q(percent_done=100))
    | (Q(status=Status.NOT_STARTED) & Q(percent_done=0))
    | (
        Q(status__in=[Status.ON_TRACK, Status.AT_RISK, Status.BLOCKED])
        & Q(percent_done__gt=0)
        & Q(percent_done__lt=100)
    )
)


class Cadence(models.IntegerChoices):
    WEEKLY = 7, _("Weekly")
    FORTNIGHTLY = 14, _("Every two weeks")
    MONTHLY = 30, _("Monthly")
    QUARTERLY = 91, _("Quarterly")


class ActionQuerySet(models.QuerySet):
    def overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(target_date__lt=today).exclude(status=Status.DONE)

    def update_due(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(next_update_due_on__lte=today).exclude(status=Status.DONE)


class Action(TimeStampedModel):
    """A roadmap action (e.g. FIN-2). Its status and percent change only through status updates
    (services.status_update_post and status_update_hide); `version` guards against lost updates."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="actions", verbose_name=_("area"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), max_length=10000, blank=True)
    working_group = models.ForeignKey(
        "working_groups.WorkingGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
        verbose_name=_("owning working group"),
    )
    lead_organizations = models.ManyToManyField(
        "organizations.Organization",
        blank=True,
        related_name="led_actions",
        verbose_name=_("lead organizations"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        verbose_name=_("owner"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED)
    percent_done = models.PositiveSmallIntegerField(
        _("percent done"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    update_cadence_days = models.PositiveSmallIntegerField(
        _("update cadence"), choices=Cadence.choices, default=Cadence.MONTHLY
    )
    last_update_at = models.DateTimeField(_("last update"), null=True, blank=True)
    # Kept by the services from the cadence and the last update (or the start date), so that
    # "due" is a plain indexed filter.
    next_update_due_on = models.DateField(_("next update due"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    is_named_in_roadmap = models.BooleanField(_("named in the roadmap"), default=False)
    # What load_roadmap last wrote here, so that a later load never overwrites what people changed.
    loaded_values = models.JSONField(_("values last loaded"), default=dict, blank=True, editable=False)

    # Lead organizations are part of an edit's history too (who added or removed which).
    history = HistoricalRecords(
        excluded_fields=["loaded_values", "version", "next_update_due_on"],
        m2m_fields=[lead_organizations],
        bases=[
            translated_history_base(
                "Action",
                title=models.CharField(max_length=300),
                description=models.TextField(max_length=10000),
            )
        ],
    )
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["area__position", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(percent_done__lte=100), name="action_percent_at_most_100"),
            models.CheckConstraint(
                condition=STATUS_AGREES_WITH_PERCENT, name="action_status_agrees_with_percent"
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(target_date__isnull=True)
                | Q(target_date__gte=models.F("start_date")),
                name="action_target_after_start",
            ),
        ]
        indexes = [
            # "Due" lists and reminders filter on the next due date.
            models.Index(fields=["next_update_due_on"]),
            models.Index(fields=["working_group", "code"]),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def get_absolute_url(self):
        return reverse("roadmap:action_detail", kwargs={"code": self.code})

    def clean(self):
        """Name the field for the date rule (the check constraint alone gives a vague message)."""
        super().clean()
        if self.start_date and self.target_date and self.target_date < self.start_date:
            raise ValidationError({"target_date": _("The target date cannot be before the start date.")})

    def compute_next_update_due(self) -> date | None:
        """The cadence after the last update, or after the start date before the first one."""
        if self.last_update_at:
            since = timezone.localdate(self.last_update_at)
        elif self.start_date:
            since = self.start_date
        else:
            return None
        return since + timedelta(days=self.update_cadence_days)

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.target_date and self.target_date < today and self.status != Status.DONE)

    def is_update_due(self, today: date | None = None) -> bool:
        today = today or timezone.localdate()
        return bool(
            self.next_update_due_on and self.next_update_due_on <= today and self.status != Status.DONE
        )


class StatusUpdate(models.Model):
    """Append-only: nobody edits or deletes one. Staff may hide one with a reason; the action
    then shows its latest visible update."""

    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="updates", verbose_name=_("action")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="status_updates",
        verbose_name=_("author"),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    percent_done = models.PositiveSmallIntegerField(_("percent done"))
    previous_status = models.CharField(_("previous status"), max_length=16, choices=Status.choices)
    previous_percent_done = models.PositiveSmallIntegerField(_("previous percent done"))
    summary = models.TextField(_("summary"), max_length=5000)
    blockers = models.TextField(_("blockers"), max_length=5000, blank=True)
    asks = models.TextField(_("asks of the alliance"), max_length=5000, blank=True)
    next_steps = models.TextField(_("next steps"), max_length=5000, blank=True)
    evidence_links = models.JSONField(_("links to evidence"), default=list, blank=True)
    created_at = models.DateTimeField(_("posted"), default=timezone.now, db_index=True)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=500, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_at = models.DateTimeField(_("hidden"), null=True, blank=True)

    class Meta:
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(percent_done__lte=100), name="update_percent_at_most_100"),
            models.CheckConstraint(
                condition=STATUS_AGREES_WITH_PERCENT, name="update_status_agrees_with_percent"
            ),
        ]
        indexes = [
            # An action's timeline and "its latest visible update".
            models.Index(fields=["action", "is_hidden", "-created_at"]),
        ]

    def __str__(self):
        return f"{self.action.code} {self.get_status_display()} {self.percent_done}%"


class IndicatorValue(models.Model):
    """A dated measurement of an indicator, with its source (validation and charts: issue 6)."""

    indicator = models.ForeignKey(
        Indicator, on_delete=models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=2)
    measured_on = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=300)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["indicator", "-measured_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="indicator_value_not_negative",
                violation_error_message=_(
                    "A value cannot be negative (it is a count, an amount or a share)."
                ),
            ),
        ]
        indexes = [
            # The dashboard's latest value and series per indicator.
            models.Index(fields=["indicator", "measured_on"]),
        ]

    def __str__(self):
        return f"{self.indicator}: {self.value} ({self.measured_on})"

    def clean(self):
        """Refuse a date in the future or before the baseline year, a negative value, and a
        percentage over 100, each with a message on its field."""
        super().clean()
        if self.indicator_id is None or self.value is None or self.measured_on is None:
            return
        errors = check_measurement(indicator=self.indicator, value=self.value, field="value")
        if self.measured_on > timezone.localdate():
            errors["measured_on"] = _("The date cannot be in the future.")
        elif self.indicator.baseline_year and self.measured_on.year < self.indicator.baseline_year:
            errors["measured_on"] = _("This date is before the indicator's baseline (%(year)s).") % {
                "year": self.indicator.baseline_year
            }
        if errors:
            raise ValidationError(errors)
