"""Asking to join a group: who may, what is refused, and the e-mail the leads get."""

import pytest
from django.core import mail

from apps.core.errors import DomainError
from apps.working_groups import services
from apps.working_groups.models import GroupMembership, JoinRequest
from tests.factories import GroupMembershipFactory, JoinRequestFactory, MembershipFactory, UserFactory
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, messages_of, person_for


@pytest.mark.parametrize("role", ROLES)
def test_who_may_ask_to_join(role, request, client_for, group, lead, django_capture_on_commit_callbacks):
    user = person_for(request, role)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(group_url("join", group), {"message": "Count me in."})

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
        assert not JoinRequest.objects.exists()
        assert mail.outbox == []
    elif role == "lead":
        assert response.status_code == 400
        assert messages_of(response) == ["You are already in this group."]
        assert not JoinRequest.objects.exists()
        assert mail.outbox == []
    else:
        assert response.status_code == 302
        assert response.url == group_url("detail", group)
        join_request = JoinRequest.objects.get()
        assert (join_request.user, join_request.status, join_request.message) == (
            user,
            JoinRequest.Status.PENDING,
            "Count me in.",
        )
        assert [message.to for message in mail.outbox] == [["lea@northern-cells.ca"]]


def test_asking_confirms_and_shows_the_request_as_waiting(client_for, member, lead, group):
    response = client_for(member).post(group_url("join", group), {"message": ""}, follow=True)

    assert messages_of(response) == ["Your request to join Financing was sent to its leads."]
    assert "Your request to join is waiting for a lead" in response.content.decode()
    assert JoinRequest.objects.get().message == ""


def test_every_lead_is_told_in_their_own_message(
    client_for, member, lead, group, other_organization, django_capture_on_commit_callbacks
):
    second = UserFactory(full_name="Second Lead", email="second@prairie-lithium.ca")
    MembershipFactory(user=second, organization=other_organization)
    GroupMembershipFactory(group=group, user=second, role=GroupMembership.Role.LEAD)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        client_for(member).post(
            group_url("join", group), {"message": "I run our financing file.\nHappy to help."}
        )

    assert sorted(message.to[0] for message in mail.outbox) == [
        "lea@northern-cells.ca",
        "second@prairie-lithium.ca",
    ]
    message = next(message for message in mail.outbox if message.to == ["lea@northern-cells.ca"])
    assert message.subject == "Mo Member asks to join Financing"
    assert "Hello Lea," in message.body
    assert "Mo Member (Northern Cells Inc.) asks to join the Financing working group" in message.body
    assert "I run our financing file.\nHappy to help." in message.body
    assert "http://127.0.0.1:8000/en/groups/financing/#join-requests" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "I run our financing file.<br>Happy to help." in html


def test_group_member_cannot_ask_again(client_for, group_member, group):
    response = client_for(group_member).post(group_url("join", group), {"message": "Again"})

    assert response.status_code == 400
    assert messages_of(response) == ["You are already in this group."]
    assert not JoinRequest.objects.exists()


def test_a_second_request_while_one_waits_is_refused(
    client_for, member, lead, join_request, group, django_capture_on_commit_callbacks
):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(group_url("join", group), {"message": "Hello?"})

    assert response.status_code == 400
    assert messages_of(response) == ["You already asked to join this group; a lead will answer your request."]
    assert JoinRequest.objects.count() == 1
    assert mail.outbox == []


def test_asking_again_after_a_decline_is_allowed(client_for, member, lead, group):
    JoinRequestFactory(group=group, user=member, status=JoinRequest.Status.DECLINED)

    response = client_for(member).post(group_url("join", group), {"message": "Things changed."})

    assert response.status_code == 302
    assert JoinRequest.objects.filter(status=JoinRequest.Status.PENDING).count() == 1


def test_overlong_message_is_refused(client_for, member, lead, group, django_capture_on_commit_callbacks):
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(group_url("join", group), {"message": "x" * 2001})

    assert response.status_code == 400
    assert response.context["join_form"].errors["message"] == [
        "Ensure this value has at most 2000 characters (it has 2001)."
    ]
    assert "Ensure this value has at most 2000 characters" in response.content.decode()
    assert not JoinRequest.objects.exists()
    assert mail.outbox == []


def test_join_is_post_only(client_for, member, group):
    response = client_for(member).get(group_url("join", group))

    assert response.status_code == 405


def test_closed_group_cannot_be_joined(client_for, member, group):
    group.is_active = False
    group.save()

    response = client_for(member).post(group_url("join", group), {"message": ""})

    assert response.status_code == 404
    assert not JoinRequest.objects.exists()


def test_service_refuses_people_who_are_not_portal_members(suspended_member, group):
    with pytest.raises(DomainError) as refused:
        services.join_request_create(group=group, user=suspended_member, message="")

    assert refused.value.message == "Only people of an active member organization can join a working group."
    assert not JoinRequest.objects.exists()
