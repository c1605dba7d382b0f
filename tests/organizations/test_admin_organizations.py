"""Organizations in the admin: the list, its renewal filter, the Suspend, Mark lapsed and Reinstate
actions and buttons (each asking for a reason), the people inline, and the read-only records."""

from datetime import timedelta

import pytest
from django.contrib.admin import helpers
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from apps.organizations.models import Membership, MembershipStatusChange, Organization, ValueChainSegment
from tests.factories import MembershipFactory, MembershipStatusChangeFactory, OrganizationFactory, UserFactory
from tests.organizations.application_helpers import admin_sign_in_redirect, admin_url

pytestmark = pytest.mark.django_db

CHANGELIST = admin_url("organization_changelist")
Status = Organization.Status


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _action(action, *organizations, **extra):
    return {"action": action, helpers.ACTION_CHECKBOX_NAME: [o.pk for o in organizations], **extra}


def _transition_url(organization, transition):
    return admin_url("organization_transition", organization.pk, transition)


# Who gets in


@pytest.mark.parametrize("role", ["anonymous", "member", "contact", "suspended_member"])
def test_people_who_are_not_staff_are_sent_to_the_admin_sign_in(request, client_for, role, organization):
    user = None if role == "anonymous" else request.getfixturevalue(role)
    for path in [
        CHANGELIST,
        admin_url("organization_change", organization.pk),
        _transition_url(organization, "suspend"),
    ]:
        response = client_for(user).get(path)

        assert response.status_code == 302
        assert response["Location"] == admin_sign_in_redirect(path)


@pytest.mark.parametrize("role", ["anonymous", "contact"])
def test_people_who_are_not_staff_cannot_suspend(
    request, client_for, role, organization, django_capture_on_commit_callbacks
):
    client = client_for(None if role == "anonymous" else request.getfixturevalue(role))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_transition_url(organization, "suspend"), {"reason": "Because."})
        client.post(CHANGELIST, _action("suspend_selected", organization, apply="yes", reason="Because."))

    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE
    assert not MembershipStatusChange.objects.exists()
    assert mail.outbox == []


def test_staff_without_the_permission_cannot_suspend(
    client_for, organization, django_capture_on_commit_callbacks
):
    intern = UserFactory(is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(intern).post(_transition_url(organization, "suspend"), {"reason": "Because."})

    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE
    assert mail.outbox == []


# The list


def _organizations_with_people(count):
    segments = list(ValueChainSegment.objects.all())
    for index in range(count):
        organization = OrganizationFactory(name=f"Member {index:03}")
        organization.segments.set(segments[: index % 3 + 1])
        MembershipFactory(organization=organization, role=Membership.Role.CONTACT)
        MembershipFactory(organization=organization)
        MembershipStatusChangeFactory(organization=organization)


@pytest.mark.parametrize("count", [5, 200])
def test_list_runs_a_fixed_number_of_queries(client_for, staff, count, django_assert_max_num_queries):
    _organizations_with_people(count)
    client = client_for(staff)

    with django_assert_max_num_queries(12):
        response = client.get(CHANGELIST)

    assert response.status_code == 200
    assert response.context["cl"].result_count == count


def test_list_counts_each_organizations_people_once(client_for, staff):
    _organizations_with_people(1)

    response = client_for(staff).get(
        CHANGELIST, {"segments__id__exact": ValueChainSegment.objects.first().pk}
    )

    (row,) = response.context["cl"].result_list
    assert row.people_count == 2


def test_renewal_filter_lists_the_next_60_days_and_the_overdue(client_for, staff):
    today = timezone.localdate()
    soon = OrganizationFactory(name="Soon", renewal_due_on=today + timedelta(days=59))
    overdue = OrganizationFactory(name="Overdue", renewal_due_on=today - timedelta(days=3))
    OrganizationFactory(name="Later", renewal_due_on=today + timedelta(days=200))
    OrganizationFactory(name="Lapsed", renewal_due_on=today, membership_status=Status.LAPSED)
    client = client_for(staff)

    due_soon = client.get(CHANGELIST, {"renewal": "soon"})
    late = client.get(CHANGELIST, {"renewal": "overdue"})

    assert list(due_soon.context["cl"].result_list) == [soon]
    assert list(late.context["cl"].result_list) == [overdue]
    assert "In the next 60 days" in due_soon.content.decode()


def test_status_is_not_editable_in_the_form(client_for, staff, organization):
    response = client_for(staff).get(admin_url("organization_change", organization.pk))

    fields = response.context["adminform"].form.fields
    assert "membership_status" not in fields
    assert "status_reason" not in fields
    assert "renewal_due_on" in fields


@pytest.mark.parametrize(
    ("status", "buttons"),
    [
        (Status.ACTIVE, ["suspend", "lapse"]),
        (Status.SUSPENDED, ["lapse", "reinstate"]),
        (Status.LAPSED, ["suspend", "reinstate"]),
    ],
)
def test_change_page_offers_the_allowed_changes(client_for, staff, status, buttons):
    organization = OrganizationFactory(membership_status=status)

    response = client_for(staff).get(admin_url("organization_change", organization.pk))

    page = response.content.decode()
    for transition in ["suspend", "lapse", "reinstate"]:
        assert (_transition_url(organization, transition) in page) == (transition in buttons)


def test_change_page_shows_the_status_changes(client_for, staff, organization):
    MembershipStatusChangeFactory(organization=organization, reason="Fee unpaid in 2025", changed_by=staff)

    response = client_for(staff).get(admin_url("organization_change", organization.pk))

    assert "Fee unpaid in 2025" in response.content.decode()


# The buttons


def test_suspend_button_asks_for_the_reason(client_for, staff, organization):
    response = client_for(staff).get(_transition_url(organization, "suspend"))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Suspend the membership" in page
    assert 'name="reason"' in page


@pytest.mark.parametrize(
    ("transition", "status", "message"),
    [
        ("suspend", Status.SUSPENDED, "1 organization(s) suspended."),
        ("lapse", Status.LAPSED, "1 organization(s) marked lapsed."),
    ],
)
def test_staff_suspends_or_marks_lapsed_with_the_button(
    client_for, staff, organization, contact, transition, status, message, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            _transition_url(organization, transition), {"reason": "Fee unpaid."}
        )

    assert response.status_code == 302
    assert response["Location"] == admin_url("organization_change", organization.pk)
    assert _messages(response) == [message]
    organization.refresh_from_db()
    assert (organization.membership_status, organization.status_reason) == (status, "Fee unpaid.")
    assert MembershipStatusChange.objects.get().changed_by == staff
    assert [m.to for m in mail.outbox] == [["carla@northern-cells.ca"]]


def test_staff_reinstates_with_the_button(
    client_for, staff, suspended_member, django_capture_on_commit_callbacks
):
    organization = suspended_member.memberships.get().organization

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(_transition_url(organization, "reinstate"), {"reason": "Fee paid."})

    assert _messages(response) == ["1 organization(s) reinstated."]
    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE
    assert [m.to for m in mail.outbox] == [["sam@dormant.ca"]]


@pytest.mark.parametrize(("reason", "error"), [("", "This field is required."), ("x" * 501, "at most 500")])
def test_change_without_a_good_reason_is_refused(
    client_for, staff, organization, contact, reason, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(_transition_url(organization, "suspend"), {"reason": reason})

    assert response.status_code == 400
    assert error in " ".join(response.context["form"].errors["reason"])
    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE
    assert mail.outbox == []


def test_refused_transition_is_explained(client_for, staff, organization, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(_transition_url(organization, "reinstate"), {"reason": "Why not."})

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["Northern Cells Inc. is already active."]
    assert not MembershipStatusChange.objects.exists()
    assert mail.outbox == []


def test_unknown_transition_is_not_found(client_for, staff, organization):
    response = client_for(staff).get(_transition_url(organization, "explode"))

    assert response.status_code == 404


# The list's actions


def test_suspend_action_first_asks_for_the_reason(client_for, staff, organization, other_organization):
    response = client_for(staff).post(
        CHANGELIST, _action("suspend_selected", organization, other_organization, index=0)
    )

    assert response.status_code == 200
    assert "This applies to these 2:" in response.content.decode()
    assert not Organization.objects.exclude(membership_status=Status.ACTIVE).exists()


def test_suspend_action_without_reason_is_refused(
    client_for, staff, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            CHANGELIST, _action("suspend_selected", organization, apply="yes", reason="")
        )

    assert response.status_code == 400
    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE
    assert mail.outbox == []


def test_lapse_action_changes_each_and_reports_refusals(
    client_for, staff, organization, other_organization, contact, outsider, django_capture_on_commit_callbacks
):
    already = OrganizationFactory(name="Already Lapsed", membership_status=Status.LAPSED)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(
            CHANGELIST,
            _action(
                "mark_lapsed_selected",
                organization,
                other_organization,
                already,
                apply="yes",
                reason="Not renewed.",
            ),
        )

    assert response.status_code == 302
    assert _messages(response) == [
        "Already Lapsed: Already Lapsed is already lapsed.",
        "2 organization(s) marked lapsed.",
    ]
    assert MembershipStatusChange.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["carla@northern-cells.ca", "oscar@prairie-lithium.ca"]


def test_reinstate_action(client_for, staff, suspended_member):
    organization = suspended_member.memberships.get().organization

    response = client_for(staff).post(
        CHANGELIST, _action("reinstate_selected", organization, apply="yes", reason="Fee paid.")
    )

    assert _messages(response) == ["1 organization(s) reinstated."]
    organization.refresh_from_db()
    assert organization.membership_status == Status.ACTIVE


# People inline, history and the read-only records


def _change_form_data(response) -> dict:
    """The change page's form as the browser would send it back, unchanged."""
    data = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = [str(item) for item in value] if isinstance(value, list) else str(value)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for inline_form in formset.forms:
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None and value is not False:
                    data[inline_form.add_prefix(name)] = str(value)
    return data


def test_the_last_contact_cannot_be_removed_in_the_admin(client_for, staff, organization, contact, member):
    client = client_for(staff)
    url = admin_url("organization_change", organization.pk)
    data = _change_form_data(client.get(url))
    contact_row = next(
        key for key, value in data.items() if key.endswith("-user") and value == str(contact.pk)
    )
    data[contact_row.replace("-user", "-DELETE")] = "on"

    response = client.post(url, data)

    assert response.status_code == 200
    assert "Keep at least one organization contact." in response.content.decode()
    assert Membership.objects.filter(organization=organization, user=contact).exists()


def test_staff_saves_the_profile_without_changing_the_status(client_for, staff, suspended_member):
    organization = suspended_member.memberships.get().organization
    client = client_for(staff)
    url = admin_url("organization_change", organization.pk)
    data = _change_form_data(client.get(url))
    data.update(city="Moncton", membership_status="active")

    response = client.post(url, data)

    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.city == "Moncton"
    assert organization.membership_status == Status.SUSPENDED
    assert organization.history.first().history_user == staff


def test_history_cannot_restore_an_old_status(client_for, staff, organization):
    first_version = organization.history.last()
    Organization.objects.filter(pk=organization.pk).update(membership_status=Status.SUSPENDED)

    response = client_for(staff).post(
        admin_url("organization_simple_history", organization.pk, first_version.history_id), {"name": "x"}
    )

    assert response.status_code == 403
    organization.refresh_from_db()
    assert organization.membership_status == Status.SUSPENDED


def test_status_changes_are_read_only(client_for, staff, organization):
    change = MembershipStatusChangeFactory(organization=organization)
    client = client_for(staff)

    assert client.get(admin_url("membershipstatuschange_add")).status_code == 403
    assert client.get(admin_url("membershipstatuschange_changelist")).status_code == 200
    detail = client.get(admin_url("membershipstatuschange_change", change.pk))
    assert detail.status_code == 200
    assert list(detail.context["adminform"].form.fields) == []
    assert (
        client.post(admin_url("membershipstatuschange_delete", change.pk), {"post": "yes"}).status_code == 403
    )
    assert MembershipStatusChange.objects.filter(pk=change.pk).exists()


@pytest.mark.parametrize("count", [5, 50])
def test_membership_list_runs_a_fixed_number_of_queries(
    client_for, staff, count, django_assert_max_num_queries
):
    _organizations_with_people(count)
    client = client_for(staff)

    with django_assert_max_num_queries(10):
        response = client.get(admin_url("membership_changelist"))

    assert response.context["cl"].result_count == count * 2


@pytest.mark.parametrize("count", [5, 50])
def test_status_change_list_runs_a_fixed_number_of_queries(
    client_for, staff, count, django_assert_max_num_queries
):
    _organizations_with_people(count)
    MembershipStatusChange.objects.update(changed_by=staff)
    client = client_for(staff)

    with django_assert_max_num_queries(10):
        response = client.get(admin_url("membershipstatuschange_changelist"))

    assert response.context["cl"].result_count == count


def test_segments_are_listed(client_for, staff):
    response = client_for(staff).get(admin_url("valuechainsegment_changelist"))

    assert response.status_code == 200
    assert "Recycling" in response.content.decode()
