"""Demo data: about 30 member organizations, the roadmap's three working groups, and one demo
person for each role, printed with their passwords. Safe to run again: it updates, never duplicates."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from apps.accounts.models import User
from apps.core.secretariat import ensure_secretariat_group
from apps.dashboard.models import PublicProgressPage
from apps.organizations.models import (
    Kind,
    Membership,
    MembershipApplication,
    MembershipStatusChange,
    Organization,
    ValueChainSegment,
)
from apps.patents.models import PatentListing, TechnologyArea
from apps.patents.services.listings import listing_create, listing_publish
from apps.patents.services.requests import request_create
from apps.roadmap.models import Action, Indicator, IndicatorValue, StatusUpdate
from apps.roadmap.services import action_schedule_changed, status_update_post
from apps.working_groups.models import GroupMembership, JoinRequest
from apps.working_groups.services import ensure_roadmap_groups

# name, kind, province, city, segments, Canadian-owned
ORGANIZATIONS = [
    ("Northern Cells Inc.", Kind.INDUSTRY, "QC", "Bécancour", ["downstream"], True),
    ("Prairie Lithium Ltd.", Kind.INDUSTRY, "SK", "Regina", ["upstream"], True),
    ("Cathode Works Canada", Kind.INDUSTRY, "ON", "Kingston", ["midstream"], False),
    (
        "Boreal Graphite Corp.",
        Kind.INDUSTRY,
        "QC",
        "Saint-Michel-des-Saints",
        ["upstream", "midstream"],
        True,
    ),
    ("Maple Recycling Technologies", Kind.INDUSTRY, "ON", "Mississauga", ["recycling"], True),
    ("Pacific Electrolytes", Kind.INDUSTRY, "BC", "Burnaby", ["midstream"], True),
    ("Atlantic Battery Systems", Kind.INDUSTRY, "NS", "Halifax", ["downstream"], True),
    ("Great Lakes Pack Assembly", Kind.INDUSTRY, "ON", "Windsor", ["downstream"], False),
    ("Solid State North", Kind.INDUSTRY, "AB", "Edmonton", ["downstream"], True),
    ("Nickel Shield Minerals", Kind.INDUSTRY, "MB", "Thompson", ["upstream"], True),
    ("Laurentian Anode Materials", Kind.INDUSTRY, "QC", "Shawinigan", ["midstream"], True),
    ("Second Life Storage", Kind.INDUSTRY, "BC", "Vancouver", ["recycling", "downstream"], True),
    ("Dalhousie Battery Research Lab", Kind.ACADEMIA, "NS", "Halifax", ["midstream", "downstream"], True),
    ("Waterloo Energy Institute", Kind.ACADEMIA, "ON", "Waterloo", ["downstream"], True),
    ("Université Laval Electrochemistry Group", Kind.ACADEMIA, "QC", "Québec", ["midstream"], True),
    ("University of Alberta Materials Centre", Kind.ACADEMIA, "AB", "Edmonton", ["midstream"], True),
    ("Polytechnique Battery Pilot Line", Kind.RESEARCH, "QC", "Montréal", ["downstream"], True),
    (
        "National Electrochemical Research Centre",
        Kind.RESEARCH,
        "ON",
        "Ottawa",
        ["midstream", "downstream"],
        True,
    ),
    ("Critical Minerals Innovation Hub", Kind.RESEARCH, "NL", "St. John's", ["upstream"], True),
    ("Ministry of Economic Development (Ontario)", Kind.GOVERNMENT, "ON", "Toronto", [], True),
    ("Ministère de l'Économie du Québec", Kind.GOVERNMENT, "QC", "Québec", [], True),
    ("New Brunswick Energy Office", Kind.GOVERNMENT, "NB", "Fredericton", [], True),
    ("First Nations Minerals Partnership", Kind.INDIGENOUS, "MB", "Winnipeg", ["upstream"], True),
    ("Métis Energy Development Corp.", Kind.INDIGENOUS, "SK", "Saskatoon", ["upstream", "recycling"], True),
    ("Nunavut Resource Cooperative", Kind.INDIGENOUS, "NU", "Iqaluit", ["upstream"], True),
    ("Battery Workers United", Kind.LABOUR, "ON", "Oshawa", ["downstream"], True),
    ("Canadian Cleantech Ventures", Kind.FINANCE, "ON", "Toronto", [], True),
    ("Prairie Innovation Fund", Kind.FINANCE, "AB", "Calgary", [], True),
    ("Electrify Canada Network", Kind.NON_PROFIT, "ON", "Ottawa", ["downstream", "recycling"], True),
    ("Yukon Clean Energy Society", Kind.NON_PROFIT, "YT", "Whitehorse", [], True),
    ("PEI Storage Demonstration Co.", Kind.INDUSTRY, "PE", "Charlottetown", ["downstream"], True),
    ("Northwest Cobalt Exploration", Kind.INDUSTRY, "NT", "Yellowknife", ["upstream"], False),
]
SUSPENDED = "PEI Storage Demonstration Co."
LAPSED = "Northwest Cobalt Exploration"

# email, full name, password, role label
DEMO_PEOPLE = [
    ("staff@demo.alliance.ca", "Sophie Secretariat", "demo-staff-password", "secretariat staff"),
    ("lead@demo.alliance.ca", "Louis Lead", "demo-lead-password", "working-group lead (Financing)"),
    ("contact@demo.alliance.ca", "Chloé Contact", "demo-contact-password", "organization contact"),
    ("member@demo.alliance.ca", "Marc Member", "demo-member-password", "member"),
    (
        "suspended@demo.alliance.ca",
        "Sam Suspended",
        "demo-suspended-password",
        "contact of a suspended organization",
    ),
]

# Demo progress by action: months since it started, months left, and its updates (days ago,
# status, percent, summary, blockers).
DEMO_PROGRESS = {
    "FIN-1": (
        4,
        8,
        [
            (75, "on_track", 15, "Inventory of federal and provincial programs started.", ""),
            (20, "on_track", 40, "Programs mapped; gaps for growth-stage firms identified.", ""),
        ],
    ),
    "FIN-2": (
        6,
        -1,
        [
            (
                45,
                "at_risk",
                20,
                "Fund structure drafted; anchor investors not yet committed.",
                "Two anchor investors asked for a longer due diligence.",
            ),
        ],
    ),
    "FIN-4": (
        3,
        12,
        [
            (
                10,
                "blocked",
                10,
                "Draft R&D minimum rules shared with the working group.",
                "Waiting for the program owners' legal review.",
            ),
        ],
    ),
    "SKL-1": (
        8,
        2,
        [
            (120, "on_track", 50, "Survey of 40 employers completed.", ""),
            (15, "done", 100, "Skills map published for 2026, 2030 and 2035 horizons.", ""),
        ],
    ),
    "SCL-1": (10, 0, [(60, "done", 100, "The alliance is incorporated and its board appointed.", "")]),
    "SCL-3": (5, 10, [(12, "on_track", 30, "First dashboard indicators agreed with the secretariat.", "")]),
    "IP-5": (2, 14, [(5, "on_track", 15, "Patent pool terms drafted; first listings expected.", "")]),
}

# owner, title, number, terms, technology areas, abstract, published
DEMO_LISTINGS = [
    (
        "Cathode Works Canada",
        "Dry electrode coating without solvents",
        "3 101 554",
        "frand",
        ["cell-manufacturing", "cathode-materials"],
        "A dry process that coats cathode films without NMP solvent, cutting drying energy by 40%.",
        True,
    ),
    (
        "Northern Cells Inc.",
        "Cold-weather electrolyte additive",
        "3 204 118",
        "royalty_free",
        ["electrolytes"],
        "An additive that keeps LFP cells above 80% capacity at -30 °C.",
        True,
    ),
    (
        "Northern Cells Inc.",
        "Cell-to-pack thermal barrier",
        "3 250 002",
        "negotiable",
        ["cell-manufacturing"],
        "A mica-free barrier that slows thermal propagation between cells.",
        False,
    ),
    (
        "Boreal Graphite Corp.",
        "Spherical graphite purification",
        "3 098 765",
        "exclusive",
        ["anode-materials", "critical-minerals"],
        "A low-acid route to battery-grade spherical graphite from Quebec flake.",
        True,
    ),
    (
        "Maple Recycling Technologies",
        "Black mass leaching with recycled acid",
        "3 187 321",
        "frand",
        ["recycling", "critical-minerals"],
        "Recovers nickel, cobalt and lithium from black mass while regenerating the leaching acid.",
        True,
    ),
    (
        "Waterloo Energy Institute",
        "Solid-state separator with ceramic filler",
        "3 222 410",
        "royalty_free",
        ["solid-state"],
        "A polymer separator filled with garnet ceramic that suppresses lithium dendrites.",
        True,
    ),
]

FIRST_NAMES = [
    "Amélie",
    "Noah",
    "Olivia",
    "Liam",
    "Emma",
    "Ethan",
    "Charlotte",
    "Lucas",
    "Ava",
    "Jacob",
    "Léa",
    "William",
    "Zoé",
    "Benjamin",
    "Maya",
    "Gabriel",
]
LAST_NAMES = [
    "Tremblay",
    "Singh",
    "Chen",
    "Gagnon",
    "Roy",
    "Wilson",
    "Côté",
    "Martin",
    "Bouchard",
    "Lee",
    "Gauthier",
    "Brown",
    "Morin",
    "Nguyen",
    "Thompson",
    "Pelletier",
    "Campbell",
    "Lavoie",
]


# Baseline (value, year) and dated values per indicator of roadmap.yaml: demo figures chosen so
# that the dashboard shows each progress class but "target reached" (left to real data).
DEMO_INDICATORS = {
    "Investment in battery innovation (public and private)": (
        (Decimal("1100000000"), 2023),
        [(date(2024, 6, 30), Decimal("1400000000")), (date(2025, 6, 30), Decimal("1750000000"))],
    ),
    "Skilled professionals trained and integrated": (
        (Decimal("1200"), 2023),
        [(date(2024, 12, 31), Decimal("1230")), (date(2025, 12, 31), Decimal("1250"))],
    ),
    "Graduates per year from specialized training programs": (
        (Decimal("180"), 2023),
        [(date(2024, 12, 31), Decimal("195")), (date(2025, 12, 31), Decimal("205"))],
    ),
    "Canadian-owned firms in the battery sector": (
        (Decimal("40"), 2023),
        [(date(2025, 3, 31), Decimal("52"))],
    ),
    "Share of the North American battery value chain": (
        (Decimal("4"), 2023),
        [(date(2024, 12, 31), Decimal("3.8")), (date(2025, 12, 31), Decimal("3.5"))],
    ),
    "Battery technology patents secured": (
        (Decimal("150"), 2023),
        [(date(2024, 12, 31), Decimal("230")), (date(2025, 12, 31), Decimal("330"))],
    ),
}


def next_anniversary(joined, today):
    """Memberships renew yearly on the day they began."""
    years = (today - joined).days // 365 + 1
    return joined + timedelta(days=365 * years)


def colleague_name(index: int) -> str:
    """A distinct name for each of the first 144 colleagues (the lists have 16 and 18 names)."""
    return f"{FIRST_NAMES[index % len(FIRST_NAMES)]} {LAST_NAMES[index % len(LAST_NAMES)]}"


class Command(BaseCommand):
    help = "Load demo data (organizations, working groups, one person per role). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even when DEBUG is off (demo passwords are public: never on a real site).",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError(
                "seed_demo creates accounts with public passwords; it runs only with DEBUG=true."
            )
        with transaction.atomic():
            organizations = self._organizations()
            groups = ensure_roadmap_groups()
            people = self._demo_people(organizations, groups)
            self._colleagues(organizations, groups)
            self._waiting_items(organizations, groups, people)
            self._roadmap_progress(organizations, people)
            self._patent_pool(organizations, people)
            self._indicators(people)
        self._print_sign_ins()

    def _organizations(self):
        today = timezone.localdate()
        segments = {segment.code: segment for segment in ValueChainSegment.objects.all()}
        organizations = {}
        total = len(ORGANIZATIONS)
        for index, (name, kind, province, city, segment_codes, canadian) in enumerate(ORGANIZATIONS, 1):
            joined = today - timedelta(days=30 * (index % 24) + 15)
            organization, _ = Organization.objects.update_or_create(
                slug=slugify(name),
                defaults={
                    "name": name,
                    "kind": kind,
                    "province": province,
                    "city": city,
                    "is_canadian_owned": canadian,
                    "joined_on": joined,
                    "renewal_due_on": next_anniversary(joined, today),
                    "website": f"https://www.{slugify(name)[:30]}.example.ca",
                    "description": f"{name}, {kind.label.lower()}, is a member of the alliance in {city}.",
                },
            )
            organization.segments.set([segments[code] for code in segment_codes])
            organizations[name] = organization
            if index % 8 == 0 or index == total:
                self.stdout.write(f"  organizations: {index}/{total}")
        self._set_status(
            organizations[SUSPENDED], Organization.Status.SUSPENDED, "Membership fee unpaid for 2026."
        )
        self._set_status(organizations[LAPSED], Organization.Status.LAPSED, "Membership not renewed.")
        return organizations

    def _set_status(self, organization, status, reason):
        if organization.membership_status == status:
            return
        MembershipStatusChange.objects.create(
            organization=organization,
            from_status=organization.membership_status,
            to_status=status,
            reason=reason,
        )
        organization.membership_status = status
        organization.status_reason = reason
        organization.save(update_fields=["membership_status", "status_reason", "updated_at"])

    def _person(self, email, full_name, password=None, **fields):
        person, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name, **fields})
        if password:
            person.set_password(password)
            person.save(update_fields=["password"])
        elif created:
            person.password = self._colleague_password_hash()
            person.save(update_fields=["password"])
        return person

    def _colleague_password_hash(self):
        """Hashing is slow on purpose; colleagues share one demo password, so hash it once."""
        if not hasattr(self, "_colleague_hash"):
            self._colleague_hash = make_password("demo-colleague-password")
        return self._colleague_hash

    def _member_of(self, person, organization, role=Membership.Role.MEMBER):
        Membership.objects.update_or_create(user=person, organization=organization, defaults={"role": role})

    def _demo_people(self, organizations, groups):
        passwords = {email: password for email, _, password, _ in DEMO_PEOPLE}
        names = {email: name for email, name, _, _ in DEMO_PEOPLE}
        staff = self._person(
            "staff@demo.alliance.ca",
            names["staff@demo.alliance.ca"],
            passwords["staff@demo.alliance.ca"],
            is_staff=True,
        )
        staff.groups.add(ensure_secretariat_group())

        northern = organizations["Northern Cells Inc."]
        contact = self._person(
            "contact@demo.alliance.ca",
            names["contact@demo.alliance.ca"],
            passwords["contact@demo.alliance.ca"],
            job_title="Director, partnerships",
        )
        self._member_of(contact, northern, Membership.Role.CONTACT)
        member = self._person(
            "member@demo.alliance.ca",
            names["member@demo.alliance.ca"],
            passwords["member@demo.alliance.ca"],
            job_title="Process engineer",
        )
        self._member_of(member, northern)

        lead = self._person(
            "lead@demo.alliance.ca",
            names["lead@demo.alliance.ca"],
            passwords["lead@demo.alliance.ca"],
            job_title="Partner",
        )
        self._member_of(lead, organizations["Canadian Cleantech Ventures"], Membership.Role.CONTACT)
        financing = groups["financing"]
        GroupMembership.objects.update_or_create(
            group=financing, user=lead, defaults={"role": GroupMembership.Role.LEAD}
        )
        GroupMembership.objects.get_or_create(group=financing, user=contact)
        GroupMembership.objects.get_or_create(group=groups["skills"], user=member)

        suspended = self._person(
            "suspended@demo.alliance.ca",
            names["suspended@demo.alliance.ca"],
            passwords["suspended@demo.alliance.ca"],
        )
        self._member_of(suspended, organizations[SUSPENDED], Membership.Role.CONTACT)
        return {"staff": staff, "lead": lead, "contact": contact, "member": member}

    def _colleagues(self, organizations, groups):
        """Two or three people per organization, a contact first, some of them in groups."""
        group_list = list(groups.values())
        name_index = 0
        for org_index, organization in enumerate(organizations.values()):
            for position in range(2 + org_index % 2):
                full_name = colleague_name(name_index)
                name_index += 1
                email = f"{slugify(full_name)}.{organization.slug[:20]}@example.ca"
                person = self._person(email, full_name)
                role = Membership.Role.CONTACT if position == 0 else Membership.Role.MEMBER
                self._member_of(person, organization, role)
                if (org_index + position) % 3 == 0:
                    group = group_list[org_index % len(group_list)]
                    is_first_lead = not group.group_memberships.filter(
                        role=GroupMembership.Role.LEAD
                    ).exists()
                    role_in_group = (
                        GroupMembership.Role.LEAD if is_first_lead else GroupMembership.Role.MEMBER
                    )
                    GroupMembership.objects.get_or_create(
                        group=group, user=person, defaults={"role": role_in_group}
                    )

    def _waiting_items(self, organizations, groups, people):
        """A few things waiting for staff and leads, so the demo shows the workflows."""
        if not MembershipApplication.objects.filter(organization_name="Arctic Sodium Batteries").exists():
            MembershipApplication.objects.create(
                organization_name="Arctic Sodium Batteries",
                kind=Kind.INDUSTRY,
                province="QC",
                city="Sherbrooke",
                is_canadian_owned=True,
                description="Start-up building sodium-ion cells for cold climates.",
                applicant_name="Élise Fournier",
                applicant_email="elise@arctic-sodium.example.ca",
            )
        financing = groups["financing"]
        member = people["member"]
        if not GroupMembership.objects.filter(group=financing, user=member).exists():
            JoinRequest.objects.get_or_create(
                group=financing,
                user=member,
                status=JoinRequest.Status.PENDING,
                defaults={
                    "message": "Our plant needs growth-stage capital; I'd like to help shape the fund."
                },
            )

    def _roadmap_progress(self, organizations, people):
        """Owners, dates and a few status updates, so the roadmap shows progress, due updates and
        an overdue action. Needs the roadmap (load_roadmap); skipped without it, and for actions
        that already have updates."""
        today = timezone.localdate()
        actions = {action.code: action for action in Action.objects.filter(code__in=DEMO_PROGRESS)}
        if not actions:
            self.stdout.write("  roadmap not loaded: run load_roadmap first for demo progress")
            return
        Action.objects.filter(code="FIN-1").update(owner=people["contact"])
        for code, (months_started, months_left, steps) in DEMO_PROGRESS.items():
            action = actions.get(code)
            if action is None or action.updates.exists():
                continue
            Action.objects.filter(pk=action.pk).update(
                start_date=today - timedelta(days=30 * months_started),
                target_date=today + timedelta(days=30 * months_left),
            )
            for days_ago, status, percent, summary, blockers in steps:
                action.refresh_from_db()
                author = (
                    people["lead"] if action.working_group_id and code.startswith("FIN") else people["staff"]
                )
                update = status_update_post(
                    action=action,
                    author=author,
                    version=action.version,
                    status=status,
                    percent_done=percent,
                    summary=summary,
                    blockers=blockers,
                )
                posted_at = timezone.now() - timedelta(days=days_ago)
                StatusUpdate.objects.filter(pk=update.pk).update(created_at=posted_at)
                Action.objects.filter(pk=action.pk).update(last_update_at=posted_at)
            action.refresh_from_db()
            action_schedule_changed(action=action)
        Action.objects.filter(code="FIN-1").first().lead_organizations.add(
            organizations["Northern Cells Inc."]
        )

    def _indicators(self, people):
        """Baselines and a few yearly values (demo figures, not real data), so the dashboard shows
        each progress class; and the public progress page switched on. Skipped for indicators
        that already have a baseline or values."""
        indicators = {indicator.name_en: indicator for indicator in Indicator.objects.all()}
        for name, (baseline, values) in DEMO_INDICATORS.items():
            indicator = indicators.get(name)
            if indicator is None or indicator.baseline_year or indicator.values.exists():
                continue
            indicator.baseline_value, indicator.baseline_year = baseline
            indicator.full_clean()
            indicator.save()
            for measured_on, value in values:
                recorded = IndicatorValue(
                    indicator=indicator,
                    value=value,
                    measured_on=measured_on,
                    source="Demo figure (not real data)",
                    recorded_by=people["staff"],
                )
                recorded.full_clean()
                recorded.save()
        page = PublicProgressPage.load()
        page.is_enabled = True
        page.save()

    def _patent_pool(self, organizations, people):
        """A few listings in the pool, a draft, and one licence request each way for the demo
        contact's organization (Northern Cells Inc.). Once only: skipped when listings exist."""
        if PatentListing.objects.exists():
            return
        areas = {area.code: area for area in TechnologyArea.objects.all()}
        today = timezone.localdate()
        listings = {}
        for owner_name, title, number, terms, area_codes, abstract, published in DEMO_LISTINGS:
            owner = organizations[owner_name]
            actor = owner.memberships.filter(role=Membership.Role.CONTACT).first().user
            listing = listing_create(
                organization=owner,
                actor=actor,
                title=title,
                number=number,
                jurisdiction="CA",
                filing_date=today - timedelta(days=900),
                expiry_date=today + timedelta(days=365 * 15),
                abstract=abstract,
                licence_terms=terms,
                technology_areas=[areas[code] for code in area_codes],
            )
            if published:
                listing_publish(listing=listing, actor=actor)
            listings[title] = listing
        request_create(
            listing=listings["Dry electrode coating without solvents"],
            organization=organizations["Northern Cells Inc."],
            requested_by=people["contact"],
            intended_use="Pilot line for LFP cells in Bécancour.",
            message="We would start with a one-year evaluation licence.",
        )
        maple = organizations["Maple Recycling Technologies"]
        request_create(
            listing=listings["Cold-weather electrolyte additive"],
            organization=maple,
            requested_by=maple.memberships.first().user,
            intended_use="Second-life packs for northern microgrids.",
        )

    def _print_sign_ins(self):
        self.stdout.write(self.style.SUCCESS("\nDemo data is ready. Sign in at http://127.0.0.1:8000 with:"))
        for email, _name, password, role in DEMO_PEOPLE:
            self.stdout.write(f"  {role:<40} {email:<32} {password}")
        self.stdout.write("  (the secretariat's admin is at http://127.0.0.1:8000/admin/)\n")
