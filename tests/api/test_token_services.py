"""api_token_create and api_token_revoke: the raw token exists only in what create returns, and
only the token's owner revokes it."""

import pytest

from apps.accounts.models import ApiToken, hash_token
from apps.accounts.services_tokens import api_token_create, api_token_revoke
from apps.core.errors import DomainError


def test_create_keeps_only_the_hash_and_the_first_characters(member):
    token, raw_token = api_token_create(user=member, name="Reporting script")

    stored = ApiToken.objects.get()
    assert stored.key_hash == hash_token(raw_token) != raw_token
    assert stored.prefix == raw_token[:8]
    assert len(raw_token) >= 40
    assert token.pk == stored.pk


def test_two_tokens_never_share_a_value(member):
    _, first = api_token_create(user=member, name="One")
    _, second = api_token_create(user=member, name="Two")

    assert first != second


def test_deactivated_person_cannot_create_a_token(member):
    member.is_active = False
    member.save()

    with pytest.raises(DomainError, match="This account is deactivated."):
        api_token_create(user=member, name="Script")
    assert not ApiToken.objects.exists()


def test_only_the_owner_revokes_a_token(member, outsider):
    token, _ = api_token_create(user=member, name="Script")

    with pytest.raises(DomainError, match="You can only revoke your own tokens."):
        api_token_revoke(token=token, actor=outsider)

    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_an_already_revoked_token_is_refused(member):
    token, _ = api_token_create(user=member, name="Script")
    api_token_revoke(token=token, actor=member)
    first_revocation = ApiToken.objects.get().revoked_at

    with pytest.raises(DomainError, match="This token was already revoked."):
        api_token_revoke(token=token, actor=member)

    assert ApiToken.objects.get().revoked_at == first_revocation
