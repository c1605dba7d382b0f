"""Full-text search with ranking, on PostgreSQL."""

import pytest

from apps.patents.models import PatentListing
from apps.patents.selectors import pool_listings
from tests.patents.factories import PatentListingFactory

pytestmark = pytest.mark.postgres


def test_search_finds_a_word_of_the_abstract_on_postgres(organization):
    wanted = PatentListingFactory(
        organization=organization, abstract="Recovering cobalt from spent cathodes."
    )
    PatentListingFactory(organization=organization, abstract="An unrelated electrolyte additive.")

    assert list(pool_listings(query="cobalt")) == [wanted]


def test_a_title_match_ranks_before_an_abstract_match(organization):
    in_abstract = PatentListingFactory(
        organization=organization, title="Cell casing", abstract="Uses a silicon anode in the casing."
    )
    in_title = PatentListingFactory(
        organization=organization, title="Silicon anode binder", abstract="A binder."
    )
    PatentListing.objects.filter(pk=in_abstract.pk).update(
        published_at=in_title.published_at.replace(year=2030)
    )

    assert list(pool_listings(query="silicon anode")) == [in_title, in_abstract]


def test_search_by_part_of_a_number(organization):
    wanted = PatentListingFactory(organization=organization, number="3012345")

    assert list(pool_listings(query="30123")) == [wanted]


def test_a_hyphenated_search_finds_only_matching_listings(organization):
    matching = PatentListingFactory(organization=organization, title="Solvent-free electrode coating")
    PatentListingFactory(organization=organization, title="Cobalt recovery", abstract="Hydrometallurgy.")

    assert list(pool_listings(query="solvent-free")) == [matching]
