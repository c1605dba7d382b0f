"""Every operation of the OpenAPI schema, fuzzed with generated requests (schemathesis), signed in
as a member and as staff: no answer is a 500, and every answer matches the schema (a documented
status code, content type and body).

Bounded: FUZZ_EXAMPLES examples per operation and role (CI runs it in about a minute). The seed is
printed, and added to any failure; replay a failure with `SCHEMA_FUZZ_SEED=<seed>`.
"""

import json
import os
import random

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from apps.accounts.services_tokens import api_token_create
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory
from tests.roadmap.factories import (
    ActionFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    StatusUpdateFactory,
)

pytestmark = pytest.mark.postgres

FUZZ_EXAMPLES = int(os.environ.get("SCHEMA_FUZZ_EXAMPLES", "25"))
SEED = int(os.environ.get("SCHEMA_FUZZ_SEED") or random.randrange(2**32))
print(f"Schema fuzzing seed: {SEED} (replay with SCHEMA_FUZZ_SEED={SEED})")

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def _openapi_document() -> dict:
    """The schema /api/schema/ serves, generated here: loading it needs no signed-in request."""
    document = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(document, renderer_context={}))


schema = schemathesis.openapi.from_dict(_openapi_document())
schema.app = WSGIHandler()


@pytest.fixture
def in_process_requests(db):
    """Requests reach Django in this thread, on the test's transaction: like Django's test client,
    keep the request signals from closing the connection under it."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def rows(action, lead, staff, listing, organization, member):
    """Something of each kind, so lists answer with rows whose shape is checked."""
    StatusUpdateFactory(action=action, author=lead)
    hidden = StatusUpdateFactory(action=action, author=lead)
    hidden.is_hidden, hidden.hidden_reason = True, "Posted on the wrong action."
    hidden.save()
    IndicatorValueFactory(indicator=IndicatorFactory(area=action.area))
    ActionFactory(area=action.area, code="FIN-3")
    PatentListingFactory(organization=organization, created_by=member)
    LicenceRequestFactory(listing=listing, requesting_organization=organization, requested_by=member)


@pytest.fixture(params=["member", "staff"])
def bearer(request, in_process_requests, rows):
    _, raw_token = api_token_create(user=request.getfixturevalue(request.param), name="fuzz")
    return {"Authorization": f"Bearer {raw_token}"}


@schema.parametrize()
@hypothesis.settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
@hypothesis.seed(SEED)
def test_api_answers_generated_requests_as_its_schema_says(case, bearer):
    try:
        case.call_and_validate(headers=bearer, checks=CHECKS)
    except Exception as failure:
        failure.add_note(f"Replay with SCHEMA_FUZZ_SEED={SEED}")
        raise
