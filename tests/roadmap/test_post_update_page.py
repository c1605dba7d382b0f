"""Posting a status update from the action's page: who may, bad input, the plain and HTMX answers."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.core.models import Event
from apps.roadmap.models import Action, Status, StatusUpdate
from tests.roadmap.factories import StatusUpdateFactory
from tests.roadmap.pages_helpers import detail_url, login_redirect, post_url, update_data, user_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "expected_status"),
    [
        ("anonymous", 302),
        ("suspended_member", 302),
        ("member", 403),
        ("other_lead", 403),
        ("outsider", 403),
        ("lead", 302),
        ("owner", 302),
        ("staff", 302),
    ],
)
def test_who_may_post_an_update(request, client_for, action, role, expected_status):
    user = user_for(request, role)

    response = client_for(user).post(post_url(action), update_data(action))

    assert response.status_code == expected_status
    allowed = role in ("lead", "owner", "staff")
    assert StatusUpdate.objects.count() == (1 if allowed else 0)
    assert Event.objects.count() == (1 if allowed else 0)
    action.refresh_from_db()
    assert action.status == (Status.ON_TRACK if allowed else Status.NOT_STARTED)
    assert mail.outbox == []
    if role == "anonymous":
        assert response["Location"] == login_redirect(post_url(action))
    elif role == "suspended_member":
        assert response["Location"] == reverse("organizations:membership_status")
    elif allowed:
        assert response["Location"] == f"{detail_url(action)}#updates"


def test_lead_posts_an_update_and_the_page_shows_it(client_for, lead, action):
    client = client_for(lead)

    response = client.post(
        post_url(action),
        update_data(
            action,
            blockers="Provincial data arrives late.",
            asks="An introduction to the finance ministry.",
            next_steps="Draft the alignment note.",
            evidence_links="https://example.ca/map.pdf\n\n  https://example.ca/gaps  \n",
        ),
        follow=True,
    )

    assert response.status_code == 200
    update = StatusUpdate.objects.get()
    assert (update.author, update.status, update.percent_done) == (lead, Status.ON_TRACK, 40)
    assert update.summary == "Funding programs mapped; two gaps found."
    assert update.evidence_links == ["https://example.ca/map.pdf", "https://example.ca/gaps"]
    assert (update.previous_status, update.previous_percent_done) == (Status.NOT_STARTED, 0)
    action.refresh_from_db()
    assert (action.status, action.percent_done, action.version) == (Status.ON_TRACK, 40, 2)
    content = response.content.decode()
    assert "Your update of FIN-1 is posted." in content
    assert "Funding programs mapped; two gaps found." in content
    assert "Provincial data arrives late." in content
    assert 'href="https://example.ca/map.pdf"' in content


def _assert_nothing_written(action):
    assert StatusUpdate.objects.count() == 0
    assert Event.objects.count() == 0
    action.refresh_from_db()
    assert (action.status, action.percent_done, action.version) == (Status.NOT_STARTED, 0, 1)


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"percent_done": 101}, "percent_done", "Ensure this value is less than or equal to 100."),
        ({"percent_done": -1}, "percent_done", "Ensure this value is greater than or equal to 0."),
        ({"percent_done": "half"}, "percent_done", "Enter a whole number."),
        (
            {"status": "finished"},
            "status",
            "Select a valid choice. finished is not one of the available choices.",
        ),
        ({"status": Status.DONE, "percent_done": 90}, "percent_done", "An action is done only at 100%."),
        (
            {"status": Status.ON_TRACK, "percent_done": 100},
            "status",
            "At 100% the action is done: choose “Done”.",
        ),
        (
            {"status": Status.NOT_STARTED, "percent_done": 10},
            "percent_done",
            "An action that has not started is at 0%.",
        ),
        ({"summary": ""}, "summary", "This field is required."),
        ({"summary": "   "}, "summary", "This field is required."),
        (
            {"summary": "x" * 5001},
            "summary",
            "Ensure this value has at most 5000 characters (it has 5001).",
        ),
        (
            {"blockers": "x" * 5001},
            "blockers",
            "Ensure this value has at most 5000 characters (it has 5001).",
        ),
        (
            {"evidence_links": "https://example.ca/ok\nnot a link"},
            "evidence_links",
            "“not a link” is not a web address (https://…) of at most 500 characters.",
        ),
        (
            {"evidence_links": "javascript:alert(1)"},
            "evidence_links",
            "“javascript:alert(1)” is not a web address (https://…) of at most 500 characters.",
        ),
        (
            {"evidence_links": "\n".join(f"https://example.ca/{number}" for number in range(11))},
            "evidence_links",
            "Give at most 10 links to evidence.",
        ),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(
    client_for, lead, action, overrides, field, message
):
    response = client_for(lead).post(post_url(action), update_data(action, **overrides))

    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    _assert_nothing_written(action)


def test_a_form_without_its_version_asks_to_reload(client_for, lead, action):
    data = update_data(action)
    del data["version"]

    response = client_for(lead).post(post_url(action), data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == [
        "This form is out of date. Reload the page and post again."
    ]
    assert "This form is out of date." in response.content.decode()
    _assert_nothing_written(action)


def test_bad_input_keeps_what_was_typed(client_for, lead, action):
    response = client_for(lead).post(
        post_url(action), update_data(action, percent_done=101, next_steps="Meet the banks in May.")
    )

    content = response.content.decode()
    assert "Meet the banks in May." in content
    assert "Funding programs mapped; two gaps found." in content


def test_unknown_action_code_answers_404(client_for, lead, action):
    url = reverse("roadmap:action_post_update", kwargs={"code": "NOPE-9"})

    response = client_for(lead).post(url, update_data(action))

    assert response.status_code == 404
    _assert_nothing_written(action)


def test_get_on_the_post_address_is_not_allowed(client_for, lead, action):
    assert client_for(lead).get(post_url(action)).status_code == 405


def test_htmx_post_returns_the_updates_region_with_the_new_update(client_for, lead, action):
    response = client_for(lead).post(post_url(action), update_data(action), headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert [template.name for template in response.templates][0] == "roadmap/_action_updates.html"
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="action-updates"')
    assert "<html" not in content
    assert "Your update of FIN-1 is posted." in content
    assert "Funding programs mapped; two gaps found." in content
    # A fresh form, carrying the new version, ready for the next update.
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial["version"] == 2
    assert form.initial["seen_update"] == StatusUpdate.objects.get().pk
    assert StatusUpdate.objects.count() == 1


def test_htmx_post_with_bad_input_returns_the_region_with_errors(client_for, lead, action):
    response = client_for(lead).post(
        post_url(action), update_data(action, percent_done=101), headers={"HX-Request": "true"}
    )

    assert response.status_code == 400
    assert [template.name for template in response.templates][0] == "roadmap/_action_updates.html"
    assert "Ensure this value is less than or equal to 100." in response.content.decode()
    _assert_nothing_written(action)


def test_refused_htmx_post_gets_403_and_writes_nothing(client_for, member, action):
    response = client_for(member).post(post_url(action), update_data(action), headers={"HX-Request": "true"})

    assert response.status_code == 403
    _assert_nothing_written(action)


def test_post_based_on_an_old_version_is_a_conflict_that_keeps_the_typed_text(
    client_for, lead, owner, action
):
    # Given the lead opened the form, then the owner posted first.
    form_shown = update_data(action, summary="My careful summary of the month.", asks="Help with banks.")
    StatusUpdateFactory(action=action, author=owner, status=Status.AT_RISK, summary="Owner's news first.")

    # When the lead posts the form they opened before.
    response = client_for(lead).post(post_url(action), form_shown)

    # Then nothing is written, and the page says why, shows the newer update and keeps the text.
    assert response.status_code == 409
    assert StatusUpdate.objects.count() == 1
    assert Event.objects.count() == 0
    action.refresh_from_db()
    assert (action.status, action.version) == (Status.AT_RISK, 2)
    content = response.content.decode()
    assert "Someone updated this action first." in content
    assert [update.summary for update in response.context["newer_updates"]] == ["Owner's news first."]
    assert content.index("Owner&#x27;s news first.") < content.index("My careful summary of the month.")
    form = response.context["form"]
    assert form["summary"].value() == "My careful summary of the month."
    assert form["asks"].value() == "Help with banks."
    # The form now carries the current version: posting again is a deliberate second try.
    assert int(form["version"].value()) == 2


def test_posting_again_after_a_conflict_succeeds(client_for, lead, owner, action):
    client = client_for(lead)
    form_shown = update_data(action)
    StatusUpdateFactory(action=action, author=owner, status=Status.AT_RISK)
    conflict = client.post(post_url(action), form_shown)
    kept = conflict.context["form"]
    second_try = {name: kept[name].value() or "" for name in kept.fields}

    response = client.post(post_url(action), second_try)

    assert response.status_code == 302
    assert StatusUpdate.objects.count() == 2
    assert Action.objects.get(pk=action.pk).status == Status.ON_TRACK


def test_htmx_conflict_returns_the_region_with_409(client_for, lead, owner, action):
    form_shown = update_data(action, summary="Typed before the conflict.")
    StatusUpdateFactory(action=action, author=owner, summary="Newer from the owner.")

    response = client_for(lead).post(post_url(action), form_shown, headers={"HX-Request": "true"})

    assert response.status_code == 409
    assert [template.name for template in response.templates][0] == "roadmap/_action_updates.html"
    content = response.content.decode()
    assert "Typed before the conflict." in content
    assert "Newer from the owner." in content


def test_conflict_shows_only_the_updates_after_the_one_seen(client_for, lead, owner, action):
    seen = StatusUpdateFactory(action=action, author=owner, summary="Seen when the form opened.")
    action.refresh_from_db()
    form_shown = update_data(action, seen_update=seen.pk)
    StatusUpdateFactory(action=action, author=owner, status=Status.BLOCKED, summary="Posted meanwhile.")

    response = client_for(lead).post(post_url(action), form_shown)

    assert response.status_code == 409
    assert [update.summary for update in response.context["newer_updates"]] == ["Posted meanwhile."]
