"""In CI the suite must run on PostgreSQL and reach Redis; locally it says what it skips."""

import pytest
from django.db import connection


@pytest.mark.postgres
@pytest.mark.django_db
def test_suite_runs_on_postgresql():
    assert connection.vendor == "postgresql"


@pytest.mark.redis
def test_redis_answers(redis_url):
    import redis

    assert redis.Redis.from_url(redis_url).ping() is True
