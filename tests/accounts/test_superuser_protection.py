"""Secretariat staff cannot take over a superuser, nor give anyone more rights than they have.

Staff hold `change_user` to look after ordinary people. Only a superuser changes a superuser (its
change, password, delete and history forms, the list actions), sets staff or superuser status,
changes groups or hands out single permissions. Each path is tried as staff and as a superuser.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import User
from apps.core.secretariat import SECRETARIAT_GROUP
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

USERS_URL = reverse("admin:accounts_user_changelist")
NEW_PASSWORD = "a-brand-new-long-password"


@pytest.fixture
def root(db):
    """The superuser the actor tries to change."""
    return UserFactory(full_name="Ada Root", email="ada@alliance.ca", is_staff=True, is_superuser=True)


def password_url(person) -> str:
    return reverse("admin:auth_user_password_change", args=[person.pk])


def change_url(person) -> str:
    return reverse("admin:accounts_user_change", args=[person.pk])


def account_state(person) -> tuple:
    person = User.objects.get(pk=person.pk)
    return (
        person.email,
        person.password,
        person.is_active,
        person.is_staff,
        person.is_superuser,
        sorted(person.groups.values_list("name", flat=True)),
        sorted(person.user_permissions.values_list("codename", flat=True)),
    )


def change_form_data(person, **changes) -> dict:
    """What the change form posts, with `changes` on top (a crafted POST may add any field)."""
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "job_title": person.job_title,
        "preferred_language": person.preferred_language,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "group_memberships-TOTAL_FORMS": "0",
        "group_memberships-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def a_single_permission() -> Permission:
    return Permission.objects.get(codename="delete_organization")


@pytest.mark.parametrize(("actor", "expected"), [("staff", 403), ("superuser", 200)])
def test_only_a_superuser_opens_a_superusers_password_form(request, client_for, root, actor, expected):
    response = client_for(request.getfixturevalue(actor)).get(password_url(root))

    assert response.status_code == expected


@pytest.mark.parametrize(("actor", "expected"), [("staff", 403), ("superuser", 302)])
def test_only_a_superuser_sets_a_superusers_password(request, client_for, root, actor, expected):
    before = account_state(root)

    response = client_for(request.getfixturevalue(actor)).post(
        password_url(root),
        {
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
            "set-password": "1",
        },
    )

    assert response.status_code == expected
    root.refresh_from_db()
    assert root.check_password(NEW_PASSWORD) is (expected == 302)
    if expected == 403:
        assert account_state(root) == before


def test_staff_still_set_an_ordinary_persons_password(client_for, staff, member):
    response = client_for(staff).post(
        password_url(member),
        {
            "password1": NEW_PASSWORD,
            "password2": NEW_PASSWORD,
            "usable_password": "true",
            "set-password": "1",
        },
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(("actor", "can_change"), [("staff", False), ("superuser", True)])
def test_staff_see_a_superusers_page_read_only(request, client_for, root, actor, can_change):
    response = client_for(request.getfixturevalue(actor)).get(change_url(root))

    assert response.status_code == 200
    assert response.context["has_change_permission"] is can_change
    assert ("email" in response.context["adminform"].form.fields) is can_change
    assert ("Reset password" in response.content.decode()) is can_change


@pytest.mark.parametrize(("actor", "expected"), [("staff", 403), ("superuser", 302)])
@pytest.mark.parametrize(
    "crafted",
    [
        {"email": "taken-over@attacker.example"},
        {"is_active": "", "is_staff": "", "is_superuser": ""},
        {"is_superuser": "on", "is_staff": ""},
    ],
    ids=["email", "switch-off", "untick-staff"],
)
def test_only_a_superuser_changes_a_superusers_account(request, client_for, root, actor, expected, crafted):
    root.groups.add(_secretariat_group())
    before = account_state(root)

    response = client_for(request.getfixturevalue(actor)).post(
        change_url(root), change_form_data(root, **crafted)
    )

    assert response.status_code == expected
    if expected == 403:
        assert account_state(root) == before
    else:
        assert account_state(root) != before


def test_a_crafted_post_from_staff_grants_nothing(client_for, staff, member):
    """is_staff, is_superuser, groups and user_permissions are read-only for staff: posted values
    are ignored while the rest of the form is saved."""
    data = change_form_data(
        member,
        full_name="Mo Renamed",
        is_staff="on",
        is_superuser="on",
        groups=[_secretariat_group().pk],
        user_permissions=[a_single_permission().pk],
    )

    response = client_for(staff).post(change_url(member), data)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.full_name == "Mo Renamed"
    assert (member.is_staff, member.is_superuser) == (False, False)
    assert not member.groups.exists()
    assert not member.user_permissions.exists()


def test_staff_cannot_raise_their_own_rights(client_for, staff):
    data = change_form_data(
        staff, is_staff="on", is_superuser="on", user_permissions=[a_single_permission().pk]
    )

    response = client_for(staff).post(change_url(staff), data)

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.is_superuser is False
    assert not staff.user_permissions.exists()


def test_staff_cannot_take_a_colleague_out_of_the_secretariat(client_for, staff):
    colleague = UserFactory(full_name="Colin Colleague", is_staff=True)
    colleague.groups.add(_secretariat_group())

    response = client_for(staff).post(change_url(colleague), change_form_data(colleague))

    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.is_staff is True
    assert list(colleague.groups.values_list("name", flat=True)) == [SECRETARIAT_GROUP]


def test_staff_see_who_may_change_access_on_the_person_page(client_for, staff, member):
    response = client_for(staff).get(change_url(member))

    form = response.context["adminform"].form
    assert not {"is_staff", "is_superuser", "groups", "user_permissions"} & set(form.fields)
    assert "Only a superuser can change who is staff or superuser" in response.content.decode()


def test_a_superuser_brings_in_a_secretariat_colleague(client_for, superuser, member):
    group = _secretariat_group()
    data = change_form_data(
        member, is_staff="on", groups=[group.pk], user_permissions=[a_single_permission().pk]
    )

    response = client_for(superuser).post(change_url(member), data)

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.is_staff is True
    assert list(member.groups.all()) == [group]
    assert list(member.user_permissions.all()) == [a_single_permission()]


@pytest.mark.parametrize(("actor", "expected"), [("staff", 403), ("superuser", 200)])
def test_only_a_superuser_opens_a_superusers_delete_page(request, client_for, root, actor, expected):
    response = client_for(request.getfixturevalue(actor)).get(
        reverse("admin:accounts_user_delete", args=[root.pk])
    )

    assert response.status_code == expected


def test_staff_cannot_delete_a_superuser_from_the_list(client_for, staff, root):
    response = client_for(staff).post(
        USERS_URL, {"action": "delete_selected", "_selected_action": [root.pk], "post": "yes"}
    )

    assert response.status_code == 403
    assert User.objects.filter(pk=root.pk).exists()


@pytest.mark.parametrize("actor", ["staff", "superuser"])
def test_nobody_restores_an_old_version_of_a_person(request, client_for, root, actor):
    """Restoring history would bypass these rules and the deactivation services."""
    old_version = root.history.earliest()
    root.email = "ada.new@alliance.ca"
    root.save()
    before = account_state(root)

    response = client_for(request.getfixturevalue(actor)).post(
        reverse("admin:accounts_user_simple_history", args=[root.pk, old_version.history_id]),
        change_form_data(root, email="taken-over@attacker.example"),
    )

    assert response.status_code == 403
    assert account_state(root) == before


@pytest.mark.parametrize(
    ("actor", "is_active_after", "messages"),
    [
        (
            "staff",
            True,
            ["Skipped Ada Root: only a superuser can change a superuser.", "Deactivated: Mo Member."],
        ),
        ("superuser", False, ["Deactivated: Ada Root, Mo Member."]),
    ],
)
def test_only_a_superuser_deactivates_a_superuser_from_the_list(
    request, client_for, root, member, actor, is_active_after, messages
):
    response = client_for(request.getfixturevalue(actor)).post(
        USERS_URL, {"action": "deactivate_people", "_selected_action": [root.pk, member.pk]}, follow=True
    )

    root.refresh_from_db()
    member.refresh_from_db()
    assert root.is_active is is_active_after
    assert member.is_active is False
    assert [str(message) for message in response.context["messages"]] == messages


@pytest.mark.parametrize(
    ("actor", "is_active_after", "message"),
    [
        ("staff", False, "Skipped Ada Root: only a superuser can change a superuser."),
        ("superuser", True, "Reactivated: Ada Root."),
    ],
)
def test_only_a_superuser_reactivates_a_superuser_from_the_list(
    request, client_for, root, actor, is_active_after, message
):
    User.objects.filter(pk=root.pk).update(is_active=False)

    response = client_for(request.getfixturevalue(actor)).post(
        USERS_URL, {"action": "reactivate_people", "_selected_action": [root.pk]}, follow=True
    )

    root.refresh_from_db()
    assert root.is_active is is_active_after
    assert message in response.content.decode()


def test_skipped_superusers_are_named_in_french(client_for, staff, root):
    with translation.override("fr"):
        url = reverse("admin:accounts_user_changelist")

    response = client_for(staff).post(
        url, {"action": "deactivate_people", "_selected_action": [root.pk]}, follow=True
    )

    root.refresh_from_db()
    assert root.is_active is True
    assert [str(message) for message in response.context["messages"]] == [
        "Laissé(s) de côté : Ada Root ; seul un superutilisateur peut modifier un superutilisateur."
    ]


def test_the_reactivate_service_refuses_staff_on_a_superuser(staff, root):
    from apps.accounts.services import user_reactivate
    from apps.core.errors import DomainError

    User.objects.filter(pk=root.pk).update(is_active=False)

    with pytest.raises(DomainError, match="Only a superuser can reactivate Ada Root."):
        user_reactivate(person=root, actor=staff)

    root.refresh_from_db()
    assert root.is_active is False


def _secretariat_group():
    from apps.core.secretariat import ensure_secretariat_group

    return ensure_secretariat_group()
