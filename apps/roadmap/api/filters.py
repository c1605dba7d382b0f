"""Filters of the action and indicator lists: query parameters named as the API documents them."""

from django import forms
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from rest_framework.filters import OrderingFilter, SearchFilter

from apps.organizations.selectors import portal_member_people
from apps.working_groups.models import WorkingGroup

from ..models import Action, Area, Indicator, Status


class StrictBooleanField(forms.NullBooleanField):
    """true/false (or 1/0); anything else is a 400, not a filter silently ignored."""

    def to_python(self, value):
        text = str(value).strip().lower() if value is not None else ""
        if text in ("", "none"):
            return None
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(_("Use true or false."), code="invalid")


class StrictBooleanFilter(filters.BooleanFilter):
    field_class = StrictBooleanField

    def __init__(self, *args, **kwargs):
        kwargs["widget"] = forms.TextInput  # passes the text through for the field to judge
        super().__init__(*args, **kwargs)


class ActionFilter(filters.FilterSet):
    area = filters.ModelChoiceFilter(
        queryset=Area.objects.all(), to_field_name="code", label=_("Area code, e.g. FIN.")
    )
    status = filters.MultipleChoiceFilter(
        choices=Status.choices, label=_("Status; repeat the parameter for several.")
    )
    working_group = filters.ModelChoiceFilter(
        queryset=WorkingGroup.objects.all(), to_field_name="slug", label=_("The owning working group's slug.")
    )
    # Only portal members: any other account's id answers as a nonexistent one, revealing nothing.
    owner = filters.ModelChoiceFilter(
        queryset=lambda request: portal_member_people(), label=_("The owner person's id.")
    )
    overdue = StrictBooleanFilter(
        method="filter_overdue", label=_("Past the target date and not done (true), or not (false).")
    )
    due = StrictBooleanFilter(method="filter_due", label=_("A status update is due (true), or not (false)."))

    class Meta:
        model = Action
        fields = ["area", "status", "working_group", "owner", "overdue", "due"]

    def filter_overdue(self, queryset, name, value):
        overdue = Action.objects.overdue().values("pk")
        return queryset.filter(pk__in=overdue) if value else queryset.exclude(pk__in=overdue)

    def filter_due(self, queryset, name, value):
        due = Action.objects.update_due().values("pk")
        return queryset.filter(pk__in=due) if value else queryset.exclude(pk__in=due)


class IndicatorFilter(filters.FilterSet):
    area = filters.ModelChoiceFilter(
        queryset=Area.objects.all(), to_field_name="code", label=_("Area code, e.g. FIN.")
    )

    class Meta:
        model = Indicator
        fields = ["area"]


class ActionSearchFilter(SearchFilter):
    search_description = _("Words to find in the code, title or description.")


class NullsLastOrderingFilter(OrderingFilter):
    """Actions without a target date or an update sort last both ways, on SQLite as on
    PostgreSQL; the code breaks ties so pages never overlap."""

    ordering_description = _(
        "Sort by code, target_date or last_update_at; a leading minus sorts descending, e.g. -target_date."
    )

    def filter_queryset(self, request, queryset, view):
        ordering = self.get_ordering(request, queryset, view)
        if not ordering:
            return queryset
        expressions = [
            F(field[1:]).desc(nulls_last=True) if field.startswith("-") else F(field).asc(nulls_last=True)
            for field in ordering
        ]
        return queryset.order_by(*expressions, "code")
