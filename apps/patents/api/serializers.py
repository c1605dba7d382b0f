"""Serializers of the patent pool API. Read serializers shape responses (every field read-only);
write serializers validate the input the services then check against the pool's rules."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.accounts.api import PersonSerializer
from apps.organizations.api import OrganizationSerializer
from apps.organizations.models import Organization

from ..models import (
    LicenceRequest,
    LicenceRequestMessage,
    LicenceRequestTransition,
    PatentListing,
    TechnologyArea,
)


def choice(choices, *, help_text=None, **kwargs) -> serializers.CharField:
    """A read-only code from `choices`, documented as an inline enum: the pool's statuses would
    otherwise collide with the roadmap's in the schema's component names."""
    field = serializers.CharField(help_text=help_text, **kwargs)
    return extend_schema_field({"type": "string", "enum": [value for value, _label in choices]})(field)


class TechnologyAreaSerializer(serializers.ModelSerializer):
    name = serializers.CharField(help_text=_("The area's name in the request's language."))

    class Meta:
        model = TechnologyArea
        fields = ["code", "name"]
        read_only_fields = fields


class ListingSerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True, help_text=_("The owner organization."))
    technology_areas = TechnologyAreaSerializer(many=True, read_only=True)
    jurisdiction_label = serializers.CharField(source="get_jurisdiction_display")
    licence_terms_label = serializers.CharField(source="get_licence_terms_display")
    eligibility_label = serializers.CharField(source="get_eligibility_display")
    status = choice(PatentListing.Status.choices)
    status_label = serializers.CharField(
        source="get_status_display", help_text=_("The status in the request's language.")
    )
    document_url = serializers.SerializerMethodField(
        help_text=_(
            "The address of the listing's PDF on the portal (for those who may see the listing); "
            "null when it has none."
        )
    )
    page_url = serializers.SerializerMethodField(help_text=_("The listing's page on the portal."))
    url = serializers.HyperlinkedIdentityField(view_name="api:patent-listing-detail")

    class Meta:
        model = PatentListing
        fields = [
            "id",
            "title",
            "number",
            "jurisdiction",
            "jurisdiction_label",
            "filing_date",
            "grant_date",
            "expiry_date",
            "organization",
            "technology_areas",
            "licence_terms",
            "licence_terms_label",
            "eligibility",
            "eligibility_label",
            "status",
            "status_label",
            "is_hidden",
            "published_at",
            "document_url",
            "page_url",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_document_url(self, listing) -> str | None:
        if not listing.document:
            return None
        path = reverse("patents:listing_document", kwargs={"pk": listing.pk})
        return self.context["request"].build_absolute_uri(path)

    def get_page_url(self, listing) -> str:
        return self.context["request"].build_absolute_uri(listing.get_absolute_url())


class ListingDetailSerializer(ListingSerializer):
    hidden_reason = serializers.SerializerMethodField(
        help_text=_("Why the secretariat hid the listing; empty when it is not hidden.")
    )

    class Meta(ListingSerializer.Meta):
        fields = [*ListingSerializer.Meta.fields, "abstract", "terms_note", "hidden_reason"]
        read_only_fields = fields

    def get_hidden_reason(self, listing) -> str:
        return listing.hidden_reason if listing.is_hidden else ""


class ListingSummarySerializer(serializers.ModelSerializer):
    organization = OrganizationSerializer(read_only=True, help_text=_("The owner organization."))
    url = serializers.HyperlinkedIdentityField(view_name="api:patent-listing-detail")

    class Meta:
        model = PatentListing
        fields = ["id", "title", "number", "jurisdiction", "licence_terms", "organization", "url"]
        read_only_fields = fields


class TransitionSerializer(serializers.ModelSerializer):
    actor = PersonSerializer(read_only=True, allow_null=True, help_text=_("Who made the change."))
    from_status = choice(
        [("", ""), *LicenceRequest.Status.choices],
        help_text=_("The status before the change; empty for the request's creation."),
    )
    to_status = choice(LicenceRequest.Status.choices, help_text=_("The status after the change."))
    to_status_label = serializers.CharField(source="get_to_status_display")

    class Meta:
        model = LicenceRequestTransition
        fields = ["from_status", "to_status", "to_status_label", "actor", "note", "created_at"]
        read_only_fields = fields


class MessageSerializer(serializers.ModelSerializer):
    author = PersonSerializer(read_only=True)

    class Meta:
        model = LicenceRequestMessage
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = fields


class LicenceRequestSerializer(serializers.ModelSerializer):
    listing = ListingSummarySerializer(read_only=True)
    requesting_organization = OrganizationSerializer(read_only=True)
    requested_by = PersonSerializer(read_only=True)
    status = choice(LicenceRequest.Status.choices)
    status_label = serializers.CharField(
        source="get_status_display", help_text=_("The status in the request's language.")
    )
    side = serializers.SerializerMethodField(
        help_text=_(
            "Your side of the request: requester (your organization asked), owner (you answer for the "
            "listing's organization), or observer (secretariat staff)."
        )
    )
    is_on_hold = serializers.BooleanField(
        read_only=True,
        help_text=_(
            "True while the request is on hold: it is open, but one of the two organizations cannot "
            "act for now, so neither side can (available_actions is empty). It resumes as it was once "
            "the hold is lifted."
        ),
    )
    available_actions = serializers.SerializerMethodField(
        help_text=_(
            "What you may do with the request now: accept, licence, decline, withdraw, message. "
            "Empty while the request is on hold."
        )
    )
    requester_canadian_owned = serializers.BooleanField(
        allow_null=True,
        help_text=_(
            "Whether the requesting organization was Canadian-owned when it asked (as the secretariat "
            "recorded it); null for requests made before the portal kept it."
        ),
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:licence-request-detail")

    class Meta:
        model = LicenceRequest
        fields = [
            "id",
            "listing",
            "requesting_organization",
            "requester_canadian_owned",
            "requested_by",
            "intended_use",
            "message",
            "status",
            "status_label",
            "licensed_on",
            "decline_reason",
            "created_at",
            "updated_at",
            "side",
            "is_on_hold",
            "available_actions",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=["requester", "owner", "observer"]))
    def get_side(self, licence_request) -> str:
        sides = self.context["sides"]
        if licence_request.requesting_organization_id in sides.member_organization_ids:
            return "requester"
        if licence_request.listing.organization_id in sides.licensing_organization_ids:
            return "owner"
        return "observer"

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=["accept", "licence", "decline", "withdraw", "message"])
        )
    )
    def get_available_actions(self, licence_request) -> list[str]:
        return self.context["sides"].available_actions(licence_request)


class LicenceRequestDetailSerializer(LicenceRequestSerializer):
    transitions = TransitionSerializer(
        many=True, read_only=True, help_text=_("The request's history, oldest first.")
    )
    messages = MessageSerializer(many=True, read_only=True, help_text=_("The messages, oldest first."))

    class Meta(LicenceRequestSerializer.Meta):
        fields = [*LicenceRequestSerializer.Meta.fields, "transitions", "messages"]
        read_only_fields = fields


def _text(help_text, *, max_length: int, required: bool = True, missing=None):
    messages = {"max_length": _("Keep this to at most {max_length} characters.")}
    if not required:
        return serializers.CharField(
            max_length=max_length, allow_blank=True, default="", help_text=help_text, error_messages=messages
        )
    messages.update(blank=missing, required=missing)
    return serializers.CharField(max_length=max_length, help_text=help_text, error_messages=messages)


def _max_length(model, field: str) -> int:
    return model._meta.get_field(field).max_length


class LicenceRequestCreateSerializer(serializers.Serializer):
    """A new request. Only listings the caller may see are accepted; the service then checks the
    pool's rules (eligible, requestable, not one's own, no other open request)."""

    listing = serializers.PrimaryKeyRelatedField(
        queryset=PatentListing.objects.none(),
        help_text=_("The listing's id."),
        error_messages={
            "required": _("Choose the listing to request a licence on."),
            "does_not_exist": _("There is no listing {pk_value} in the pool."),
            "incorrect_type": _("Give the listing's id, a number."),
        },
    )
    organization = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        help_text=_("The slug of your organization that asks for the licence."),
        error_messages={
            "required": _("Choose which of your organizations asks."),
            "does_not_exist": _("There is no organization “{value}”."),
        },
    )
    intended_use = _text(
        _("What your organization would use the patent for."),
        max_length=_max_length(LicenceRequest, "intended_use"),
        missing=_("Say what your organization would use the patent for."),
    )
    message = _text(
        _("A message to the owner, if any."),
        max_length=_max_length(LicenceRequest, "message"),
        required=False,
    )

    def __init__(self, *args, listings=None, **kwargs):
        super().__init__(*args, **kwargs)
        if listings is not None:
            self.fields["listing"].queryset = listings


class LicenceRecordSerializer(serializers.Serializer):
    licensed_on = serializers.DateField(
        help_text=_("The day the licence was signed (YYYY-MM-DD), not in the future."),
        error_messages={
            "required": _("Give the day the licence was signed."),
            "invalid": _("Give the day as YYYY-MM-DD."),
        },
    )


class DeclineSerializer(serializers.Serializer):
    reason = _text(
        _("Why the request is declined; the requester reads it."),
        max_length=_max_length(LicenceRequest, "decline_reason"),
        missing=_("Say why you decline the request."),
    )


class MessageCreateSerializer(serializers.Serializer):
    body = _text(
        _("The message to the other side."),
        max_length=_max_length(LicenceRequestMessage, "body"),
        missing=_("Write a message."),
    )
