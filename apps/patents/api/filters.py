"""Filters, search and ordering of the listing and request lists: query parameters named as the
API documents them (the pool page's names: q, technology_area, terms, status, jurisdiction,
organization, ordering)."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema_field
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend

from apps.organizations.models import Organization

from ..models import LicenceRequest, PatentListing, TechnologyArea
from ..search import search_listings


@extend_schema_field(OpenApiTypes.STR)
class TechnologyAreaCodeFilter(filters.ModelMultipleChoiceFilter):
    """Technology areas by their codes, documented as codes (the schema cannot guess it)."""


class ListingFilter(filters.FilterSet):
    technology_area = TechnologyAreaCodeFilter(
        queryset=TechnologyArea.objects.all(),
        to_field_name="code",
        field_name="technology_areas__code",
        label=_(
            "A technology area's code, e.g. solid-state; repeat the parameter for several (any of them)."
        ),
    )
    terms = filters.MultipleChoiceFilter(
        field_name="licence_terms",
        choices=PatentListing.Terms.choices,
        label=_("Licence terms; repeat the parameter for several."),
    )
    status = filters.MultipleChoiceFilter(
        choices=PatentListing.Status.choices, label=_("Status; repeat the parameter for several.")
    )
    jurisdiction = filters.MultipleChoiceFilter(
        choices=PatentListing.Jurisdiction.choices, label=_("Jurisdiction; repeat the parameter for several.")
    )
    organization = filters.ModelChoiceFilter(
        queryset=Organization.objects.all(),
        to_field_name="slug",
        label=_("The owner organization's slug."),
    )

    class Meta:
        model = PatentListing
        fields = ["technology_area", "terms", "status", "jurisdiction", "organization"]


class LicenceRequestFilter(filters.FilterSet):
    status = filters.MultipleChoiceFilter(
        choices=LicenceRequest.Status.choices, label=_("Status; repeat the parameter for several.")
    )
    listing = filters.NumberFilter(field_name="listing_id", label=_("The listing's id."))

    class Meta:
        model = LicenceRequest
        fields = ["status", "listing"]


ORDERINGS = ("newest", "relevance")


class ListingSearchFilter(BaseFilterBackend):
    """`q` searches titles, abstracts and numbers with the pool page's search (full text with
    ranking on PostgreSQL); `ordering` is newest or relevance (relevance when `q` is given, unless
    asked otherwise)."""

    def filter_queryset(self, request, queryset, view):
        query = request.query_params.get("q", "").strip()
        ordering = request.query_params.get("ordering", "").strip() or ("relevance" if query else "newest")
        if ordering not in ORDERINGS:
            raise ValidationError({"ordering": [_("Sort by newest or relevance.")]})
        listings = search_listings(queryset, query)
        if not query or ordering == "newest":
            listings = listings.order_by(F("published_at").desc(nulls_last=True), "-pk")
        return listings

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "q",
                "required": False,
                "in": "query",
                "description": str(_("Words to find in the title, abstract or number.")),
                "schema": {"type": "string"},
            },
            {
                "name": "ordering",
                "required": False,
                "in": "query",
                "description": str(
                    _("newest (the default without q) or relevance (the default with q: best match first).")
                ),
                "schema": {"type": "string", "enum": list(ORDERINGS)},
            },
        ]


LISTING_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The listing's id.")
)
REQUEST_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The licence request's id.")
)
