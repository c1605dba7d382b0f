"""Serializers of the roadmap API. Read serializers shape responses (every field read-only); the
one write serializer validates a status update before services.status_update_post writes it."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from apps.accounts.api import PersonSerializer
from apps.core.errors import DomainError
from apps.organizations.api import OrganizationSerializer
from apps.working_groups.api import WorkingGroupSerializer

from .. import services
from ..models import Action, Area, Indicator, Status, StatusUpdate
from ..permissions import can_post_update

TEXT_MAX_LENGTH = StatusUpdate._meta.get_field("summary").max_length


class IndicatorSummarySerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:indicator-detail")

    class Meta:
        model = Indicator
        fields = ["id", "name", "url"]
        read_only_fields = fields


class AreaSerializer(serializers.ModelSerializer):
    pillar = serializers.CharField(source="pillar.name", help_text=_("The roadmap pillar of this area."))
    progress_percent = serializers.SerializerMethodField(
        help_text=_("The average percent done of the area's actions, rounded; null when it has none.")
    )
    action_count = serializers.IntegerField(help_text=_("How many actions the area has."))
    status_counts = serializers.SerializerMethodField(
        help_text=_("How many of the area's actions are in each status.")
    )
    indicators = IndicatorSummarySerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:area-detail", lookup_field="code")

    class Meta:
        model = Area
        fields = [
            "code",
            "name",
            "pillar",
            "summary",
            "goal",
            "progress_percent",
            "action_count",
            "status_counts",
            "indicators",
            "url",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_progress_percent(self, area) -> int | None:
        if area.average_percent_done is None:
            return None
        return round(area.average_percent_done)

    @extend_schema_field(
        inline_serializer(
            "StatusCounts", fields={value: serializers.IntegerField() for value in Status.values}
        )
    )
    def get_status_counts(self, area) -> dict:
        return {value: getattr(area, f"count_{value}") for value in Status.values}


class ActionSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("The area's code."))
    working_group = WorkingGroupSerializer(read_only=True, allow_null=True)
    owner = PersonSerializer(read_only=True, allow_null=True)
    lead_organizations = OrganizationSerializer(many=True, read_only=True)
    status_label = serializers.CharField(
        source="get_status_display", help_text=_("The status in the request's language.")
    )
    is_overdue = serializers.SerializerMethodField(help_text=_("Past its target date and not done."))
    is_update_due = serializers.SerializerMethodField(
        help_text=_("A status update is due: its cadence has passed since the last one.")
    )
    can_post_update = serializers.SerializerMethodField(
        help_text=_("Whether you may post a status update on this action.")
    )
    url = serializers.HyperlinkedIdentityField(view_name="api:action-detail", lookup_field="code")
    updates_url = serializers.HyperlinkedIdentityField(
        view_name="api:action-updates", lookup_field="code", help_text=_("Its status updates.")
    )

    class Meta:
        model = Action
        fields = [
            "code",
            "title",
            "area",
            "working_group",
            "owner",
            "lead_organizations",
            "status",
            "status_label",
            "percent_done",
            "version",
            "start_date",
            "target_date",
            "update_cadence_days",
            "last_update_at",
            "next_update_due_on",
            "is_overdue",
            "is_update_due",
            "is_named_in_roadmap",
            "can_post_update",
            "url",
            "updates_url",
        ]
        read_only_fields = fields
        extra_kwargs = {
            "version": {"help_text": _("Send it with a status update; it changes with every update.")},
        }

    def get_is_overdue(self, action) -> bool:
        return action.is_overdue()

    def get_is_update_due(self, action) -> bool:
        return action.is_update_due()

    def get_can_post_update(self, action) -> bool:
        return can_post_update(self.context["request"].user, action)


class ActionDetailSerializer(ActionSerializer):
    class Meta(ActionSerializer.Meta):
        fields = [*ActionSerializer.Meta.fields[:2], "description", *ActionSerializer.Meta.fields[2:]]
        read_only_fields = fields


class PreviousStateSerializer(serializers.Serializer):
    status = serializers.ChoiceField(source="previous_status", choices=Status.choices)
    percent_done = serializers.IntegerField(source="previous_percent_done")


class StatusUpdateSerializer(serializers.ModelSerializer):
    """A status update. A hidden one keeps its place in the timeline with the reason; as on the
    page, only staff still see who posted it, the status and percent it gave, and what it said."""

    action = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text=_("The action's code.")
    )
    author = PersonSerializer(read_only=True, allow_null=True)
    status_label = serializers.CharField(source="get_status_display", allow_null=True)
    evidence_links = serializers.ListField(child=serializers.URLField(), allow_null=True)
    previous = PreviousStateSerializer(
        source="*",
        read_only=True,
        allow_null=True,
        help_text=_("The action's status and percent before this update."),
    )

    HIDDEN_CONTENT = (
        "author",
        "status",
        "status_label",
        "percent_done",
        "previous",
        "summary",
        "blockers",
        "asks",
        "next_steps",
        "evidence_links",
    )

    class Meta:
        model = StatusUpdate
        fields = [
            "id",
            "action",
            "author",
            "status",
            "status_label",
            "percent_done",
            "previous",
            "summary",
            "blockers",
            "asks",
            "next_steps",
            "evidence_links",
            "created_at",
            "is_hidden",
            "hidden_reason",
            "hidden_at",
        ]
        read_only_fields = fields
        extra_kwargs = {
            field: {"allow_null": True}
            for field in ("status", "percent_done", "summary", "blockers", "asks", "next_steps")
        }

    def to_representation(self, update):
        data = super().to_representation(update)
        if update.is_hidden and not self.context["request"].user.is_staff:
            data.update(dict.fromkeys(self.HIDDEN_CONTENT))
        return data


class StatusUpdatePostedSerializer(StatusUpdateSerializer):
    action_version = serializers.IntegerField(
        source="action.version",
        help_text=_("The action's version after this update: send it with your next update."),
    )

    class Meta(StatusUpdateSerializer.Meta):
        fields = [*StatusUpdateSerializer.Meta.fields, "action_version"]
        read_only_fields = fields


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string", "format": "uri", "maxLength": services.MAX_EVIDENCE_LINK_LENGTH},
        "maxItems": services.MAX_EVIDENCE_LINKS,
    }
)
class EvidenceLinksField(serializers.ListField):
    """Validated by services.validate_evidence_links; documented as the web addresses it accepts."""


def _text_field(label, *, required: bool):
    messages = {"max_length": _("Keep this to at most {max_length} characters.")}
    if required:
        messages.update(
            blank=_("Write a short summary of what changed."),
            required=_("Write a short summary of what changed."),
        )
        return serializers.CharField(max_length=TEXT_MAX_LENGTH, help_text=label, error_messages=messages)
    return serializers.CharField(
        max_length=TEXT_MAX_LENGTH, allow_blank=True, default="", help_text=label, error_messages=messages
    )


class StatusUpdateCreateSerializer(serializers.Serializer):
    """What a status update posts. Status and percent must agree: done exactly at 100%, not
    started exactly at 0%."""

    version = serializers.IntegerField(
        min_value=1,
        help_text=_("The action's version you read (from the action or your last update)."),
        error_messages={"required": _("Send the action's version you read.")},
    )
    status = serializers.ChoiceField(
        choices=Status.choices,
        help_text=_("The action's status now; it must agree with the percent done."),
        error_messages={
            "invalid_choice": _(
                "“{input}” is not a status. Use not_started, on_track, at_risk, blocked or done."
            ),
            "required": _("Choose a status."),
        },
    )
    percent_done = serializers.IntegerField(
        min_value=0,
        max_value=100,
        help_text=_("From 0 to 100: 0 exactly when not started, 100 exactly when done."),
        error_messages={
            "min_value": _("Percent done is between 0 and 100."),
            "max_value": _("Percent done is between 0 and 100."),
            "required": _("Give the percent done, from 0 to 100."),
            "invalid": _("Percent done is a whole number from 0 to 100."),
        },
    )
    summary = _text_field(_("What changed since the last update."), required=True)
    blockers = _text_field(_("What stands in the way, if anything."), required=False)
    asks = _text_field(_("What the action asks of the alliance, if anything."), required=False)
    next_steps = _text_field(_("What happens next."), required=False)
    evidence_links = EvidenceLinksField(
        child=serializers.CharField(allow_blank=True),
        default=list,
        help_text=_("Links to evidence: web addresses (https://…), at most 10."),
    )

    def validate_evidence_links(self, links):
        """The page's rule (services.validate_evidence_links), so both refuse the same links."""
        try:
            return services.validate_evidence_links(links)
        except DomainError as error:
            raise serializers.ValidationError(error.message) from error

    def validate(self, attrs):
        try:
            services.validate_status_and_percent(status=attrs["status"], percent_done=attrs["percent_done"])
        except DomainError as error:
            raise serializers.ValidationError({error.field or "non_field_errors": [error.message]}) from error
        return attrs


class LatestValueSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=20, decimal_places=2)
    measured_on = serializers.DateField()
    source = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer):
    area = serializers.SlugRelatedField(slug_field="code", read_only=True, help_text=_("The area's code."))
    kind_label = serializers.CharField(source="get_kind_display")
    latest_value = serializers.SerializerMethodField(
        help_text=_("The most recent recorded value, its date and source; null when none is recorded.")
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "area",
            "name",
            "kind",
            "kind_label",
            "unit",
            "target",
            "target_year",
            "baseline_value",
            "baseline_year",
            "latest_value",
        ]
        read_only_fields = fields

    @extend_schema_field(LatestValueSerializer(allow_null=True))
    def get_latest_value(self, indicator):
        if indicator.latest_measured_on is None:
            return None
        return LatestValueSerializer(
            {
                "value": indicator.latest_value,
                "measured_on": indicator.latest_measured_on,
                "source": indicator.latest_source,
            }
        ).data
