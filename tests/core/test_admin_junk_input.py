"""Junk typed or posted into an admin form comes back as a form error, never a 500: ids that are no
ids in autocomplete fields (apps.core.admin_tools.CheckedAutocompleteMixin, on every admin that
has such fields) and a crontab schedule celery cannot read."""

import pytest
from django.contrib import admin
from django.urls import reverse
from django_celery_beat.models import CrontabSchedule

from apps.core.admin_tools import CheckedAutocompleteMixin
from apps.notifications.models import NotificationPreference
from apps.organizations.models import Membership
from apps.roadmap.models import Action, IndicatorValue
from apps.working_groups.models import GroupMembership, WorkingGroup

pytestmark = pytest.mark.django_db

JUNK_IDS = ["abc", "1; drop table", "-1", "99999999999999999999", "1.5"]
FORM_ERROR = 'class="errorlist'

# (admin add page, valid fields besides the autocomplete ones, autocomplete fields, rows it adds)
ADD_FORMS = {
    "membership": ("organizations_membership_add", {"role": "member"}, ["user", "organization"], Membership),
    "group membership": (
        "working_groups_groupmembership_add",
        {"role": "member"},
        ["user", "group"],
        GroupMembership,
    ),
    "working group": (
        "working_groups_workinggroup_add",
        {
            "name_en": "Recycling",
            "slug": "recycling",
            "is_active": "on",
            "group_memberships-TOTAL_FORMS": "1",
            "group_memberships-INITIAL_FORMS": "0",
            "group_memberships-0-role": "member",
        },
        ["group_memberships-0-user"],
        WorkingGroup,
    ),
    "action": (
        "roadmap_action_add",
        {"code": "FIN-9", "title_en": "A fund", "status": "not_started", "percent_done": "0"},
        ["working_group", "lead_organizations", "owner"],
        Action,
    ),
    "indicator value": (
        "roadmap_indicatorvalue_add",
        {"value": "12", "measured_on": "2026-01-31", "source": "Survey"},
        ["indicator"],
        IndicatorValue,
    ),
    "notification preference": (
        "notifications_notificationpreference_add",
        {"digest_frequency": "weekly"},
        ["user"],
        NotificationPreference,
    ),
}

CASES = [
    pytest.param(form, field, junk, id=f"{form}-{field}-{junk}")
    for form, (_, _, fields, _) in ADD_FORMS.items()
    for field in fields
    for junk in JUNK_IDS
]


@pytest.mark.parametrize(("form", "field", "junk"), CASES)
def test_junk_id_in_an_autocomplete_field_comes_back_as_a_form_error(client_for, staff, form, field, junk):
    url_name, valid_fields, _, model = ADD_FORMS[form]
    rows_before = model.objects.count()

    response = client_for(staff).post(reverse(f"admin:{url_name}"), {**valid_fields, field: junk})

    assert response.status_code == 200
    assert FORM_ERROR in response.content.decode()
    assert model.objects.count() == rows_before


def test_every_admin_with_autocomplete_fields_checks_their_ids(rf, staff):
    request = rf.get("/")
    request.user = staff
    admins = [*admin.site._registry.values()]
    admins += [
        inline(model_admin.model, admin.site) for model_admin in admins for inline in model_admin.inlines
    ]

    unchecked = [
        type(model_admin).__name__
        for model_admin in admins
        if model_admin.get_autocomplete_fields(request)
        and not isinstance(model_admin, CheckedAutocompleteMixin)
    ]

    assert unchecked == []


CRONTAB = {"minute": "0", "hour": "7", "day_of_week": "*", "day_of_month": "*", "month_of_year": "*"}


@pytest.mark.parametrize(("field", "value"), [("minute", "-1"), ("hour", "-5"), ("minute", "1,,2")])
def test_a_schedule_celery_cannot_read_comes_back_with_a_message(client_for, staff, field, value):
    rows_before = CrontabSchedule.objects.count()

    response = client_for(staff).post(
        reverse("admin:django_celery_beat_crontabschedule_add"),
        {**CRONTAB, "timezone": "America/Toronto", field: value},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert FORM_ERROR in page
    assert "Correct the fields below to see this schedule in words." in page
    assert CrontabSchedule.objects.count() == rows_before


def test_a_valid_schedule_is_still_shown_in_words(client_for, staff):
    schedule = CrontabSchedule.objects.create(**CRONTAB, timezone="America/Toronto")

    response = client_for(staff).get(
        reverse("admin:django_celery_beat_crontabschedule_change", args=[schedule.pk])
    )

    assert "At 07:00 AM America/Toronto" in response.content.decode()
