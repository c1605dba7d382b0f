"""Leads (and staff) approve or decline join requests; the requester is told either way."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from apps.core.errors import DomainError
from apps.organizations.models import Organization
from apps.working_groups import services
from apps.working_groups.models import GroupMembership, JoinRequest
from tests.factories import JoinRequestFactory
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, messages_of, person_for


def decide(client, join_request, decision, note=""):
    return client.post(
        group_url("request_decide", join_request.group, join_request.pk), {"decision": decision, "note": note}
    )


def is_member(group, user) -> bool:
    return GroupMembership.objects.filter(group=group, user=user).exists()


@pytest.mark.parametrize("role", ROLES)
def test_who_may_approve(
    role, request, client_for, lead, join_request, group, django_capture_on_commit_callbacks
):
    user = person_for(request, role)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(user), join_request, "approve")

    join_request.refresh_from_db()
    if role in ("lead", "staff"):
        assert response.status_code == 302
        assert response.url == group_url("detail", group) + "#join-requests"
        assert join_request.status == JoinRequest.Status.APPROVED
        assert join_request.decided_by == user
        assert GroupMembership.objects.get(group=group, user=join_request.user).role == "member"
        assert [message.to for message in mail.outbox] == [["mo@northern-cells.ca"]]
        return
    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    else:
        assert response.status_code == 403
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.decided_by is None
    assert not is_member(group, join_request.user)
    assert mail.outbox == []


@pytest.mark.parametrize("role", ["member", "other_lead", "outsider"])
def test_non_leads_cannot_decline(role, request, client_for, lead, join_request, group):
    response = decide(client_for(request.getfixturevalue(role)), join_request, "decline", "No.")

    assert response.status_code == 403
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_approval_welcomes_the_requester(
    client_for, lead, join_request, group, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decide(client_for(lead), join_request, "approve", "Welcome aboard!")

    (message,) = mail.outbox
    assert message.subject == "Welcome to Financing"
    assert "Your request to join the Financing working group was approved. Welcome!" in message.body
    assert "A note from Lea Lead:\nWelcome aboard!" in message.body
    assert "http://127.0.0.1:8000/en/groups/financing/" in message.body
    assert "Welcome aboard!" in message.alternatives[0][0]


def test_approval_shows_a_confirmation_and_the_new_member(client_for, lead, join_request, group):
    response = client_for(lead).post(
        group_url("request_decide", group, join_request.pk), {"decision": "approve"}, follow=True
    )

    assert messages_of(response) == ["Mo Member is now a member of the group."]
    assert [m.user.full_name for m in response.context["memberships"]] == ["Lea Lead", "Mo Member"]
    assert response.context["join_requests"] == []


def test_decline_tells_the_requester_with_the_note(
    client_for, lead, join_request, group, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(
            group_url("request_decide", group, join_request.pk),
            {"decision": "decline", "note": "We are full until spring."},
            follow=True,
        )

    assert messages_of(response) == ["You declined the request of Mo Member."]
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decision_note) == (
        JoinRequest.Status.DECLINED,
        "We are full until spring.",
    )
    assert not is_member(group, join_request.user)
    (message,) = mail.outbox
    assert message.to == ["mo@northern-cells.ca"]
    assert message.subject == "Your request to join Financing"
    assert "was declined" in message.body
    assert "We are full until spring." in message.body
    assert "http://127.0.0.1:8000/en/groups/" in message.body


def test_double_approval_approves_once(
    client_for, lead, join_request, group, django_capture_on_commit_callbacks
):
    client = client_for(lead)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        first = decide(client, join_request, "approve")
        second = decide(client, join_request, "approve")

    assert first.status_code == 302
    assert second.status_code == 400
    assert messages_of(second)[-1] == "This request was already decided."
    assert GroupMembership.objects.filter(group=group, user=join_request.user).count() == 1
    assert len(mail.outbox) == 1


def test_decline_after_approval_is_refused(client_for, lead, join_request, group):
    decide(client_for(lead), join_request, "approve")

    response = decide(client_for(lead), join_request, "decline")

    assert response.status_code == 400
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED
    assert is_member(group, join_request.user)


def test_service_claims_the_request_once_even_from_a_stale_copy(lead, join_request, group):
    stale_copy = JoinRequest.objects.get(pk=join_request.pk)
    services.join_request_approve(join_request=join_request, decided_by=lead)

    with pytest.raises(DomainError, match="already decided"):
        services.join_request_decline(join_request=stale_copy, decided_by=lead)

    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.APPROVED


def test_request_of_another_group_is_not_found(client_for, lead, other_group, member):
    other_request = JoinRequestFactory(group=other_group, user=member)

    response = client_for(lead).post(
        group_url("request_decide", lead.group_memberships.get().group, other_request.pk),
        {"decision": "approve"},
    )

    assert response.status_code == 404
    other_request.refresh_from_db()
    assert other_request.status == JoinRequest.Status.PENDING


def test_overlong_note_is_refused(client_for, lead, join_request, group, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(lead), join_request, "decline", "x" * 501)

    assert response.status_code == 400
    assert response.context["decision_form"].errors["note"] == [
        "Ensure this value has at most 500 characters (it has 501)."
    ]
    assert "Ensure this value has at most 500 characters" in response.content.decode()
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert mail.outbox == []


@pytest.mark.parametrize("decision", ["", "maybe"])
def test_missing_or_unknown_decision_is_refused(client_for, lead, join_request, decision):
    response = decide(client_for(lead), join_request, decision)

    assert response.status_code == 400
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING


def test_requester_of_a_suspended_organization_cannot_be_approved(
    client_for, lead, outsider, group, django_capture_on_commit_callbacks
):
    join_request = JoinRequestFactory(group=group, user=outsider)
    Organization.objects.filter(memberships__user=outsider).update(
        membership_status=Organization.Status.SUSPENDED
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client_for(lead), join_request, "approve")

    assert response.status_code == 400
    assert messages_of(response) == [
        "Oscar Outsider is no longer with an active member organization; decline the request instead."
    ]
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.PENDING
    assert join_request.decided_by is None
    assert not is_member(group, outsider)
    assert mail.outbox == []


def test_deactivated_lead_is_not_a_manager_for_the_service(lead, join_request):
    lead.is_active = False
    lead.save()

    with pytest.raises(PermissionDenied):
        services.join_request_approve(join_request=join_request, decided_by=lead)


def test_decide_is_post_only(client_for, lead, join_request, group):
    response = client_for(lead).get(group_url("request_decide", group, join_request.pk))

    assert response.status_code == 405


def test_staff_who_is_not_in_the_group_can_decide(client_for, staff, join_request, group):
    assert not is_member(group, staff)

    response = decide(client_for(staff), join_request, "decline")

    assert response.status_code == 302


def test_requester_already_added_by_a_lead_is_approved_without_a_duplicate(lead, join_request, group):
    GroupMembership.objects.create(group=group, user=join_request.user)

    services.join_request_approve(join_request=join_request, decided_by=lead)

    assert GroupMembership.objects.filter(group=group, user=join_request.user).count() == 1
