"""Who may post a status update through the API: the same rule as the page
(permissions.can_post_update): leads of the owning group, the action's owner, and staff. A refused
post writes nothing: no update, no change to the action, no event."""

import pytest

from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from tests.api.helpers import action_url, updates_url, valid_update


def assert_nothing_written(action):
    action_now = Action.objects.get(pk=action.pk)
    assert (action_now.status, action_now.percent_done, action_now.version) == (
        Status.NOT_STARTED,
        0,
        action.version,
    )
    assert not StatusUpdate.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.parametrize("role", ["lead", "owner", "staff"])
def test_lead_owner_and_staff_post_an_update(request, api_client_for, action, role):
    author = request.getfixturevalue(role)

    response = api_client_for(author).post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 201
    update = StatusUpdate.objects.get()
    assert (update.author, update.status, update.percent_done) == (author, Status.ON_TRACK, 40)
    assert update.evidence_links == ["https://example.ca/term-sheet"]
    action.refresh_from_db()
    assert (action.status, action.percent_done, action.version) == (Status.ON_TRACK, 40, 2)
    assert Event.objects.get().kind == Event.Kind.STATUS_UPDATED
    body = response.json()
    assert body["id"] == update.pk
    assert body["action"] == "FIN-2"
    assert body["action_version"] == 2
    assert body["previous"] == {"status": "not_started", "percent_done": 0}
    assert body["author"] == {"id": author.pk, "full_name": author.full_name}


@pytest.mark.parametrize("role", ["member", "contact", "other_lead", "outsider"])
def test_other_members_get_403_and_nothing_is_written(request, api_client_for, action, role):
    client = api_client_for(request.getfixturevalue(role))

    response = client.post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 403
    assert response.json() == {
        "detail": "Only the owning working group's leads, the action's owner and the secretariat "
        "post updates.",
        "code": "permission_denied",
        "fields": {},
    }
    assert_nothing_written(action)


def test_person_of_suspended_organization_gets_403(api_client_for, suspended_member, action):
    response = api_client_for(suspended_member).post(
        updates_url(action.code), valid_update(action), format="json"
    )

    assert response.status_code == 403
    assert_nothing_written(action)


def test_owner_whose_organization_is_suspended_gets_403(api_client_for, owner, organization, action):
    organization.membership_status = organization.Status.SUSPENDED
    organization.save()

    response = api_client_for(owner).post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 403
    assert_nothing_written(action)


def test_anonymous_caller_gets_401(api_client_for, action):
    response = api_client_for(None).post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 401
    assert_nothing_written(action)


def test_unknown_action_code_gets_404_before_any_permission_check(api_client_for, member, action):
    response = api_client_for(member).post(updates_url("FIN-99"), valid_update(action), format="json")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert_nothing_written(action)


def test_lead_who_left_the_group_can_no_longer_post(api_client_for, lead, group, action):
    group.group_memberships.filter(user=lead).delete()

    response = api_client_for(lead).post(updates_url(action.code), valid_update(action), format="json")

    assert response.status_code == 403
    assert_nothing_written(action)


def test_action_detail_tells_each_person_whether_they_may_post(api_client_for, lead, member, action):
    assert api_client_for(lead).get(action_url(action.code)).json()["can_post_update"] is True
    assert api_client_for(member).get(action_url(action.code)).json()["can_post_update"] is False
