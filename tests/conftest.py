"""Shared fixtures: one person for each role, and the services the suite needs.

Roles (the alice/bob/charlie pattern): `member` and `contact` belong to `organization`;
`lead` leads `group`, `other_lead` leads `other_group`; `outsider` is the contact of
`other_organization`; `suspended_member` belongs only to a suspended organization; `staff` is
secretariat staff; `superuser` is a superuser. `anonymous` is a client that is not signed in.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from apps.organizations.models import Membership, Organization
from apps.working_groups.models import GroupMembership
from tests.factories import (
    PASSWORD,
    GroupMembershipFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    WorkingGroupFactory,
)

IN_CI = os.environ.get("CI", "").lower() == "true"

# `browser`, `page` and `sign_in` for tests that drive a real browser, in any folder.
pytest_plugins = ["tests.browser"]


def _service_missing(reason):
    """Locally a missing service skips the test; in CI it is a failure."""
    if IN_CI:
        pytest.fail(f"CI needs this service: {reason}")
    pytest.skip(reason)


def pytest_collection_modifyitems(config, items):
    """Locally, benchmarks run only when asked for (-m perf); CI runs them and prints figures.

    Locally on SQLite, PostgreSQL tests are skipped before their database set-up runs (a
    transactional test's serialized rollback cannot be set up on the in-memory database).
    """
    if IN_CI:
        return
    skip_benchmark = pytest.mark.skip(reason="a benchmark: CI runs it; here run it with -m perf")
    on_sqlite = settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    skip_postgres = pytest.mark.skip(reason="PostgreSQL is not configured (set DATABASE_URL)")
    for item in items:
        if item.get_closest_marker("perf") and "perf" not in (config.option.markexpr or ""):
            item.add_marker(skip_benchmark)
        if on_sqlite and item.get_closest_marker("postgres"):
            item.add_marker(skip_postgres)


@pytest.fixture(autouse=True)
def _require_marked_services(request):
    if request.node.get_closest_marker("postgres") and connection.vendor != "postgresql":
        _service_missing("PostgreSQL is not configured (set DATABASE_URL)")
    if request.node.get_closest_marker("redis"):
        request.getfixturevalue("redis_url")


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    """The French catalogue is compiled from locale/*.po, as the set-up commands do."""
    from django.core.management import call_command

    call_command("compile_translations", verbosity=0)


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """Requests activate their language in the test's thread; start every test in English."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit and throttle counters (a local cache in tests) start from zero in each test."""
    from django.core.cache import caches

    caches[settings.RATELIMIT_USE_CACHE].clear()


@pytest.fixture(autouse=True)
def _fresh_content_type_cache():
    """A transactional test's flush can give content types new ids: forget the cached ones."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()


@pytest.fixture(scope="session")
def redis_url():
    import redis

    url = settings.REDIS_URL or os.environ.get("REDIS_URL", "")
    if not url:
        _service_missing("Redis is not configured (set REDIS_URL)")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        _service_missing(f"Redis at {url} is unreachable: {error}")
    return url


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def organization(db):
    return OrganizationFactory(name="Northern Cells Inc.")


@pytest.fixture
def other_organization(db):
    return OrganizationFactory(name="Prairie Lithium Ltd.", province="SK")


@pytest.fixture
def contact(organization):
    user = UserFactory(full_name="Carla Contact", email="carla@northern-cells.ca")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.CONTACT)
    return user


@pytest.fixture
def member(organization, contact):
    user = UserFactory(full_name="Mo Member", email="mo@northern-cells.ca")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.MEMBER)
    return user


@pytest.fixture
def outsider(other_organization):
    user = UserFactory(full_name="Oscar Outsider", email="oscar@prairie-lithium.ca")
    MembershipFactory(user=user, organization=other_organization, role=Membership.Role.CONTACT)
    return user


@pytest.fixture
def suspended_member(db):
    organization = OrganizationFactory(
        name="Dormant Batteries Co.",
        membership_status=Organization.Status.SUSPENDED,
        status_reason="Membership fee unpaid",
    )
    user = UserFactory(full_name="Sam Suspended", email="sam@dormant.ca")
    MembershipFactory(user=user, organization=organization, role=Membership.Role.CONTACT)
    return user


@pytest.fixture
def group(db):
    return WorkingGroupFactory(name="Financing", slug="financing")


@pytest.fixture
def other_group(db):
    return WorkingGroupFactory(name="Skills", slug="skills")


@pytest.fixture
def lead(group, organization, contact):
    user = UserFactory(full_name="Lea Lead", email="lea@northern-cells.ca")
    MembershipFactory(user=user, organization=organization)
    GroupMembershipFactory(group=group, user=user, role=GroupMembership.Role.LEAD)
    return user


@pytest.fixture
def other_lead(other_group, other_organization, outsider):
    user = UserFactory(full_name="Olaf Otherlead", email="olaf@prairie-lithium.ca")
    MembershipFactory(user=user, organization=other_organization)
    GroupMembershipFactory(group=other_group, user=user, role=GroupMembership.Role.LEAD)
    return user


@pytest.fixture
def staff(db):
    from apps.core.secretariat import ensure_secretariat_group

    user = UserFactory(full_name="Stella Staff", email="stella@alliance.ca", is_staff=True)
    user.groups.add(ensure_secretariat_group())
    return user


@pytest.fixture
def superuser(db):
    """A superuser: only they may change another superuser, grant staff status or groups."""
    return UserFactory(full_name="Sue Super", email="sue@alliance.ca", is_staff=True, is_superuser=True)


@pytest.fixture
def client_for(client):
    """`client_for(user)` is a test client signed in as `user` (None: anonymous)."""
    from django.test import Client

    def make(user):
        new_client = Client()
        if user is not None:
            new_client.force_login(user)
        return new_client

    return make


@pytest.fixture
def celery_workers(redis_url, transactional_db, settings):
    """`start(email_url)` runs a real Celery worker in its own process, on the real Redis,
    reading the test database; tasks the test publishes (no longer eager) run there. Returns the
    process, so a test can kill it."""
    import subprocess
    import sys
    import time
    import uuid

    from alliance.celery import app as celery_app

    database = connection.settings_dict
    if database["ENGINE"] != "django.db.backends.postgresql":
        _service_missing("a real worker needs PostgreSQL (the test SQLite database is in memory)")
    queue = f"test-{uuid.uuid4().hex[:8]}"
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "alliance.settings",
        "SECRET_KEY": settings.SECRET_KEY,
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**database),
        "REDIS_URL": redis_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    command = [sys.executable, "-m", "celery", "-A", "alliance", "worker", "--pool=solo", "--concurrency=1"]
    command += ["--queues", queue, "--loglevel=WARNING", "--without-heartbeat", "--without-gossip"]
    command += ["--without-mingle"]
    workers = []

    def start(email_url: str):
        worker = subprocess.Popen(
            command, env={**environment, "EMAIL_URL": email_url}, cwd=Path(__file__).resolve().parents[1]
        )
        workers.append(worker)
        deadline = time.monotonic() + 30
        while not celery_app.control.ping(timeout=0.5, destination=None):
            if worker.poll() is not None or time.monotonic() > deadline:
                pytest.fail("The Celery worker did not start")
        return worker

    previous = (celery_app.conf.task_always_eager, celery_app.conf.task_default_queue)
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield start
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_default_queue = previous
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=20)
        # What a killed worker left unacknowledged must not reach the next test's workers.
        celery_app.control.purge()


@pytest.fixture
def celery_worker_process(celery_workers, tmp_path):
    """A real worker whose e-mails are written as files under the returned `outbox` folder."""
    outbox = tmp_path / "outbox"
    outbox.mkdir()
    # django-environ drops the slash after "//", so an absolute path needs one more.
    celery_workers(f"filemail:///{outbox}")
    return outbox
