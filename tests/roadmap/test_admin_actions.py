"""The secretariat's admin for actions: who gets in, editing (never status or percent), owners,
history, deleting, and the front page's counts of overdue actions and updates due."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.models import Event
from apps.roadmap.models import Action, Cadence, Status
from tests.factories import OrganizationFactory, UserFactory, WorkingGroupFactory
from tests.roadmap.factories import ActionFactory, AreaFactory, StatusUpdateFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:roadmap_action_changelist")
ADD = reverse("admin:roadmap_action_add")


def change_url(action):
    return reverse("admin:roadmap_action_change", args=[action.pk])


@pytest.fixture
def action(group, organization):
    return ActionFactory(
        code="FIN-1", title="Align funding", working_group=group, lead_organizations=[organization]
    )


def form_data(action=None, **overrides):
    """What the admin's form posts (the timeline inline is read-only: no rows)."""
    data = {
        "code": action.code if action else "FIN-9",
        "title_en": action.title if action else "Create a loan guarantee program",
        "description_en": action.description if action else "",
        "area": action.area_id if action else AreaFactory(code="FIN").pk,
        "working_group": action.working_group_id if action and action.working_group_id else "",
        "lead_organizations": [organization.pk for organization in action.lead_organizations.all()]
        if action
        else [],
        "owner": action.owner_id if action and action.owner_id else "",
        "start_date": action.start_date.isoformat() if action and action.start_date else "",
        "target_date": action.target_date.isoformat() if action and action.target_date else "",
        "update_cadence_days": action.update_cadence_days if action else Cadence.MONTHLY,
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "0",
    }
    return {**data, **overrides}


@pytest.mark.parametrize("role", [None, "member", "lead", "contact", "suspended_member"])
@pytest.mark.parametrize(
    "url_name",
    ["changelist", "add", "change", "history", "import", "export"],
)
def test_people_who_are_not_staff_are_sent_to_the_admin_sign_in(request, client_for, action, role, url_name):
    person = request.getfixturevalue(role) if role else None
    args = [action.pk] if url_name in ("change", "history") else []
    url = reverse(f"admin:roadmap_action_{url_name}", args=args)

    response = client_for(person).get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={url}"


@pytest.mark.parametrize("url_name", ["changelist", "add", "change", "history", "import", "export"])
def test_secretariat_staff_open_every_action_page(client_for, staff, action, url_name):
    args = [action.pk] if url_name in ("change", "history") else []

    response = client_for(staff).get(reverse(f"admin:roadmap_action_{url_name}", args=args))

    assert response.status_code == 200


def test_staff_outside_the_secretariat_group_are_refused(client_for, action):
    bare_staff = UserFactory(is_staff=True)

    response = client_for(bare_staff).get(CHANGELIST)

    assert response.status_code == 403


def test_a_member_cannot_post_an_edit(client_for, member, action):
    response = client_for(member).post(change_url(action), form_data(action, title="Hijacked"))

    assert response.status_code == 302
    assert Action.objects.get(pk=action.pk).title == "Align funding"


def test_the_list_shows_progress_and_dates(client_for, staff, action):
    ActionFactory(code="FIN-2", target_date=timezone.localdate() - timedelta(days=1), start_date=None)

    response = client_for(staff).get(CHANGELIST)

    html = response.content.decode()
    assert "Not started" in html
    assert "FIN-2" in html
    overdue = {row.code: row.is_overdue() for row in response.context["cl"].result_list}
    assert overdue == {"FIN-1": False, "FIN-2": True}


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_fixed_number_of_queries(client_for, staff, count, django_assert_max_num_queries):
    for _ in range(count):
        action = ActionFactory(owner=UserFactory(), lead_organizations=[OrganizationFactory()])
        StatusUpdateFactory(action=action)
    client = client_for(staff)
    client.get(CHANGELIST)

    with django_assert_max_num_queries(14):
        response = client.get(CHANGELIST)

    assert response.status_code == 200


def test_staff_add_an_action_that_starts_not_started(client_for, staff, group, outsider, organization):
    today = timezone.localdate()
    data = form_data(
        code="fin-9",
        working_group=group.pk,
        owner=outsider.pk,
        lead_organizations=[organization.pk],
        start_date=today.isoformat(),
        target_date=(today + timedelta(days=200)).isoformat(),
        update_cadence_days=Cadence.QUARTERLY,
        status=Status.DONE,
        percent_done="100",
    )

    response = client_for(staff).post(ADD, data)

    assert response.status_code == 302
    action = Action.objects.get(code="FIN-9")
    assert (action.status, action.percent_done, action.version) == (Status.NOT_STARTED, 0, 1)
    assert (action.owner, action.working_group) == (outsider, group)
    assert list(action.lead_organizations.all()) == [organization]
    assert action.next_update_due_on == today + timedelta(days=91)
    assert Event.objects.get().kind == Event.Kind.ACTION_OWNER_NAMED
    assert action.history.first().history_user == staff


def test_an_edit_never_changes_status_or_percent(client_for, staff, action, lead):
    StatusUpdateFactory(action=action, author=lead, status=Status.AT_RISK)
    action.refresh_from_db()

    response = client_for(staff).post(
        change_url(action),
        form_data(
            action, title_en="Align and focus funding", status=Status.DONE, percent_done="100", version="1"
        ),
    )

    assert response.status_code == 302
    stored = Action.objects.get(pk=action.pk)
    assert (stored.title, stored.status, stored.percent_done, stored.version) == (
        "Align and focus funding",
        Status.AT_RISK,
        30,
        action.version,
    )


def test_the_change_page_shows_status_and_percent_read_only(client_for, staff, action):
    response = client_for(staff).get(change_url(action))

    form_fields = response.context["adminform"].form.fields
    assert "status" not in form_fields
    assert "percent_done" not in form_fields
    assert "version" not in form_fields
    assert "Status and percent done change only through status updates" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title_en": ""}, "title_en", "This field is required."),
        ({"title_en": "x" * 301}, "title_en", "Ensure this value has at most 300 characters (it has 301)."),
        ({"code": ""}, "code", "This field is required."),
        (
            {"start_date": "2026-05-01", "target_date": "2026-04-30"},
            "target_date",
            "The target date cannot be before the start date.",
        ),
        ({"start_date": "2026-02-30"}, "start_date", "Enter a valid date."),
        (
            {"update_cadence_days": "12"},
            "update_cadence_days",
            "Select a valid choice. 12 is not one of the available choices.",
        ),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(client_for, staff, action, overrides, field, message):
    history_before = action.history.count()

    response = client_for(staff).post(change_url(action), form_data(action, **overrides))

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert Action.objects.get(pk=action.pk).title == "Align funding"
    assert action.history.count() == history_before


def test_a_duplicate_code_is_refused(client_for, staff, action):
    response = client_for(staff).post(ADD, form_data(code="FIN-1"))

    assert response.context["adminform"].form.errors["code"] == ["Action with this Code already exists."]
    assert Action.objects.count() == 1


def test_a_deactivated_owner_is_refused(client_for, staff, action):
    gone = UserFactory(is_active=False)

    response = client_for(staff).post(change_url(action), form_data(action, owner=gone.pk))

    assert response.context["adminform"].form.errors["owner"] == [
        "This person is deactivated: choose an active person."
    ]
    assert Action.objects.get(pk=action.pk).owner is None
    assert not Event.objects.exists()


def test_history_shows_who_changed_what(client_for, staff, action, organization, other_organization):
    records_before = action.history.count()
    client = client_for(staff)
    client.post(
        change_url(action),
        form_data(action, title_en="Align and focus funding", lead_organizations=[other_organization.pk]),
    )

    response = client.get(reverse("admin:roadmap_action_history", args=[action.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Stella Staff" in html or staff.email in html
    assert "Align and focus funding" in html
    new_records = list(action.history.all())[: action.history.count() - records_before]
    assert len(new_records) >= 2
    assert {record.history_user for record in new_records} == {staff}
    assert new_records[-1].title == "Align and focus funding"
    assert list(new_records[0].lead_organizations.values_list("organization", flat=True)) == [
        other_organization.pk
    ]


def test_an_old_version_cannot_be_restored_from_the_history(client_for, staff, action):
    client = client_for(staff)
    client.post(change_url(action), form_data(action, title_en="Renamed"))
    first = action.history.last()

    response = client.post(
        reverse("admin:roadmap_action_simple_history", args=[action.pk, first.history_id]), form_data(action)
    )

    assert response.status_code == 403
    assert Action.objects.get(pk=action.pk).title == "Renamed"


def test_an_action_with_updates_cannot_be_deleted(client_for, staff, action):
    StatusUpdateFactory(action=action)

    response = client_for(staff).post(
        reverse("admin:roadmap_action_delete", args=[action.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Action.objects.filter(pk=action.pk).exists()


def test_an_action_without_updates_can_be_deleted(client_for, staff, action):
    response = client_for(staff).post(
        reverse("admin:roadmap_action_delete", args=[action.pk]), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Action.objects.exists()


def test_there_is_no_bulk_delete(client_for, staff, action):
    response = client_for(staff).get(CHANGELIST)

    action_form = response.context["action_form"]
    assert action_form is None or "delete_selected" not in dict(action_form.fields["action"].choices)


def test_the_front_page_counts_overdue_actions_and_updates_due(client_for, staff):
    today = timezone.localdate()
    ActionFactory(target_date=today - timedelta(days=1), start_date=today - timedelta(days=100))
    ActionFactory(target_date=today - timedelta(days=3), start_date=today - timedelta(days=5))
    done = ActionFactory(target_date=today - timedelta(days=1), start_date=today - timedelta(days=100))
    StatusUpdateFactory(action=done, status=Status.DONE, created_at=timezone.now() - timedelta(days=60))
    ActionFactory(start_date=today - timedelta(days=10))

    response = client_for(staff).get(reverse("admin:index"))

    waiting = {item.label: (item.count, item.url) for item in response.context["waiting_items"]}
    assert waiting["Actions overdue"] == (2, f"{CHANGELIST}?progress=overdue")
    assert waiting["Actions with an update due"] == (1, f"{CHANGELIST}?progress=due")
    assert "Actions overdue" in response.content.decode()


def test_the_progress_filter_lists_overdue_and_due_actions(client_for, staff):
    today = timezone.localdate()
    ActionFactory(code="OLD-1", target_date=today - timedelta(days=1), start_date=today - timedelta(days=10))
    ActionFactory(code="DUE-1", start_date=today - timedelta(days=31))
    ActionFactory(code="NEW-1")
    client = client_for(staff)

    overdue = client.get(CHANGELIST, {"progress": "overdue"})
    due = client.get(CHANGELIST, {"progress": "due"})

    assert [action.code for action in overdue.context["cl"].result_list] == ["OLD-1"]
    assert [action.code for action in due.context["cl"].result_list] == ["DUE-1"]


def test_the_front_page_leaves_out_counts_of_zero(client_for, staff):
    WorkingGroupFactory()

    response = client_for(staff).get(reverse("admin:index"))

    labels = {item.label for item in response.context["waiting_items"]}
    assert not labels & {"Actions overdue", "Actions with an update due"}
