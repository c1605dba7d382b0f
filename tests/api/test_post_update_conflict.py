"""Two people updating the same action never lose an update silently: a post based on an old
version gets a 409 and writes nothing; reading the action again gives the version to resend."""

from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from tests.api.helpers import action_url, updates_url, valid_update
from tests.roadmap.factories import StatusUpdateFactory


def test_post_based_on_an_old_version_gets_409_and_writes_nothing(api_client_for, lead, owner, action):
    seen_version = action.version
    StatusUpdateFactory(action=action, author=owner, status=Status.AT_RISK)
    action.refresh_from_db()

    response = api_client_for(lead).post(
        updates_url(action.code), valid_update(action, version=seen_version), format="json"
    )

    assert response.status_code == 409
    assert response.json() == {
        "detail": "Someone posted an update after version 1. Read the action again and resend your "
        "update with its current version.",
        "code": "conflict",
        "fields": {},
    }
    assert StatusUpdate.objects.count() == 1
    assert not Event.objects.exists()
    assert Action.objects.get(pk=action.pk).status == Status.AT_RISK
    assert Action.objects.get(pk=action.pk).version == action.version


def test_second_of_two_posts_from_the_same_version_gets_409(api_client_for, lead, owner, action):
    first = api_client_for(owner).post(updates_url(action.code), valid_update(action), format="json")
    second = api_client_for(lead).post(
        updates_url(action.code), valid_update(action, status=Status.BLOCKED, percent_done=20), format="json"
    )

    assert (first.status_code, second.status_code) == (201, 409)
    assert list(StatusUpdate.objects.values_list("author", "status")) == [(owner.pk, Status.ON_TRACK)]
    assert Event.objects.count() == 1


def test_resending_with_the_version_read_again_succeeds(api_client_for, lead, owner, action):
    api_client_for(owner).post(updates_url(action.code), valid_update(action), format="json")
    client = api_client_for(lead)
    refused = client.post(updates_url(action.code), valid_update(action, summary="Mine"), format="json")

    current_version = client.get(action_url(action.code)).json()["version"]
    accepted = client.post(
        updates_url(action.code), valid_update(action, summary="Mine", version=current_version), format="json"
    )

    assert (refused.status_code, accepted.status_code) == (409, 201)
    assert accepted.json()["action_version"] == current_version + 1
    assert StatusUpdate.objects.count() == 2


def test_the_version_in_a_created_update_chains_to_the_next(api_client_for, lead, action):
    client = api_client_for(lead)
    first = client.post(updates_url(action.code), valid_update(action), format="json").json()

    second = client.post(
        updates_url(action.code),
        valid_update(action, version=first["action_version"], status=Status.DONE, percent_done=100),
        format="json",
    )

    assert second.status_code == 201
    assert Action.objects.get(pk=action.pk).status == Status.DONE
