"""Reads for the patent pool: what each person may see, with the joins the pages need."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from apps.organizations.models import Membership, Organization

from .models import LicenceRequest, PatentListing, TechnologyArea
from .permissions import can_edit_listing, can_view_listing
from .search import search_listings

UNANSWERED_AFTER = timedelta(days=14)


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"


def _with_joins(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("organization").prefetch_related("technology_areas")


def pool_listings(
    *,
    query: str = "",
    technology_area: TechnologyArea | None = None,
    licence_terms: str = "",
    status: str = "",
    jurisdiction: str = "",
    organization: Organization | None = None,
    sort: str = "",
) -> QuerySet:
    """The listings members browse: in the pool, searched and filtered. Sorted by relevance when
    searching (unless `sort` is "newest"), newest first otherwise."""
    listings = PatentListing.objects.in_pool()
    if technology_area is not None:
        listings = listings.filter(technology_areas=technology_area)
    if licence_terms:
        listings = listings.filter(licence_terms=licence_terms)
    if status:
        listings = listings.filter(status=status)
    if jurisdiction:
        listings = listings.filter(jurisdiction=jurisdiction)
    if organization is not None:
        listings = listings.filter(organization=organization)
    listings = search_listings(listings, query)
    if not query.strip() or sort == Sort.NEWEST:
        listings = listings.order_by(F("published_at").desc(nulls_last=True), "-pk")
    return _with_joins(listings)


def pool_owner_organizations() -> QuerySet:
    """Organizations with at least one listing in the pool (the owner filter's choices)."""
    return Organization.objects.filter(
        pk__in=PatentListing.objects.in_pool().values("organization_id")
    ).order_by("name")


def get_listing_for_user(user, pk: int, *, write: bool = False) -> PatentListing:
    """404 when `user` may not see the listing (a draft, withdrawn, expired or hidden one of another
    organization looks like it does not exist); 403 when they may see but not change it."""
    listing = _with_joins(PatentListing.objects.select_related("hidden_by")).filter(pk=pk).first()
    if listing is None or not can_view_listing(user, listing):
        raise Http404
    if write and not can_edit_listing(user, listing):
        raise PermissionDenied
    return listing


def contact_organizations(user) -> QuerySet:
    """The active organizations `user` speaks for, whose patents they may list."""
    return (
        Organization.objects.active()
        .filter(memberships__user=user, memberships__role=Membership.Role.CONTACT)
        .order_by("name")
    )


def organization_listings(organizations) -> QuerySet:
    """Every listing of these organizations in every status, with its open request count."""
    return _with_joins(
        PatentListing.objects.filter(organization__in=organizations)
        .annotate(open_request_count=Count("requests", filter=Q(requests__status__in=LicenceRequest.OPEN)))
        .order_by("organization__name", "-created_at", "-pk")
    )


def organization_contacts(organization: Organization) -> QuerySet:
    return (
        Membership.objects.filter(
            organization=organization, role=Membership.Role.CONTACT, user__is_active=True
        )
        .select_related("user")
        .order_by("user__full_name", "user__email")
    )


def unanswered_requests(*, now=None) -> QuerySet:
    """Requests still pending two weeks after they were made (the admin's front page counts them)."""
    now = now or timezone.now()
    return LicenceRequest.objects.filter(
        status=LicenceRequest.Status.PENDING, created_at__lt=now - UNANSWERED_AFTER
    )


@dataclass
class AreaFigures:
    area: TechnologyArea
    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def counts(self) -> list[int]:
        """One count per listing status, in the order of the status choices (a table row)."""
        return [self.by_status.get(value, 0) for value in PatentListing.Status.values]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


@dataclass
class PoolFigures:
    """The pool in numbers, for the admin and the dashboard. Each count is a row of
    (value, label, count) in the order of the model's choices."""

    statuses: list[tuple[str, str]]
    listings_by_status: list[tuple[str, str, int]]
    listings_by_area: list[AreaFigures]
    requests_by_status: list[tuple[str, str, int]]
    licences_granted: int


def _counts(queryset: QuerySet, choices) -> list[tuple[str, str, int]]:
    counts = dict(queryset.values_list("status").annotate(count=Count("pk")).order_by())
    return [(value, label, counts.get(value, 0)) for value, label in choices]


def pool_figures() -> PoolFigures:
    """Listings by technology area and status, requests by status and licences granted: four queries
    whatever the size of the pool. Hidden listings count under their status."""
    area_status_counts = defaultdict(dict)
    through = PatentListing.technology_areas.through.objects.values_list(
        "technologyarea_id", "patentlisting__status"
    ).annotate(count=Count("pk"))
    for area_id, status, count in through.order_by():
        area_status_counts[area_id][status] = count
    requests_by_status = _counts(LicenceRequest.objects.all(), LicenceRequest.Status.choices)
    return PoolFigures(
        statuses=list(PatentListing.Status.choices),
        listings_by_status=_counts(PatentListing.objects.all(), PatentListing.Status.choices),
        listings_by_area=[
            AreaFigures(area=area, by_status=area_status_counts.get(area.pk, {}))
            for area in TechnologyArea.objects.all()
        ],
        requests_by_status=requests_by_status,
        licences_granted=next(count for value, _, count in requests_by_status if value == "licensed"),
    )
