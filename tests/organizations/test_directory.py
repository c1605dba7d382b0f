"""The member directory: members only, active organizations only, search, filters, pages."""

import pytest
from django.urls import reverse

from apps.organizations.models import Kind, Organization, ValueChainSegment
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from tests.organizations.people_helpers import ROLES, assert_kept_out, person_for

DIRECTORY = reverse("organizations:directory")


def names_on(response) -> list[str]:
    return [organization.name for organization in response.context["organizations"]]


@pytest.mark.parametrize("role", ROLES)
def test_directory_is_for_portal_members_only(role, request, client_for):
    user = person_for(request, role)

    response = client_for(user).get(DIRECTORY)

    if role in ("anonymous", "suspended_member"):
        assert_kept_out(response, role, DIRECTORY)
    else:
        assert response.status_code == 200
        assert "Member directory" in response.content.decode()


def test_directory_lists_active_organizations_only(client_for, member, other_organization):
    OrganizationFactory(name="Gone Quiet Ltd.", membership_status=Organization.Status.LAPSED)
    OrganizationFactory(name="On Hold Inc.", membership_status=Organization.Status.SUSPENDED)

    response = client_for(member).get(DIRECTORY)

    assert names_on(response) == ["Northern Cells Inc.", "Prairie Lithium Ltd."]
    assert "Gone Quiet" not in response.content.decode()


def test_directory_shows_kind_province_segments_and_canadian_ownership(client_for, member, organization):
    upstream = ValueChainSegment.objects.get(code="upstream")
    recycling = ValueChainSegment.objects.get(code="recycling")
    foreign = OrganizationFactory(
        name="Global Cells SA", kind=Kind.FINANCE, province="BC", is_canadian_owned=False
    )
    foreign.segments.set([upstream, recycling])

    html = client_for(member).get(DIRECTORY).content.decode()

    row = html[html.index("Global Cells SA") :].split("</tr>")[0]
    assert "Finance" in row
    assert "British Columbia" in row
    assert f"{upstream.name}, {recycling.name}" in row or f"{recycling.name}, {upstream.name}" in row
    assert ">No<" in row


def test_search_by_name_ignores_case_and_matches_every_word(client_for, member, other_organization):
    OrganizationFactory(name="Northern Lithium Partners")

    response = client_for(member).get(DIRECTORY, {"q": "LITHIUM northern"})

    assert names_on(response) == ["Northern Lithium Partners"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "academia"}, ["Laval Lab"]),
        ({"province": "SK"}, ["Prairie Lithium Ltd."]),
        ({"segment": "recycling"}, ["Laval Lab"]),
        ({"canadian_owned": "no"}, ["Foreign Packs"]),
        ({"canadian_owned": "yes", "province": "QC"}, ["Laval Lab"]),
        ({"kind": "industry", "province": "ON"}, ["Foreign Packs", "Northern Cells Inc."]),
    ],
)
def test_filters_narrow_the_directory(query, expected, client_for, member, other_organization):
    laval = OrganizationFactory(name="Laval Lab", kind=Kind.ACADEMIA, province="QC")
    laval.segments.set([ValueChainSegment.objects.get(code="recycling")])
    OrganizationFactory(name="Foreign Packs", is_canadian_owned=False)

    response = client_for(member).get(DIRECTORY, query)

    assert response.status_code == 200
    assert names_on(response) == expected


def test_unknown_filter_value_is_a_clear_error(client_for, member):
    response = client_for(member).get(DIRECTORY, {"kind": "pirates"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()


def test_overlong_search_is_refused(client_for, member):
    response = client_for(member).get(DIRECTORY, {"q": "x" * 201})

    assert response.status_code == 400
    assert "at most 200 characters" in response.content.decode()


def test_directory_pages_twenty_at_a_time_and_keeps_filters_in_page_links(client_for, member):
    OrganizationFactory.create_batch(45, kind=Kind.RESEARCH)

    first = client_for(member).get(DIRECTORY, {"kind": "research"})
    third = client_for(member).get(DIRECTORY, {"kind": "research", "page": "3"})

    assert len(first.context["organizations"]) == 20
    assert first.context["page_obj"].paginator.count == 45
    assert 'href="?kind=research&amp;page=2"' in first.content.decode()
    assert len(third.context["organizations"]) == 5
    assert 'href="?kind=research&amp;page=2" rel="prev"' in third.content.decode()


def test_directory_says_when_nothing_matches(client_for, member):
    response = client_for(member).get(DIRECTORY, {"q": "nothing like this"})

    assert response.status_code == 200
    assert "No member organization matches these filters." in response.content.decode()


def _fill_directory(count: int) -> None:
    segments = list(ValueChainSegment.objects.all())
    for index in range(count):
        organization = OrganizationFactory(province="ON" if index % 2 else "QC")
        organization.segments.set(segments[: 1 + index % len(segments)])
        MembershipFactory(organization=organization, user=UserFactory())


@pytest.mark.parametrize("count", [5, 200])
def test_directory_runs_a_fixed_number_of_queries(count, client_for, member, django_assert_max_num_queries):
    _fill_directory(count)
    client = client_for(member)

    with django_assert_max_num_queries(8):
        response = client.get(DIRECTORY, {"canadian_owned": "yes", "segment": "upstream"})

    assert response.status_code == 200
    assert response.context["organizations"]
