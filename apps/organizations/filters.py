"""The member directory's search and filters."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind, Organization, Province, ValueChainSegment


class OrganizationDirectoryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name"),
        method="search_name",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=Kind.choices, empty_label=_("Any kind"))
    province = django_filters.ChoiceFilter(
        label=_("Province or territory"), choices=Province.choices, empty_label=_("Anywhere in Canada")
    )
    segment = django_filters.ModelChoiceFilter(
        label=_("Value-chain segment"),
        field_name="segments",
        queryset=ValueChainSegment.objects.all(),
        to_field_name="code",
        empty_label=_("Any segment"),
    )
    canadian_owned = django_filters.ChoiceFilter(
        label=_("Canadian-owned"),
        choices=[("yes", _("Canadian-owned")), ("no", _("Not Canadian-owned"))],
        empty_label=_("Either"),
        method="filter_canadian_owned",
    )

    class Meta:
        model = Organization
        fields = ["q", "kind", "province", "segment", "canadian_owned"]

    def search_name(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(name__icontains=word)
        return queryset

    def filter_canadian_owned(self, queryset, name, value):
        return queryset.filter(is_canadian_owned=(value == "yes"))
