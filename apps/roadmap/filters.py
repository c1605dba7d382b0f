"""The action list's filters and sort orders, shared by the page and its CSV export."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.working_groups.models import WorkingGroup

from .models import Action, Area, Status

SORT_ORDERS = {
    "code": ("area__position", "code"),
    "target_date": (F("target_date").asc(nulls_last=True), "code"),
    "last_update": (F("last_update_at").desc(nulls_last=True), "code"),
    "least_recent_update": (F("last_update_at").asc(nulls_first=True), "code"),
}
SORT_CHOICES = [
    ("code", _("Code")),
    ("target_date", _("Target date, soonest first")),
    ("last_update", _("Last update, newest first")),
    ("least_recent_update", _("Last update, oldest first")),
]


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Code or title"),
        method="search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"),
        queryset=Area.objects.order_by("pillar__position", "position"),
        to_field_name="code",
        empty_label=_("Any area"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, empty_label=_("Any status")
    )
    group = django_filters.ModelChoiceFilter(
        label=_("Owning working group"),
        field_name="working_group",
        queryset=WorkingGroup.objects.filter(is_active=True).order_by("name"),
        to_field_name="slug",
        empty_label=_("Any group"),
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner"),
        queryset=User.objects.filter(owned_actions__isnull=False).distinct().order_by("full_name", "email"),
        empty_label=_("Anyone"),
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue: past the target date and not done"),
        method="filter_overdue",
        widget=forms.CheckboxInput,
    )
    due = django_filters.BooleanFilter(
        label=_("An update is due"),
        method="filter_due",
        widget=forms.CheckboxInput,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        empty_label=None,
        method="sort_by",
    )

    class Meta:
        model = Action
        fields = ["q", "area", "status", "group", "owner", "overdue", "due", "sort"]

    def search(self, queryset, name, value):
        for word in value.split():
            queryset = queryset.filter(Q(code__icontains=word) | Q(title__icontains=word))
        return queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(timezone.localdate()) if value else queryset

    def filter_due(self, queryset, name, value):
        return queryset.update_due(timezone.localdate()) if value else queryset

    def sort_by(self, queryset, name, value):
        return queryset.order_by(*SORT_ORDERS.get(value, SORT_ORDERS["code"]))
