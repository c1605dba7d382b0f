"""The patent pool under /api/v1/patents/: listings (search, filters) and licence requests (ask,
answer, message, withdraw), with the same rules as the pages: every write is a service of
apps.patents.services.requests, every read limited to what the caller may see."""

from .views import LicenceRequestViewSet, ListingViewSet

__all__ = ["LicenceRequestViewSet", "ListingViewSet"]
