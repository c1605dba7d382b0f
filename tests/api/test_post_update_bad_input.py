"""Bad input to a status update gets a 400 with a message for each field to correct, and writes
nothing: no update, no change to the action, no event."""

import pytest

from apps.core.models import Event
from apps.roadmap.models import Action, StatusUpdate
from tests.api.helpers import updates_url, valid_update


@pytest.fixture
def post_as_lead(api_client_for, lead, action):
    client = api_client_for(lead)

    def post(payload, **kwargs):
        return client.post(updates_url(action.code), payload, format="json", **kwargs)

    return post


def assert_nothing_written(action):
    assert Action.objects.get(pk=action.pk).version == action.version
    assert not StatusUpdate.objects.exists()
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"percent_done": 101}, "percent_done", "Percent done is between 0 and 100."),
        ({"percent_done": -1}, "percent_done", "Percent done is between 0 and 100."),
        ({"percent_done": "a lot"}, "percent_done", "Percent done is a whole number from 0 to 100."),
        (
            {"status": "finished"},
            "status",
            "“finished” is not a status. Use not_started, on_track, at_risk, blocked or done.",
        ),
        ({"status": "done", "percent_done": 90}, "percent_done", "An action is done only at 100%."),
        ({"status": "on_track", "percent_done": 100}, "status", "At 100% the action is done: choose “Done”."),
        (
            {"status": "not_started", "percent_done": 10},
            "percent_done",
            "An action that has not started is at 0%.",
        ),
        (
            {"status": "at_risk", "percent_done": 0},
            "status",
            "At 0% the action has not started: choose “Not started”.",
        ),
        ({"summary": ""}, "summary", "Write a short summary of what changed."),
        ({"summary": "   "}, "summary", "Write a short summary of what changed."),
        ({"summary": "x" * 5001}, "summary", "Keep this to at most 5000 characters."),
        ({"blockers": "x" * 5001}, "blockers", "Keep this to at most 5000 characters."),
        ({"asks": "x" * 5001}, "asks", "Keep this to at most 5000 characters."),
        ({"next_steps": "x" * 5001}, "next_steps", "Keep this to at most 5000 characters."),
        ({"version": 0}, "version", "Ensure this value is greater than or equal to 1."),
        ({"version": "old"}, "version", "A valid integer is required."),
    ],
)
def test_bad_field_gets_400_with_its_message(post_as_lead, action, changes, field, message):
    response = post_as_lead(valid_update(action, **changes))

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"] == {field: [message]}
    assert body["detail"] == message
    assert_nothing_written(action)


@pytest.mark.parametrize("field", ["version", "status", "percent_done", "summary"])
def test_missing_required_field_gets_400(post_as_lead, action, field):
    payload = valid_update(action)
    del payload[field]

    response = post_as_lead(payload)

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert_nothing_written(action)


def test_every_bad_field_is_reported_at_once(post_as_lead, action):
    response = post_as_lead(
        {"version": action.version, "status": "finished", "percent_done": 101, "summary": ""}
    )

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"status", "percent_done", "summary"}
    assert_nothing_written(action)


@pytest.mark.parametrize(
    ("links", "message"),
    [
        (["not a link"], "“not a link” is not a web address (https://…) of at most 500 characters."),
        (
            ["ftp://example.ca/report.pdf"],
            "“ftp://example.ca/report.pdf” is not a web address (https://…) of at most 500 characters.",
        ),
        (["javascript:alert(1)"], "“javascript:alert(1)” is not a web address"),
        (["https://example.ca/" + "x" * 500], "is not a web address (https://…) of at most 500 characters."),
        ([f"https://example.ca/{index}" for index in range(11)], "Give at most 10 links to evidence."),
        ("https://example.ca/one-link-not-a-list", 'Expected a list of items but got type "str".'),
    ],
)
def test_bad_evidence_links_get_400(post_as_lead, action, links, message):
    response = post_as_lead(valid_update(action, evidence_links=links))

    assert response.status_code == 400
    fields = response.json()["fields"]
    assert list(fields) == ["evidence_links"]
    assert message in str(fields["evidence_links"])
    assert_nothing_written(action)


def test_a_body_that_is_not_json_gets_400(api_client_for, lead, action):
    client = api_client_for(lead)

    response = client.post(updates_url(action.code), "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert_nothing_written(action)


def test_blank_links_are_dropped(api_client_for, lead, action):
    payload = valid_update(action, evidence_links=["  https://example.ca/a ", "", "  "])

    response = api_client_for(lead).post(updates_url(action.code), payload, format="json")

    assert response.status_code == 201
    assert StatusUpdate.objects.get().evidence_links == ["https://example.ca/a"]


def test_a_form_encoded_body_works_as_well(api_client_for, lead, action):
    payload = valid_update(action)
    del payload["evidence_links"]

    response = api_client_for(lead).post(updates_url(action.code), payload)

    assert response.status_code == 201
    assert StatusUpdate.objects.get().evidence_links == []
