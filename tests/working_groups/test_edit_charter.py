"""Leads and staff edit a group's summary and charter; every version stays in the history."""

import pytest

from apps.working_groups.models import WorkingGroup
from tests.working_groups.helpers import ROLES, assert_kept_out, group_url, messages_of, person_for

NEW_CHARTER = {
    "version": 1,
    "summary_en": "Capital for batteries.",
    "charter_en": "Purpose\nFund the sector.\n\nGoal\n$3B.",
}


def charter_of(group):
    group.refresh_from_db()
    return group.summary, group.charter


@pytest.mark.parametrize("role", ROLES)
def test_who_may_open_the_edit_page(role, request, client_for, lead, group):
    user = person_for(request, role)

    response = client_for(user).get(group_url("edit", group))

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    elif role in ("lead", "staff"):
        assert response.status_code == 200
        html = response.content.decode()
        assert "<h1>Edit the charter of Financing</h1>" in html
        assert '<label for="id_summary_en">Summary in English' in html
        assert '<label for="id_charter_en">Charter in English' in html
        assert "We meet monthly." in html
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_who_may_save_the_charter(role, request, client_for, lead, group):
    user = person_for(request, role)

    response = client_for(user).post(group_url("edit", group), NEW_CHARTER)

    if role in ("lead", "staff"):
        assert response.status_code == 302
        assert response.url == group_url("detail", group)
        assert charter_of(group) == (NEW_CHARTER["summary_en"], NEW_CHARTER["charter_en"])
        return
    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role)
    else:
        assert response.status_code == 403
    assert charter_of(group) == ("A group of the alliance.", "We meet monthly.")


def test_saving_confirms_records_history_and_shows_line_breaks(client_for, lead, group):
    response = client_for(lead).post(group_url("edit", group), NEW_CHARTER, follow=True)

    assert messages_of(response) == ["The charter was saved."]
    assert "<p>Purpose<br>Fund the sector.</p>" in response.content.decode()
    latest = group.history.latest()
    assert (latest.charter, latest.history_user) == (NEW_CHARTER["charter_en"], lead)
    assert group.history.count() == 2


@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        (
            {"version": 1, "summary_en": "x" * 301, "charter_en": "ok"},
            "summary_en",
            "at most 300 characters (it has 301)",
        ),
        (
            {"version": 1, "summary_en": "ok", "charter_en": "x" * 20001},
            "charter_en",
            "at most 20000 characters (it has 20001)",
        ),
    ],
)
def test_overlong_text_is_refused(data, field, error, client_for, lead, group):
    response = client_for(lead).post(group_url("edit", group), data)

    assert response.status_code == 400
    assert any(error in message for message in response.context["form"].errors[field])
    assert error in response.content.decode()
    assert charter_of(group) == ("A group of the alliance.", "We meet monthly.")
    assert group.history.count() == 1


def test_an_empty_charter_is_allowed(client_for, lead, group):
    response = client_for(lead).post(
        group_url("edit", group), {"version": 1, "summary_en": "", "charter_en": ""}
    )

    assert response.status_code == 302
    assert charter_of(group) == ("", "")


def test_lead_of_a_closed_group_cannot_edit_it(client_for, lead, group):
    WorkingGroup.objects.filter(pk=group.pk).update(is_active=False)

    response = client_for(lead).post(group_url("edit", group), NEW_CHARTER)

    assert response.status_code == 404
    assert charter_of(group) == ("A group of the alliance.", "We meet monthly.")
