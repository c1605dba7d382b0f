"""A token never outlives the password or the account it was made with: changing the password,
resetting it and deactivating the person revoke every token they have, in the same transaction,
and the person (or whoever deactivated them) is told."""

import pytest
from django.core import mail
from django.urls import reverse

from apps.accounts.forms import AdminPasswordChangeForm
from apps.accounts.models import ApiToken
from apps.accounts.services import user_password_set, user_reactivate
from apps.core.errors import DomainError
from apps.organizations.services.people import person_deactivate
from tests.accounts.test_password_reset import ask_for_reset, link_in, path_of
from tests.api.helpers import actions_url

NEW_PASSWORD = "sodium-ion-cells-for-the-grid"
Reason = ApiToken.RevokedReason


def still_works(client) -> bool:
    return client.get(actions_url()).status_code == 200


def messages_on(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


def test_changing_the_password_revokes_every_token(client_for, token_client_for, member, password, action):
    scripts = [token_client_for(member, name="One"), token_client_for(member, name="Two")]
    client = client_for(member)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert response.status_code == 200
    assert not any(still_works(script) for script in scripts)
    assert set(ApiToken.objects.values_list("revoked_reason", flat=True)) == {Reason.PASSWORD_CHANGED}
    assert (
        "Your 2 API tokens were revoked with your old password: scripts using them stop working. "
        "Create new ones on your API tokens page." in messages_on(response)
    )


def test_a_password_change_without_tokens_says_nothing_about_them(client_for, member, password):
    response = client_for(member).post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )

    assert messages_on(response) == ["Your password has been changed."]


def test_a_refused_password_change_keeps_the_tokens(client_for, token_client_for, member, action):
    script = token_client_for(member)

    response = client_for(member).post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 400
    assert still_works(script)


def test_resetting_the_password_revokes_every_token(
    client, token_client_for, member, action, django_capture_on_commit_callbacks
):
    script = token_client_for(member)
    ask_for_reset(client, member.email, django_capture_on_commit_callbacks)
    form_page = client.get(path_of(link_in(mail.outbox[0])), follow=True)
    set_password_url = form_page.redirect_chain[-1][0]

    response = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )

    assert response.status_code == 200
    assert not still_works(script)
    assert ApiToken.objects.get().revoked_reason == Reason.PASSWORD_RESET
    assert (
        "Your API token was revoked with your old password: scripts using it stop working. "
        "Create a new one on your API tokens page." in messages_on(response)
    )


def test_the_admins_password_form_revokes_the_tokens_too(token_client_for, member, action):
    script = token_client_for(member)
    form = AdminPasswordChangeForm(
        member, {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert form.is_valid(), form.errors

    form.save()

    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not still_works(script)
    assert form.revoked_token_count == 1


def test_switching_password_sign_in_off_in_the_admin_revokes_the_tokens(token_client_for, member, action):
    script = token_client_for(member)
    form = AdminPasswordChangeForm(member, {"usable_password": "false"})
    assert form.is_valid(), form.errors

    form.save()

    member.refresh_from_db()
    assert not member.has_usable_password()
    assert not still_works(script)


def test_deactivating_a_person_revokes_their_tokens_for_good(
    token_client_for, member, contact, staff, action
):
    script = token_client_for(member)

    person_deactivate(person=member, actor=contact)
    user_reactivate(person=member, actor=staff)

    assert not still_works(script)
    token = ApiToken.objects.get()
    assert (token.revoked_reason, token.revoked_by) == (Reason.DEACTIVATED, contact)


def test_the_people_page_says_the_tokens_are_revoked(
    client_for, token_client_for, member, contact, organization
):
    token_client_for(member)
    url = reverse("organizations:person_deactivate", args=[organization.slug, member.pk])
    client = client_for(contact)

    assert "Any API tokens they made are revoked" in client.get(url).content.decode()
    response = client.post(url, follow=True)

    assert "Any API tokens they had are revoked: scripts using them stop working." in messages_on(response)
    assert ApiToken.objects.usable().count() == 0


def test_the_admins_deactivate_action_revokes_the_tokens(client_for, token_client_for, member, staff, action):
    script = token_client_for(member)

    client_for(staff).post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate_people", "_selected_action": [member.pk]},
    )

    assert not still_works(script)


def test_a_refused_deactivation_keeps_the_tokens(token_client_for, member, outsider, action):
    script = token_client_for(member)

    with pytest.raises(DomainError):
        person_deactivate(person=member, actor=outsider)

    assert still_works(script)
    assert ApiToken.objects.get().revoked_at is None


def test_only_the_persons_own_tokens_are_revoked(token_client_for, member, contact, action):
    mine = token_client_for(member)
    theirs = token_client_for(contact)

    user_password_set(user=member, password=NEW_PASSWORD, reason=Reason.PASSWORD_CHANGED)

    assert not still_works(mine)
    assert still_works(theirs)


def test_staff_setting_a_password_on_the_admins_page_revokes_the_tokens(
    client_for, token_client_for, member, staff, action
):
    script = token_client_for(member)
    page = reverse("admin:auth_user_password_change", args=[member.pk])

    response = client_for(staff).post(
        page, {"usable_password": "true", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password(NEW_PASSWORD)
    assert not still_works(script)


@pytest.mark.parametrize("actor_name, revoked", [("staff", False), ("superuser", True)])
def test_only_a_superuser_revokes_a_superusers_token(
    request, client_for, token_client_for, superuser, actor_name, revoked
):
    other_superuser = type(superuser).objects.create_superuser(email="root2@alliance.ca", password="x" * 20)
    script = token_client_for(other_superuser)

    client_for(request.getfixturevalue(actor_name)).post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke", "_selected_action": [script.api_token.pk]},
    )

    script.api_token.refresh_from_db()
    assert (script.api_token.revoked_at is not None) == revoked
