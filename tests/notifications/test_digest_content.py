"""What a digest holds: sections that follow the person's roles and coverage, status changes
collapsed per action, each item linked, in the person's language; an empty digest is not sent."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.utils import timezone

from apps.notifications.models import Digest, NotificationPreference
from apps.organizations.models import Membership, Organization
from apps.patents.models import LicenceRequest, PatentListing, TechnologyArea
from apps.roadmap.models import Status
from tests.factories import GroupMembershipFactory, MembershipFactory, OrganizationFactory, UserFactory
from tests.notifications.conftest import html_part
from tests.notifications.digest_support import days_ago, send_weekly_digests
from tests.patents.factories import LicenceRequestFactory, PatentListingFactory
from tests.roadmap.factories import ActionFactory, IndicatorValueFactory, StatusUpdateFactory


def post(action, author, status, *, days: int):
    return StatusUpdateFactory(action=action, author=author, status=status, created_at=days_ago(days))


def test_status_changes_in_my_groups_collapse_to_first_and_last(action, lead, member, group):
    GroupMembershipFactory(group=group, user=member)
    post(action, lead, Status.ON_TRACK, days=3)
    post(action, lead, Status.AT_RISK, days=2)
    post(action, lead, Status.BLOCKED, days=1)

    message = send_weekly_digests()[member.email]

    assert (
        "FIN-1 Align and focus existing funding mechanisms: Not started (0 %) -> Blocked (20 %), 3 updates"
        in message.body
    )
    assert "/en/roadmap/actions/FIN-1/" in html_part(message)
    assert message.subject == "Your weekly alliance digest: 1 item"


def test_other_groups_actions_only_with_the_whole_roadmap(action, lead, outsider, other_group):
    GroupMembershipFactory(group=other_group, user=outsider)
    post(action, lead, Status.ON_TRACK, days=1)

    assert outsider.email not in send_weekly_digests()

    NotificationPreference.objects.create(user=outsider, covers_whole_roadmap=True)
    Digest.objects.all().delete()
    assert "FIN-1" in send_weekly_digests()[outsider.email].body


def test_changes_before_the_last_digest_are_not_repeated(action, lead, member, group):
    GroupMembershipFactory(group=group, user=member)
    post(action, lead, Status.ON_TRACK, days=10)  # before the week
    post(action, lead, Status.AT_RISK, days=1)

    body = send_weekly_digests()[member.email].body

    assert "On track (40 %) -> At risk (30 %)" in body
    assert "Not started" not in body


def test_my_actions_due_and_requests_waiting_for_me_are_always_there(
    action, owner, contact, organization
):
    NotificationPreference.objects.create(user=owner, covers_my_groups=False)
    action.next_update_due_on = timezone.localdate() - timedelta(days=1)
    action.save(update_fields=["next_update_due_on"])
    listing = PatentListing.objects.create(
        organization=organization,
        title="Dry electrode coating",
        number="CA 3 100 200",
        jurisdiction="CA",
        filing_date=timezone.localdate() - timedelta(days=400),
        abstract="A solvent-free process.",
        licence_terms="frand",
        eligibility="any_member",
        status="available",
    )
    requester = OrganizationFactory(name="Volta Recyclage")
    LicenceRequest.objects.create(
        listing=listing,
        requesting_organization=requester,
        requested_by=MembershipFactory(organization=requester).user,
        intended_use="Pilot line.",
    )

    sent = send_weekly_digests()

    assert "Your actions due for an update" in sent[owner.email].body
    assert "FIN-1" in sent[owner.email].body
    assert "Licence requests waiting for your answer" in sent[contact.email].body
    assert "Dry electrode coating: Volta Recyclage" in sent[contact.email].body


def test_new_listings_in_watched_areas_and_new_members(member, organization):
    watched, other = TechnologyArea.objects.order_by("position")[:2]
    preference = NotificationPreference.objects.create(
        user=member, covers_listings=True, covers_new_members=True
    )
    preference.watched_areas.set([watched])
    for title, area in (("Watched cathode listing", watched), ("Unwatched anode listing", other)):
        listing = PatentListing.objects.create(
            organization=organization,
            title=title,
            number=title[:10],
            jurisdiction="CA",
            filing_date=timezone.localdate() - timedelta(days=400),
            abstract="...",
            licence_terms="frand",
            eligibility="any_member",
            status="available",
            published_at=days_ago(2),
        )
        listing.technology_areas.set([area])
    OrganizationFactory(name="Nouveau Lithium")

    body = send_weekly_digests()[member.email].body

    assert "Watched cathode listing" in body
    assert "Unwatched anode listing" not in body
    assert "Nouveau Lithium" in body


def test_a_listing_of_a_suspended_organization_is_never_announced(member, organization, staff):
    watched = TechnologyArea.objects.order_by("position").first()
    preference = NotificationPreference.objects.create(user=member, covers_listings=True)
    preference.watched_areas.set([watched])
    suspended = OrganizationFactory(name="Dormant Cathodes", membership_status=Organization.Status.SUSPENDED)
    for title, owner in (
        ("Listing of an active member", organization),
        ("Listing of a suspended one", suspended),
    ):
        PatentListingFactory(
            organization=owner, title=title, published_at=days_ago(2), technology_areas=[watched]
        )

    body = send_weekly_digests()[member.email].body

    assert "Listing of an active member" in body
    assert "Listing of a suspended one" not in body
    assert "Dormant Cathodes" not in body


def test_a_request_on_hold_is_not_waiting_for_an_answer(contact, organization):
    listing = PatentListingFactory(organization=organization, title="Dry electrode coating")
    for name, status in (
        ("Volta Recyclage", Organization.Status.ACTIVE),
        ("Dormant Anodes", Organization.Status.SUSPENDED),
    ):
        requester = OrganizationFactory(name=name, membership_status=status)
        LicenceRequestFactory(listing=listing, requesting_organization=requester)

    body = send_weekly_digests()[contact.email].body

    assert "Dry electrode coating: Volta Recyclage" in body
    assert "Dormant Anodes" not in body


def test_indicators_that_moved(member, group):
    GroupMembershipFactory(group=group, user=member)
    IndicatorValueFactory(indicator__name="Battery patents filed", value=Decimal("1250"))

    assert "Battery patents filed: 1,250" in send_weekly_digests()[member.email].body


def test_an_empty_digest_is_not_sent_but_recorded(member):
    assert send_weekly_digests() == {}
    assert Digest.objects.get(recipient=member).status == Digest.Status.EMPTY


def test_nobody_outside_the_alliance_gets_a_digest(action, lead, suspended_member, group):
    GroupMembershipFactory(group=group, user=suspended_member)
    inactive = UserFactory(is_active=False)
    MembershipFactory(
        user=inactive, organization=action.lead_organizations.first(), role=Membership.Role.MEMBER
    )
    post(action, lead, Status.ON_TRACK, days=1)

    sent = send_weekly_digests()

    assert suspended_member.email not in sent and inactive.email not in sent


def test_a_french_members_digest_is_in_french_and_an_english_members_in_english(
    action, lead, group, organization
):
    french = UserFactory(full_name="Jeanne Tremblay", preferred_language="fr")
    english = UserFactory(full_name="Alex Smith", preferred_language="en")
    for person in (french, english):
        MembershipFactory(user=person, organization=organization)
        GroupMembershipFactory(group=group, user=person)
    post(action, lead, Status.ON_TRACK, days=1)

    sent = send_weekly_digests()

    in_french, in_english = sent[french.email], sent[english.email]
    assert in_french.subject == "Votre condensé hebdomadaire de l'Alliance : 1 élément"
    assert "Mises à jour de statut" in in_french.body and "Status updates" not in in_french.body
    assert "Non commencée (0 %) -> En bonne voie (40 %)" in in_french.body
    assert "/fr/roadmap/actions/FIN-1/" in html_part(in_french)
    assert "/fr/notifications/unsubscribe/" in in_french.extra_headers["List-Unsubscribe"]
    assert in_french.extra_headers["Content-Language"] == "fr-CA"
    assert in_english.subject == "Your weekly alliance digest: 1 item"
    assert (
        "Status updates" in in_english.body and "Not started (0 %) -> On track (40 %)" in in_english.body
    )
    assert in_english.extra_headers["Content-Language"] == "en-CA"


def test_a_long_section_shows_its_first_items_and_links_to_the_rest(area, lead, member, group):
    GroupMembershipFactory(group=group, user=member)
    for number in range(1, 19):
        action = ActionFactory(code=f"FIN-{number:02}", area=area, working_group=group)
        post(action, lead, Status.ON_TRACK, days=1)

    message = send_weekly_digests()[member.email]

    assert message.subject == "Your weekly alliance digest: 18 items"
    assert "FIN-15" in message.body and "FIN-16" not in message.body
    assert f"... and 3 more: {settings.SITE_URL}/en/roadmap/actions/\n" in message.body


def test_an_indicator_recorded_twice_shows_its_latest_value_once(member, group):
    GroupMembershipFactory(group=group, user=member)
    older = IndicatorValueFactory(indicator__name="Battery patents filed", value=Decimal("1100"))
    IndicatorValueFactory(
        indicator=older.indicator,
        value=Decimal("1250"),
        measured_on=older.measured_on + timedelta(days=10),
    )

    body = send_weekly_digests()[member.email].body

    assert body.count("Battery patents filed") == 1
    assert "Battery patents filed: 1,250" in body
