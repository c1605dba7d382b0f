"""Views of the patent pool API, each documented with its responses, errors included. Reads go
through the querysets of access.py (what the caller may see); writes call the requests services,
whose DomainError and Conflict the shared exception handler turns into 400 and 409."""

from django.db.models import Prefetch
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as django_filters
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from apps.accounts.api_auth import MemberAPIMixin
from apps.core.api import DETAIL_READ_ERRORS, LIST_ERRORS, PageNumberPagination, error_responses
from apps.core.errors import Conflict, DomainError

from ..models import LicenceRequest, LicenceRequestMessage, LicenceRequestTransition, PatentListing
from ..selectors_requests import requests_visible_to
from ..services import requests as request_services
from .access import Sides, listings_visible_to
from .filters import LISTING_ID, REQUEST_ID, LicenceRequestFilter, ListingFilter, ListingSearchFilter
from .serializers import (
    DeclineSerializer,
    LicenceRecordSerializer,
    LicenceRequestCreateSerializer,
    LicenceRequestDetailSerializer,
    LicenceRequestSerializer,
    ListingDetailSerializer,
    ListingSerializer,
    MessageCreateSerializer,
)

WRITE_ERRORS = (400, 401, 403, 404, 409)


@extend_schema(tags=["patent pool"])
@extend_schema_view(
    list=extend_schema(
        summary=_("List patent listings"),
        description=_(
            "The pool (available, under negotiation and licensed listings of active organizations), "
            "plus every listing of the organizations you are a contact of, in any status. Search with "
            "`q`; filter by technology area, terms, status, jurisdiction and owner organization; sort "
            "by newest or relevance."
        ),
        responses={200: ListingSerializer(many=True), **error_responses(*LIST_ERRORS)},
    ),
    retrieve=extend_schema(
        summary=_("A patent listing by its id"),
        description=_(
            "Its abstract and terms; `document_url` is the portal address of its PDF, which serves it "
            "to those who may see the listing."
        ),
        parameters=[LISTING_ID],
        responses={200: ListingDetailSerializer, **error_responses(*DETAIL_READ_ERRORS)},
    ),
)
class ListingViewSet(MemberAPIMixin, viewsets.ReadOnlyModelViewSet):
    pagination_class = PageNumberPagination
    filter_backends = [django_filters.DjangoFilterBackend, ListingSearchFilter]
    filterset_class = ListingFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return PatentListing.objects.none()
        return (
            listings_visible_to(self.request.user)
            .select_related("organization")
            .prefetch_related("technology_areas")
        )

    def get_serializer_class(self):
        return ListingDetailSerializer if self.action == "retrieve" else ListingSerializer


def _request_action_schema(summary, description, request_serializer=None, *, created=False, examples=()):
    success = 201 if created else 200
    return extend_schema(
        summary=summary,
        description=description,
        parameters=[REQUEST_ID],
        request=request_serializer,
        responses={success: LicenceRequestDetailSerializer, **error_responses(*WRITE_ERRORS)},
        examples=list(examples),
    )


STATUS_RULES = _(
    "A request goes pending → accepted → licensed; the owner may decline it while pending or accepted, "
    "the requester may withdraw it until it is licensed. Any other change is refused with 400 and "
    "changes nothing; 409 when someone changed it first. While the request is on hold (`is_on_hold`) "
    "every action is refused with 400."
)


@extend_schema(tags=["licence requests"])
@extend_schema_view(
    list=extend_schema(
        summary=_("List licence requests"),
        description=_(
            "Your organizations' requests and the requests to the organizations whose licence requests "
            "you answer, newest first. Nobody else's. Filter by status and listing."
        ),
        responses={200: LicenceRequestSerializer(many=True), **error_responses(*LIST_ERRORS)},
    ),
    retrieve=extend_schema(
        summary=_("A licence request by its id"),
        description=_("With its history of status changes and its messages, oldest first."),
        parameters=[REQUEST_ID],
        responses={200: LicenceRequestDetailSerializer, **error_responses(*DETAIL_READ_ERRORS)},
    ),
    create=extend_schema(
        summary=_("Request a licence"),
        description=_(
            "On behalf of one of your organizations, on another organization's listing in the pool that "
            "your organization may request (Canadian-owned only, when the listing says so). 409 when "
            "your organization already has an open request on it."
        ),
        request=LicenceRequestCreateSerializer,
        responses={201: LicenceRequestDetailSerializer, **error_responses(400, 401, 403, 409)},
        examples=[
            OpenApiExample(
                "A pilot line",
                request_only=True,
                value={
                    "listing": 12,
                    "organization": "northern-cells",
                    "intended_use": "Pilot production of solid-state cells.",
                    "message": "We would like to discuss terms.",
                },
            )
        ],
    ),
    accept=_request_action_schema(
        _("Accept a licence request in principle"),
        _("For the owner's licensing contacts, on a pending request.") + " " + STATUS_RULES,
    ),
    licence=_request_action_schema(
        _("Record the signed licence"),
        _("For the owner's licensing contacts, on an accepted request, with the day it was signed.")
        + " "
        + STATUS_RULES,
        LicenceRecordSerializer,
        examples=[OpenApiExample("Signed", request_only=True, value={"licensed_on": "2026-03-02"})],
    ),
    decline=_request_action_schema(
        _("Decline a licence request"),
        _("For the owner's licensing contacts, on a pending or accepted request, with a reason.")
        + " "
        + STATUS_RULES,
        DeclineSerializer,
        examples=[
            OpenApiExample("Declined", request_only=True, value={"reason": "The field of use is taken."})
        ],
    ),
    withdraw=_request_action_schema(
        _("Withdraw a licence request"),
        _("For the people of the requesting organization, until the request is licensed.")
        + " "
        + STATUS_RULES,
    ),
    message=_request_action_schema(
        _("Send a message on a licence request"),
        _("For either side, while the request is open (pending or accepted)."),
        MessageCreateSerializer,
        created=True,
        examples=[
            OpenApiExample("A question", request_only=True, value={"body": "Could you share the claims?"})
        ],
    ),
)
class LicenceRequestViewSet(
    MemberAPIMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    pagination_class = PageNumberPagination
    filter_backends = [django_filters.DjangoFilterBackend]
    filterset_class = LicenceRequestFilter

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return LicenceRequest.objects.none()
        requests = requests_visible_to(self.request.user).select_related(
            "listing__organization", "requesting_organization", "requested_by"
        )
        if self.action == "list":
            return requests.order_by("-created_at", "-pk")
        return requests.prefetch_related(
            Prefetch("transitions", queryset=LicenceRequestTransition.objects.select_related("actor")),
            Prefetch("messages", queryset=LicenceRequestMessage.objects.select_related("author")),
        )

    def get_serializer_class(self):
        return LicenceRequestSerializer if self.action == "list" else LicenceRequestDetailSerializer

    @cached_property
    def sides(self) -> Sides:
        return Sides(self.request.user)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if not getattr(self, "swagger_fake_view", False):
            context["sides"] = self.sides
        return context

    def create(self, request, *args, **kwargs):
        serializer = LicenceRequestCreateSerializer(
            data=request.data, listings=listings_visible_to(request.user).select_related("organization")
        )
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        licence_request = request_services.request_create(
            listing=data["listing"],
            organization=data["organization"],
            requested_by=request.user,
            intended_use=data["intended_use"],
            message=data["message"],
        )
        return self._answer(licence_request, status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        licence_request = self._request_to_act_on("accept")
        request_services.request_accept(licence_request=licence_request, actor=request.user)
        return self._answer(licence_request)

    @action(detail=True, methods=["post"])
    def licence(self, request, pk=None):
        licence_request = self._request_to_act_on("licence")
        serializer = LicenceRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            request_services.request_record_licence(
                licence_request=licence_request,
                actor=request.user,
                signed_on=serializer.validated_data["licensed_on"],
            )
        except DomainError as error:
            if error.field != "signed_on" or isinstance(error, Conflict):
                raise
            raise DomainError(error.message, field="licensed_on") from error
        return self._answer(licence_request)

    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        licence_request = self._request_to_act_on("decline")
        serializer = DeclineSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        request_services.request_decline(
            licence_request=licence_request, actor=request.user, **serializer.validated_data
        )
        return self._answer(licence_request)

    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        licence_request = self._request_to_act_on("withdraw")
        request_services.request_withdraw(licence_request=licence_request, actor=request.user)
        return self._answer(licence_request)

    @action(detail=True, methods=["post"])
    def message(self, request, pk=None):
        licence_request = self._request_to_act_on("message")
        serializer = MessageCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        request_services.request_message_send(
            licence_request=licence_request, author=request.user, **serializer.validated_data
        )
        return self._answer(licence_request, status.HTTP_201_CREATED)

    def _request_to_act_on(self, action_name: str) -> LicenceRequest:
        """The request of the URL: 404 when the caller may not see it, 403 when they see it but are
        not on the side that takes this action (staff see every request and act on none)."""
        licence_request = self.get_object()
        if not self.sides.may_act_as(licence_request, action_name):
            if action_name == "withdraw":
                raise PermissionDenied(_("Only the people of the requesting organization may withdraw it."))
            if action_name == "message":
                raise PermissionDenied(_("Only the two sides of the request may send messages on it."))
            raise PermissionDenied(_("Only the listing owner's licensing contacts may answer this request."))
        return licence_request

    def _answer(self, licence_request: LicenceRequest, status_code=status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=licence_request.pk)
        serializer = LicenceRequestDetailSerializer(fresh, context=self.get_serializer_context())
        return Response(serializer.data, status=status_code)
