"""Invitations whose raw link token the test can use.

tests/factories.py's InvitationFactory lists `token` in Meta.exclude, so factory_boy drops it
before `_create` can keep it and `invitation.token` is always None there. This one keeps it.
"""

import secrets

from apps.accounts.models import hash_token
from tests.factories import InvitationFactory as SharedInvitationFactory


class InvitationFactory(SharedInvitationFactory):
    """`invitation.token` holds the raw token of the link; pass `token=` to choose it."""

    @classmethod
    def _create(cls, model_class, *args, token=None, **kwargs):
        token = token or secrets.token_urlsafe(32)
        kwargs["token_hash"] = hash_token(token)
        invitation = model_class.objects.create(*args, **kwargs)
        invitation.token = token
        return invitation
