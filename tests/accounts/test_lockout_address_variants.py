"""One account, one lock, however its address is typed (PostgreSQL, where the bypass was).

PostgreSQL's case-insensitive match (UPPER) folds a dotless "ı" into "I", while Python's lower()
keeps it: "ırıs@" used to sign in to "iris@" but have its failures
counted under another key, so each variant doubled the guesses and opened a locked account.
"""

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session

from tests.accounts.conftest import SIGN_IN_URL
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

WRONG_PASSWORD = "definitely-not-the-password"
IRIS = "iris@northern-cells.ca"
# Each of these is iris@northern-cells.ca as the portal reads it: other case, spaces around,
# compatibility forms (NFKC: full-width letters, the long "ſ" is an "s").
FOLDING_VARIANTS = [
    "IRIS@NORTHERN-CELLS.CA",
    "  Iris@Northern-Cells.ca ",
    "ｉｒｉｓ@northern-cells.ca",
    "ＩＲＩＳ@ＮＯＲＴＨＥＲＮ-ＣＥＬＬＳ.ＣＡ",
    "IRIſ@northern-cellſ.ca",
]
# These are other addresses (no such account), which PostgreSQL's UPPER() used to fold into Iris's.
LOOKALIKE_VARIANTS = ["ırıs@northern-cells.ca", "ıris@northern-cells.ca", "ıRıS@NORTHERN-CELLS.CA"]


@pytest.fixture
def iris(db):
    return UserFactory(full_name="Iris Inventor", email=IRIS)


def sign_in(client, email, password):
    return client.post(SIGN_IN_URL, {"username": email, "password": password})


def test_failures_through_folding_variants_count_against_the_one_account(client, iris, password):
    for email in FOLDING_VARIANTS[:4]:
        assert sign_in(client, email, WRONG_PASSWORD).status_code == 400

    locked = sign_in(client, FOLDING_VARIANTS[4], WRONG_PASSWORD)

    assert locked.status_code == 429
    assert "This account is locked for a while" in locked.content.decode()
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [IRIS]


@pytest.mark.parametrize("variant", FOLDING_VARIANTS)
def test_right_password_through_a_folding_variant_does_not_open_a_locked_account(
    client, iris, password, variant
):
    for _ in range(5):
        sign_in(client, IRIS, WRONG_PASSWORD)

    response = sign_in(client, variant, password)

    assert response.status_code == 429
    assert not Session.objects.exists()


@pytest.mark.parametrize("variant", FOLDING_VARIANTS)
def test_folding_variant_signs_in_to_the_account_when_it_is_not_locked(client, iris, password, variant):
    response = sign_in(client, variant, password)

    assert response.status_code == 302
    assert Session.objects.count() == 1


@pytest.mark.parametrize("variant", LOOKALIKE_VARIANTS)
def test_right_password_through_a_lookalike_does_not_open_a_locked_account(client, iris, password, variant):
    for _ in range(5):
        sign_in(client, IRIS, WRONG_PASSWORD)

    response = sign_in(client, variant, password)

    assert response.status_code == 400
    assert "do not match an account" in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize("variant", LOOKALIKE_VARIANTS)
def test_lookalike_address_never_signs_in_to_the_account(client, iris, password, variant):
    response = sign_in(client, variant, password)

    assert response.status_code == 400
    assert not Session.objects.exists()


def test_guesses_through_lookalikes_gain_nothing_against_the_account(client, iris, password):
    """A guess through "ırıs@" cannot open Iris's account, so it needs no place in her count; the
    five guesses she is allowed stay five."""
    for email in LOOKALIKE_VARIANTS:
        sign_in(client, email, password)
    for _ in range(5):
        sign_in(client, IRIS, WRONG_PASSWORD)

    response = sign_in(client, IRIS, password)

    assert response.status_code == 429
    assert not Session.objects.exists()
