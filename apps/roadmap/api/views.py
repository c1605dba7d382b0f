"""Views of the roadmap API, each documented with its responses, errors included."""

from django.db.models import DecimalField, OuterRef, Subquery
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, status, viewsets
from rest_framework.response import Response

from apps.accounts.api_auth import MemberAPIMixin
from apps.core.api import DETAIL_READ_ERRORS, LIST_ERRORS, PageNumberPagination, error_responses
from apps.core.errors import Conflict

from .. import selectors, services
from ..models import Action, Indicator, IndicatorValue, StatusUpdate
from ..permissions import can_post_update
from .filters import ActionFilter, ActionSearchFilter, IndicatorFilter, NullsLastOrderingFilter
from .serializers import (
    ActionDetailSerializer,
    ActionSerializer,
    AreaSerializer,
    IndicatorSerializer,
    StatusUpdateCreateSerializer,
    StatusUpdatePostedSerializer,
    StatusUpdateSerializer,
)


def indicators_with_latest_value():
    """Indicators with their area and their latest value, its date and source, in one query."""
    latest = IndicatorValue.objects.filter(indicator=OuterRef("pk")).order_by("-measured_on", "-pk")
    return Indicator.objects.select_related("area").annotate(
        latest_value=Subquery(
            latest.values("value")[:1], output_field=DecimalField(max_digits=20, decimal_places=2)
        ),
        latest_measured_on=Subquery(latest.values("measured_on")[:1]),
        latest_source=Subquery(latest.values("source")[:1]),
    )


AREA_CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The area's code, e.g. FIN.")
)
ACTION_CODE = OpenApiParameter(
    "code", OpenApiTypes.STR, OpenApiParameter.PATH, description=_("The action's code, e.g. FIN-2.")
)
INDICATOR_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("The indicator's id.")
)


@extend_schema(tags=["areas"])
@extend_schema_view(
    list=extend_schema(
        summary=_("List the roadmap's areas"),
        description=_("Each area with its goal and progress: the average percent done of its actions."),
        responses={200: AreaSerializer(many=True), **error_responses(*DETAIL_READ_ERRORS)},
    ),
    retrieve=extend_schema(
        summary=_("An area by its code"),
        parameters=[AREA_CODE],
        responses={200: AreaSerializer, **error_responses(*DETAIL_READ_ERRORS)},
    ),
)
class AreaViewSet(MemberAPIMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = AreaSerializer
    pagination_class = PageNumberPagination
    filter_backends = []
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return selectors.areas_with_progress()


@extend_schema(tags=["actions"])
@extend_schema_view(
    list=extend_schema(
        summary=_("List actions"),
        description=_(
            "Filter by area, status, owning group, owner, overdue and due; search code, title and "
            "description with `search`; sort with `ordering` (code, target_date, last_update_at, "
            "a leading minus for descending)."
        ),
        responses={200: ActionSerializer(many=True), **error_responses(*LIST_ERRORS)},
    ),
    retrieve=extend_schema(
        summary=_("An action by its code"),
        parameters=[ACTION_CODE],
        description=_("Its current status, percent done and version (send the version with an update)."),
        responses={200: ActionDetailSerializer, **error_responses(*DETAIL_READ_ERRORS)},
    ),
)
class ActionViewSet(MemberAPIMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = PageNumberPagination
    filter_backends = [filters.DjangoFilterBackend, ActionSearchFilter, NullsLastOrderingFilter]
    filterset_class = ActionFilter
    search_fields = ["code", "title", "description"]
    ordering_fields = ["code", "target_date", "last_update_at"]
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self):
        return selectors.actions_for_list(user=self.request.user).prefetch_related("lead_organizations")

    def get_serializer_class(self):
        return ActionDetailSerializer if self.action == "retrieve" else ActionSerializer


class CanPostStatusUpdate(permissions.BasePermission):
    """Reading an action's updates is for every member; posting follows can_post_update."""

    message = _("Only the owning working group's leads, the action's owner and the secretariat post updates.")

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        return can_post_update(request.user, view.get_action())


@extend_schema(tags=["status updates"])
@extend_schema_view(
    get=extend_schema(
        summary=_("An action's status updates"),
        description=_(
            "Newest first. Hidden updates keep their place with the reason; only staff see who posted "
            "them, the status and percent they gave, and their text."
        ),
        parameters=[ACTION_CODE],
        responses={200: StatusUpdateSerializer(many=True), **error_responses(*DETAIL_READ_ERRORS)},
    ),
    post=extend_schema(
        summary=_("Post a status update"),
        description=_(
            "For the owning working group's leads, the action's owner and the secretariat. Send the "
            "action's `version` you read: if someone posted since, nothing is written and the answer "
            "is 409; read the action again and resend."
        ),
        parameters=[ACTION_CODE],
        request=StatusUpdateCreateSerializer,
        responses={
            201: StatusUpdatePostedSerializer,
            **error_responses(400, 401, 403, 404, 409),
        },
        examples=[
            OpenApiExample(
                "On track",
                request_only=True,
                value={
                    "version": 3,
                    "status": "on_track",
                    "percent_done": 40,
                    "summary": "Term sheet agreed with two lenders.",
                    "blockers": "",
                    "asks": "Introductions to provincial funds.",
                    "next_steps": "Sign by the end of the quarter.",
                    "evidence_links": ["https://example.ca/term-sheet"],
                },
            )
        ],
    ),
)
class ActionStatusUpdatesView(MemberAPIMixin, generics.ListAPIView):
    """`/api/v1/actions/<code>/updates/`: the action's timeline, and posting to it."""

    permission_classes = [*MemberAPIMixin.permission_classes, CanPostStatusUpdate]
    serializer_class = StatusUpdateSerializer
    pagination_class = PageNumberPagination
    filter_backends = []

    def get_action(self) -> Action:
        """The action of the URL (404 JSON for an unknown code), fetched once per request."""
        if not hasattr(self, "_action"):
            self._action = selectors.get_action_for_user(self.request.user, self.kwargs["code"])
        return self._action

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return StatusUpdate.objects.none()
        return selectors.action_timeline(action=self.get_action())

    def post(self, request, *args, **kwargs):
        action = self.get_action()
        serializer = StatusUpdateCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            update = services.status_update_post(
                action=action, author=request.user, **serializer.validated_data
            )
        except Conflict as conflict:
            raise Conflict(
                _(
                    "Someone posted an update after version %(version)d. Read the action again and "
                    "resend your update with its current version."
                )
                % {"version": serializer.validated_data["version"]}
            ) from conflict
        body = StatusUpdatePostedSerializer(update, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(tags=["indicators"])
@extend_schema_view(
    list=extend_schema(
        summary=_("List the roadmap's indicators"),
        description=_("Each with its target and target year, its baseline, and its latest recorded value."),
        responses={200: IndicatorSerializer(many=True), **error_responses(*LIST_ERRORS)},
    ),
    retrieve=extend_schema(
        summary=_("An indicator by its id"),
        parameters=[INDICATOR_ID],
        responses={200: IndicatorSerializer, **error_responses(*DETAIL_READ_ERRORS)},
    ),
)
class IndicatorViewSet(MemberAPIMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = PageNumberPagination
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = IndicatorFilter
    serializer_class = IndicatorSerializer

    def get_queryset(self):
        return indicators_with_latest_value()
