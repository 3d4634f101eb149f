"""Demo data for the governance core: the real sequence of chairs 2007-2020 (domain.md),
a plausible Steering Group and Friends list, a few meetings and some accounts.

Writes through the services, so the demo also shows an activity log. Idempotent: it
stops early when the first edition already exists.
"""

from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from oauth2_provider.models import Application

from gfmd import demo_mechanisms
from gfmd.enums import AttendanceRole, FocalPointRole, FriendsRole, MeetingBody, OrganisationKind
from gfmd.models import (
    AgendaItem,
    Attendance,
    BalancePolicy,
    Country,
    Edition,
    FocalPoint,
    FriendsParticipation,
    Meeting,
    Organisation,
    SteeringGroupMembership,
)
from gfmd.platform.roles import SUPPORT_UNIT_GROUP
from gfmd.platform.services.records import record_save
from gfmd.services.clients import partner_client_register
from gfmd.services.countries import country_override_development
from gfmd.services.editions import edition_save

STAFF_USERNAME = "staff"
DEMO_PASSWORD = "gfmd-demo-2026"
# A partner client for the docs/api.md walkthrough (demo only: a real client's secret is
# random and shown once).
DEMO_CLIENT_ID = "demo-germany-portal"
DEMO_CLIENT_SECRET = "gfmd-demo-client-secret-2026"

# ordinal, years, title, city, host ISO3, chairs, start, end
EDITIONS = [
    (
        1,
        (2007, None),
        "GFMD 2007 Brussels",
        "Brussels",
        "BEL",
        ["BEL"],
        date(2007, 7, 9),
        date(2007, 7, 11),
    ),
    (
        2,
        (2008, None),
        "GFMD 2008 Manila",
        "Manila",
        "PHL",
        ["PHL"],
        date(2008, 10, 27),
        date(2008, 10, 30),
    ),
    (
        3,
        (2009, None),
        "GFMD 2009 Athens",
        "Athens",
        "GRC",
        ["GRC"],
        date(2009, 11, 4),
        date(2009, 11, 5),
    ),
    (
        4,
        (2010, None),
        "GFMD 2010 Puerto Vallarta",
        "Puerto Vallarta",
        "MEX",
        ["MEX"],
        date(2010, 11, 8),
        date(2010, 11, 11),
    ),
    (
        5,
        (2011, None),
        "GFMD 2011 Geneva",
        "Geneva",
        "CHE",
        ["CHE"],
        date(2011, 12, 1),
        date(2011, 12, 2),
    ),
    (
        6,
        (2012, None),
        "GFMD 2012 Port Louis",
        "Port Louis",
        "MUS",
        ["MUS"],
        date(2012, 11, 21),
        date(2012, 11, 22),
    ),
    (
        7,
        (2013, 2014),
        "GFMD 2013-2014 Stockholm",
        "Stockholm",
        "SWE",
        ["SWE"],
        date(2014, 5, 14),
        date(2014, 5, 16),
    ),
    (
        8,
        (2015, None),
        "GFMD 2015 Istanbul",
        "Istanbul",
        "TUR",
        ["TUR"],
        date(2015, 10, 14),
        date(2015, 10, 16),
    ),
    (
        9,
        (2016, None),
        "GFMD 2016 Dhaka",
        "Dhaka",
        "BGD",
        ["BGD"],
        date(2016, 12, 10),
        date(2016, 12, 12),
    ),
    (
        10,
        (2017, 2018),
        "GFMD 2017-2018 Berlin and Marrakesh",
        "Marrakesh",
        "MAR",
        ["DEU", "MAR"],
        date(2018, 12, 5),
        date(2018, 12, 7),
    ),
    (
        11,
        (2019, None),
        "GFMD 2019 Quito",
        "Quito",
        "ECU",
        ["ECU"],
        date(2020, 1, 20),
        date(2020, 1, 24),
    ),
    (
        12,
        (2020, None),
        "GFMD 2020 United Arab Emirates (virtual)",
        "",
        None,
        ["ARE"],
        date(2021, 1, 18),
        date(2021, 1, 26),
    ),
]

ORGANISATIONS = [
    ("International Organization for Migration", "IOM", OrganisationKind.UN_AGENCY, True),
    (
        "Office of the United Nations High Commissioner for Refugees",
        "UNHCR",
        OrganisationKind.UN_AGENCY,
        True,
    ),
    ("International Labour Organization", "ILO", OrganisationKind.UN_AGENCY, True),
    ("United Nations Development Programme", "UNDP", OrganisationKind.UN_AGENCY, True),
    ("United Nations Population Fund", "UNFPA", OrganisationKind.UN_AGENCY, True),
    ("United Nations Children's Fund", "UNICEF", OrganisationKind.UN_AGENCY, True),
    ("United Nations Office on Drugs and Crime", "UNODC", OrganisationKind.UN_AGENCY, True),
    ("Office of the High Commissioner for Human Rights", "OHCHR", OrganisationKind.UN_AGENCY, True),
    ("UN Department of Economic and Social Affairs", "UN DESA", OrganisationKind.UN_OFFICE, True),
    (
        "United Nations Conference on Trade and Development",
        "UNCTAD",
        OrganisationKind.UN_AGENCY,
        True,
    ),
    ("World Bank", "WB", OrganisationKind.INTERGOVERNMENTAL, True),
    (
        "Organisation for Economic Co-operation and Development",
        "OECD",
        OrganisationKind.INTERGOVERNMENTAL,
        False,
    ),
    (
        "Office of the UN Secretary-General's Special Representative on International "
        "Migration and Development",
        "SRSG",
        OrganisationKind.UN_OFFICE,
        False,
    ),
]

STEERING_GROUP = [
    "AUS",
    "BGD",
    "BEL",
    "BRA",
    "CAN",
    "DEU",
    "ECU",
    "EGY",
    "ESP",
    "ETH",
    "FRA",
    "GHA",
    "GRC",
    "IDN",
    "IND",
    "ITA",
    "KEN",
    "KOR",
    "MAR",
    "MEX",
    "NLD",
    "NGA",
    "PHL",
    "PRT",
    "SEN",
    "SWE",
    "CHE",
    "TUR",
    "ARE",
    "USA",
]


def demo_user(username, first, last, *, staff=False):
    """A demo account with the demo password (created once)."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@example.org",
            "is_staff": staff,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def demo_partner_client(staff) -> None:
    """Germany's ministry portal, with fixed credentials so the walkthrough runs verbatim."""
    if Application.objects.filter(client_id=DEMO_CLIENT_ID).exists():
        return
    client, _ = partner_client_register(
        actor=staff,
        name="Germany ministry portal (demo)",
        scopes=["read", "write", "inputs:submit", "webhooks:manage"],
        country=Country.objects.get(iso3="DEU"),
        contact_email="portal@example.org",
    )
    application = client.application
    application.client_id, application.client_secret = DEMO_CLIENT_ID, DEMO_CLIENT_SECRET
    application.save()  # the toolkit stores the secret hashed


def load(stdout) -> None:
    staff = demo_user(STAFF_USERNAME, "Support", "Unit", staff=True)
    group, _ = Group.objects.get_or_create(name=SUPPORT_UNIT_GROUP)
    staff.groups.add(group)
    demo_partner_client(staff)
    if Edition.objects.filter(ordinal=1).exists():
        stdout.write("Governance demo data already loaded.")
        demo_mechanisms.load(staff, stdout)
        return

    countries = {c.iso3: c for c in Country.objects.all()}
    organisations = {}
    for name, acronym, kind, gmg in ORGANISATIONS:
        organisations[acronym] = record_save(
            actor=staff,
            instance=Organisation(
                name=name,
                acronym=acronym,
                kind=kind,
                gmg_member=gmg,
                headquarters=countries["CHE"]
                if acronym in ("IOM", "UNHCR", "ILO", "OHCHR")
                else None,
            ),
        )

    editions = {}
    for ordinal, (y1, y2), title, city, host, chairs, start, end in EDITIONS:
        editions[ordinal] = edition_save(
            actor=staff,
            edition=Edition(
                ordinal=ordinal,
                year_start=y1,
                year_end=y2,
                title=title,
                venue_city=city,
                venue_country=countries.get(host),
                start_date=start,
                end_date=end,
            ),
            chairs=[countries[c] for c in chairs],
        )

    country_override_development(
        actor=staff,
        country=countries["KOR"],
        status="developed",
        reason="OECD Development Assistance Committee member since 2010; the Steering Group "
        "counts it with the developed group.",
    )
    record_save(
        actor=staff,
        instance=BalancePolicy(
            effective_from=date(2007, 1, 1),
            target_developed_share=Decimal("0.50"),
            tolerance=Decimal("0.10"),
            required_regions=["Africa", "Americas", "Asia", "Europe", "Oceania"],
            note="Balanced between developed and developing countries, all regions represented.",
        ),
    )
    for index, iso3 in enumerate(STEERING_GROUP):
        record_save(
            actor=staff,
            instance=SteeringGroupMembership(
                country=countries[iso3],
                start_date=date(2008 + index % 6, 1, 1),
                joined_edition=editions[2 + index % 6],
            ),
        )

    for edition in (editions[11], editions[12]):
        states = [c for c in countries.values() if c.is_state][: 120 + edition.ordinal]
        FriendsParticipation.objects.bulk_create(
            FriendsParticipation(edition=edition, country=c, role=FriendsRole.PARTICIPANT)
            for c in states
        )
        FriendsParticipation.objects.bulk_create(
            FriendsParticipation(edition=edition, organisation=o, role=FriendsRole.OBSERVER)
            for a, o in organisations.items()
            if a != "SRSG"
        )

    _meetings(staff, editions[12], countries, organisations)
    _accounts(staff, countries, organisations)
    stdout.write(
        f"Governance demo: {len(editions)} editions, {len(STEERING_GROUP)} Steering "
        f"Group members, {len(organisations)} organisations."
    )
    demo_mechanisms.load(staff, stdout)


def _meetings(staff, edition, countries, organisations):
    plans = [
        (
            MeetingBody.STEERING_GROUP,
            "First Steering Group meeting, GFMD 2020",
            date(2020, 2, 11),
            "Geneva",
            "CHE",
            False,
        ),
        (
            MeetingBody.FRIENDS_OF_THE_FORUM,
            "First Friends of the Forum meeting, GFMD 2020",
            date(2020, 2, 12),
            "Geneva",
            "CHE",
            False,
        ),
        (MeetingBody.TROIKA, "Troika consultation", date(2020, 6, 3), "", None, True),
        (
            MeetingBody.STEERING_GROUP,
            "Second Steering Group meeting, GFMD 2020",
            date(2020, 9, 22),
            "",
            None,
            True,
        ),
    ]
    for body, title, day, city, country, virtual in plans:
        meeting = record_save(
            actor=staff,
            instance=Meeting(
                edition=edition,
                body=body,
                title=title,
                start_date=day,
                city=city,
                country=countries.get(country),
                is_virtual=virtual,
                virtual_link="https://meet.example.org/gfmd" if virtual else "",
            ),
        )
        for position, item in enumerate(
            [
                "Opening by the Chair",
                "Thematic priorities and roundtables",
                "Civil Society Days and Common Space",
                "Any other business",
            ],
            start=1,
        ):
            record_save(
                actor=staff, instance=AgendaItem(meeting=meeting, position=position, title=item)
            )
        if body == MeetingBody.STEERING_GROUP:
            for iso3 in STEERING_GROUP[:20]:
                Attendance.objects.create(
                    meeting=meeting, country=countries[iso3], role=AttendanceRole.MEMBER
                )
            Attendance.objects.create(
                meeting=meeting,
                organisation=organisations["SRSG"],
                role=AttendanceRole.INVITED_GUEST,
            )
            Attendance.objects.create(
                meeting=meeting, organisation=organisations["IOM"], role=AttendanceRole.OBSERVER
            )
        elif body == MeetingBody.TROIKA:
            for iso3 in ("ECU", "ARE"):
                Attendance.objects.create(
                    meeting=meeting, country=countries[iso3], role=AttendanceRole.MEMBER
                )
        else:
            for iso3 in STEERING_GROUP:
                Attendance.objects.create(
                    meeting=meeting, country=countries[iso3], role=AttendanceRole.MEMBER
                )
            for acronym in ("IOM", "UNHCR", "ILO", "WB"):
                Attendance.objects.create(
                    meeting=meeting,
                    organisation=organisations[acronym],
                    role=AttendanceRole.OBSERVER,
                )


def _accounts(staff, countries, organisations):
    for username, first, last, country, organisation in [
        ("focal.germany", "Greta", "Neumann", "DEU", None),
        ("focal.morocco", "Youssef", "Alaoui", "MAR", None),
        ("focal.ecuador", "Lucia", "Andrade", "ECU", None),
        ("focal.uae", "Mariam", "Al Mansoori", "ARE", None),
        ("focal.iom", "Daniel", "Okafor", None, "IOM"),
    ]:
        user = demo_user(username, first, last)
        record_save(
            actor=staff,
            instance=FocalPoint(
                user=user,
                country=countries.get(country),
                organisation=organisations.get(organisation),
                role=FocalPointRole.FOCAL_POINT,
                start_date=date(2019, 1, 1),
            ),
        )
