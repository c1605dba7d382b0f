"""Two scripts posting on the same action at the same moment, from two connections on
PostgreSQL: exactly one update is written, the other caller gets a 409."""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from apps.accounts.services_tokens import api_token_create
from apps.core.models import Event
from apps.roadmap.models import Action, StatusUpdate
from tests.api.helpers import updates_url, valid_update


def post_together(tokens, url, payloads) -> list[int]:
    barrier = threading.Barrier(len(tokens))
    statuses = []

    def post(token, payload):
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            barrier.wait(timeout=5)
            statuses.append(client.post(url, payload, format="json").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=pair) for pair in zip(tokens, payloads, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    return sorted(statuses)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_posts_one_wins_one_gets_409(request):
    lead, owner = request.getfixturevalue("lead"), request.getfixturevalue("owner")
    action = request.getfixturevalue("action")
    tokens = [api_token_create(user=person, name="race")[1] for person in (lead, owner)]
    payloads = [valid_update(action, summary="From the lead"), valid_update(action, summary="From the owner")]

    statuses = post_together(tokens, updates_url(action.code), payloads)

    assert statuses == [201, 409]
    assert StatusUpdate.objects.count() == 1
    assert Event.objects.count() == 1
    assert Action.objects.get(pk=action.pk).version == action.version + 1
