"""/api/v1/dashboard/: the dashboard's figures as JSON, from the same selector as the page."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api_auth import MemberAPIMixin
from apps.core.api import error_responses

from .forms import DashboardFilterForm
from .selectors import dashboard_figures


class DashboardTallySerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("A stable code (status, kind, province, slug, month)."))
    label = serializers.CharField(help_text=_("Its name in the request's language."))
    count = serializers.IntegerField()


class DashboardAreaProgressSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    action_count = serializers.IntegerField()
    percent_done = serializers.FloatField(help_text=_("Average percent done of the area's actions."))


class DashboardActionRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    percent_done = serializers.IntegerField()
    owner = serializers.CharField(help_text=_("The owner's name, or empty."))
    working_group = serializers.CharField()
    target_date = serializers.DateField(allow_null=True)
    next_update_due_on = serializers.DateField(allow_null=True)


class DashboardRoadmapSerializer(serializers.Serializer):
    action_count = serializers.IntegerField()
    percent_done = serializers.FloatField()
    by_status = DashboardTallySerializer(many=True)
    areas = DashboardAreaProgressSerializer(many=True)
    overdue = DashboardActionRowSerializer(many=True)
    update_due = DashboardActionRowSerializer(many=True)


class DashboardPointSerializer(serializers.Serializer):
    measured_on = serializers.DateField()
    value = serializers.DecimalField(max_digits=20, decimal_places=2)
    source = serializers.CharField()


class DashboardIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    area_code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField()
    target = serializers.DecimalField(max_digits=20, decimal_places=2)
    target_year = serializers.IntegerField()
    target_value = serializers.DecimalField(
        max_digits=22,
        decimal_places=2,
        allow_null=True,
        help_text=_("For a multiple: that many times the baseline."),
    )
    target_text = serializers.CharField()
    baseline_value = serializers.DecimalField(max_digits=20, decimal_places=2, allow_null=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    latest = DashboardPointSerializer(allow_null=True)
    percent_of_target = serializers.FloatField(allow_null=True)
    progress_class = serializers.ChoiceField(
        choices=[
            "target_reached",
            "on_track",
            "needs_acceleration",
            "limited",
            "deterioration",
            "not_enough_data",
        ],
        help_text=_("Open SDG's progress class: growth achieved since the baseline over growth needed."),
    )
    progress_label = serializers.CharField()
    growth_ratio = serializers.FloatField(allow_null=True)
    values = DashboardPointSerializer(many=True)


class DashboardEcosystemSerializer(serializers.Serializer):
    organization_count = serializers.IntegerField()
    canadian_owned_count = serializers.IntegerField()
    by_kind = DashboardTallySerializer(many=True)
    by_province = DashboardTallySerializer(many=True)
    by_segment = DashboardTallySerializer(many=True)
    growth = DashboardTallySerializer(
        many=True, help_text=_("Active member organizations at the end of each month.")
    )
    joined_unknown = serializers.IntegerField()


class DashboardPatentsSerializer(serializers.Serializer):
    listings_by_area = DashboardTallySerializer(many=True)
    listings_by_status = DashboardTallySerializer(many=True)
    requests_by_status = DashboardTallySerializer(many=True)
    licences_granted = serializers.IntegerField()


class DashboardActivitySerializer(serializers.Serializer):
    days = serializers.IntegerField()
    update_count = serializers.IntegerField()
    by_group = DashboardTallySerializer(many=True)


class DashboardFiltersSerializer(serializers.Serializer):
    area = serializers.CharField()
    working_group = serializers.CharField()


class DashboardSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    filters = DashboardFiltersSerializer()
    roadmap = DashboardRoadmapSerializer()
    indicators = DashboardIndicatorSerializer(many=True)
    ecosystem = DashboardEcosystemSerializer()
    patents = DashboardPatentsSerializer()
    activity = DashboardActivitySerializer()


class DashboardView(MemberAPIMixin, APIView):
    """The Battery Ecosystem Intelligence Dashboard's figures: roadmap progress, indicators,
    the ecosystem, the patent pool and working-group activity (members and staff)."""

    @extend_schema(
        operation_id="dashboard",
        summary=_("The dashboard's figures"),
        parameters=[
            OpenApiParameter(
                "area", str, description=_("An area code (e.g. FIN): narrows the roadmap and activity.")
            ),
            OpenApiParameter(
                "working_group",
                str,
                description=_("A working group's slug: narrows the roadmap and activity."),
            ),
        ],
        responses={200: DashboardSerializer, **error_responses(400, 401, 403)},
    )
    def get(self, request):
        form = DashboardFilterForm(request.query_params or None)
        if form.is_bound and not form.is_valid():
            raise ValidationError(
                {
                    ("non_field_errors" if name == "__all__" else name): [
                        error["message"] for error in errors
                    ]
                    for name, errors in form.errors.get_json_data().items()
                }
            )
        return Response(DashboardSerializer(dashboard_figures(filters=form.filters())).data)
