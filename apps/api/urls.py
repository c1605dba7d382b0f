"""/api/v1/ (the roadmap's endpoints), the OpenAPI schema at /api/schema/ and its docs page at
/api/docs/ (Swagger UI served from drf-spectacular-sidecar's static files, never a CDN). The schema
and the docs are for members, as the API is."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView
from rest_framework import routers
from rest_framework.exceptions import NotFound

from apps.accounts.api_auth import MemberAPIMixin
from apps.accounts.membership import member_required
from apps.dashboard.api import DashboardView
from apps.patents import api as patents_api
from apps.roadmap import api as roadmap_api

from .docs import SwaggerDocsView

app_name = "api"


class RootView(MemberAPIMixin, routers.APIRootView):
    """The list of the API's endpoints."""


class SchemaView(MemberAPIMixin, SpectacularAPIView):
    """The OpenAPI schema: 401 without sign-in, 403 for people who are not portal members."""


@csrf_exempt  # a POST to no endpoint is a 404 like any other, not a CSRF page
def address_not_found(request, *args, **kwargs):
    """Any other address under /api/ (e.g. an id that is not a number) answers in the API's error
    shape, not with an HTML page."""
    body = {"detail": str(NotFound.default_detail), "code": "not_found", "fields": {}}
    return JsonResponse(body, status=404)


class Router(routers.DefaultRouter):
    APIRootView = RootView


router = Router()
router.register("areas", roadmap_api.AreaViewSet, basename="area")
router.register("actions", roadmap_api.ActionViewSet, basename="action")
router.register("indicators", roadmap_api.IndicatorViewSet, basename="indicator")
router.register("patents/listings", patents_api.ListingViewSet, basename="patent-listing")
router.register("patents/requests", patents_api.LicenceRequestViewSet, basename="licence-request")

urlpatterns = [
    path(
        "v1/actions/<str:code>/updates/",
        roadmap_api.ActionStatusUpdatesView.as_view(),
        name="action-updates",
    ),
    path("v1/dashboard/", DashboardView.as_view(), name="dashboard"),
    path("v1/", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    # A page for people: sign-in first, like every member page.
    path("docs/", member_required(SwaggerDocsView.as_view(url_name="api:schema")), name="docs"),
    # Last. Only addresses ending in a slash, so a missing slash is still added by a redirect.
    re_path(r"^.*/$", address_not_found),
]
