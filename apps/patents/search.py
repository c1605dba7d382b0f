"""Search over a listing's title, number and abstract.

PostgreSQL ranks with its full-text search (title and number weigh more than the abstract);
SQLite, the embedded default, matches each word anywhere in those fields.
"""

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

SEARCH_CONFIG = "english"


def search_listings(queryset: QuerySet, query: str) -> QuerySet:
    """Keep the listings matching `query`, annotated with `rank` (higher is better) and ordered by
    it, newest first among equals. An empty query returns `queryset` unchanged."""
    query = " ".join(query.split())
    if not query:
        return queryset
    if connection.vendor == "postgresql":
        return _full_text(queryset, query)
    return _simple_match(queryset, query)


def _full_text(queryset: QuerySet, query: str) -> QuerySet:
    vector = (
        SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("number", weight="A", config=SEARCH_CONFIG)
        + SearchVector("abstract", weight="B", config=SEARCH_CONFIG)
    )
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return (
        queryset.annotate(search_document=vector, rank=SearchRank(vector, search_query))
        # A match of the text search (ts_rank is never 0, so the rank cannot tell), or a number
        # typed in part ("3012"), which the text search does not split into words.
        .filter(Q(search_document=search_query) | Q(number__icontains=query))
        .order_by(F("rank").desc(), F("published_at").desc(nulls_last=True), "-pk")
    )


def _simple_match(queryset: QuerySet, query: str) -> QuerySet:
    for word in query.split():
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(abstract__icontains=word) | Q(number__icontains=word)
        )
    return queryset
