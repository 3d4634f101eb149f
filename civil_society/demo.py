"""Demo data for the Civil Society Days of GFMD 2020: an advisory committee, 300
civil-society organisations (a few of them near-duplicates to merge), 300 applications with
their delegates and reviews, a selection policy and the programme.

Bulk inserts keep it to a second or two. Idempotent: stops when the CSD edition exists.
"""

import random
from datetime import UTC, date, datetime, timedelta

from civil_society.demo_cycle import load_cycle  # noqa: F401  (load_demo calls it)
from civil_society.enums import (
    CommitteeRole,
    CommonSpaceSide,
    LedCheck,
    Sector,
    SessionOrigin,
)
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    Delegate,
    PeoplesGlobalActionDocument,
    Recommendation,
    Review,
    SelectionPolicy,
)
from civil_society.models.organisations import normalise_name, website_domain
from gfmd.demo import demo_user
from gfmd.enums import OrganisationKind
from gfmd.models import Country, Edition, FocalPoint, Organisation

FORUM_ORDINAL = 12
ORGANISATIONS = 300
SEED = 2020

NAME_PARTS = {
    Sector.DEVELOPMENT: (
        ["Action", "Partners", "Alliance", "Solidarity", "Bridge"],
        "for Development",
    ),
    Sector.MIGRANT_DIASPORA: (
        ["Migrant", "Diaspora", "Workers", "Families", "Community"],
        "Network",
    ),
    Sector.TRADE_UNION: (
        ["Federation", "Congress", "Union", "Confederation", "Council"],
        "of Labour",
    ),
    Sector.PRIVATE_SECTOR: (
        ["Employers", "Business", "Recruiters", "Enterprise", "Industry"],
        "Association",
    ),
    Sector.ACADEMIA: (
        ["Institute", "Centre", "Observatory", "School", "Programme"],
        "for Migration Studies",
    ),
}
SECTOR_WEIGHTS = [
    (Sector.DEVELOPMENT, 30),
    (Sector.MIGRANT_DIASPORA, 35),
    (Sector.TRADE_UNION, 12),
    (Sector.PRIVATE_SECTOR, 10),
    (Sector.ACADEMIA, 13),
]
FIRST = [
    "Amina",
    "Carlos",
    "Mei",
    "Olusegun",
    "Priya",
    "Jonas",
    "Fatima",
    "Luis",
    "Grace",
    "Tariq",
    "Ana",
    "Kwame",
    "Sofia",
    "Rahul",
    "Leila",
    "Mateo",
    "Nadia",
    "Samuel",
]
LAST = [
    "Diallo",
    "Garcia",
    "Chen",
    "Adeyemi",
    "Sharma",
    "Berg",
    "Haddad",
    "Moreno",
    "Mensah",
    "Rahman",
    "Silva",
    "Owusu",
    "Rossi",
    "Kapoor",
    "Nasser",
    "Lopez",
    "Petrova",
    "Kimani",
]
THEMES = [
    "Labour mobility",
    "Remittances and diaspora",
    "Rights of migrants",
    "Irregular migration",
    "Climate and migration",
    "Integration",
]


def _user(username, first, last):
    return demo_user(username, first, last, staff=True)


def load(stdout) -> None:
    edition = Edition.objects.filter(ordinal=FORUM_ORDINAL).first()
    if edition is None:
        stdout.write("Civil Society Days demo skipped: the Forum edition is missing.")
        return
    if CSDEdition.objects.filter(edition=edition).exists():
        stdout.write("Civil Society Days demo data already loaded.")
        return
    rng = random.Random(SEED)
    states = list(
        Country.objects.filter(un_status__in=["member", "observer_state"]).order_by("iso3")
    )

    csm = Organisation.objects.create(
        name="GFMD Civil Society Mechanism", acronym="CSM", kind=OrganisationKind.CIVIL_SOCIETY
    )
    csd = CSDEdition.objects.create(
        edition=edition,
        title="Civil Society Days 2020 (virtual)",
        start_date=date(2021, 1, 12),
        end_date=date(2021, 1, 14),
        is_virtual=True,
        organising_body=csm,
        forum_start_date=edition.start_date,
    )

    # Organisations and their profiles.
    organisations, profiles = [], []
    used = set()
    for i in range(ORGANISATIONS):
        sector = rng.choices([s for s, _ in SECTOR_WEIGHTS], [w for _, w in SECTOR_WEIGHTS])[0]
        words, tail = NAME_PARTS[sector]
        country = rng.choice(states)
        name = f"{rng.choice(words)} {tail} {country.name}"
        while name.lower() in used:
            name = f"{rng.choice(words)} {rng.choice(words)} {tail} {country.name}"
        used.add(name.lower())
        slug = "".join(c for c in name.lower() if c.isalnum())[:40]
        organisations.append(
            Organisation(
                name=name,
                acronym="",
                kind=OrganisationKind.CIVIL_SOCIETY,
                headquarters=country,
                website=f"https://www.{slug}{i}.org",
            )
        )
    # Near-duplicates staff should merge: legal suffix and punctuation, same domain.
    organisations.append(
        Organisation(
            name=f"{organisations[0].name}, Inc.",
            kind=OrganisationKind.CIVIL_SOCIETY,
            headquarters=organisations[0].headquarters,
            website="http://example-dup.org",
        )
    )
    organisations.append(
        Organisation(
            name=f"The {organisations[1].name} e.V.",
            kind=OrganisationKind.CIVIL_SOCIETY,
            headquarters=organisations[1].headquarters,
        )
    )
    organisations.append(
        Organisation(
            name="Another name, same website",
            kind=OrganisationKind.CIVIL_SOCIETY,
            website=organisations[2].website.replace("https://www.", "http://"),
        )
    )
    Organisation.objects.bulk_create(organisations)
    organisations = list(
        Organisation.objects.filter(kind=OrganisationKind.CIVIL_SOCIETY)
        .exclude(pk=csm.pk)
        .order_by("id")
    )
    for org in organisations:
        sector = next(
            (s for s, (words, tail) in NAME_PARTS.items() if tail in org.name), Sector.DEVELOPMENT
        )
        led = sector == Sector.MIGRANT_DIASPORA or rng.random() < 0.15
        migrant_led = led and rng.random() < 0.7
        diaspora_led = led and not migrant_led
        check = LedCheck.NOT_DECLARED
        if migrant_led or diaspora_led:
            check = rng.choice(
                [LedCheck.PENDING, LedCheck.CONFIRMED, LedCheck.CONFIRMED, LedCheck.REJECTED]
            )
        profiles.append(
            CivilSocietyOrganisation(
                organisation=org,
                sector=sector,
                migrant_led=migrant_led,
                diaspora_led=diaspora_led,
                led_check=check,
                normalised_name=normalise_name(org.name),
                website_domain=website_domain(org.website),
            )
        )
    CivilSocietyOrganisation.objects.bulk_create(profiles)
    profiles = list(CivilSocietyOrganisation.objects.select_related("organisation").order_by("id"))
    links = CivilSocietyOrganisation.countries_of_work.through
    links.objects.bulk_create(
        links(civilsocietyorganisation_id=p.pk, country_id=c.pk)
        for p in profiles
        for c in rng.sample(states, 3)
    )

    # The advisory committee: reviewers come from some of the applying organisations.
    committee = []
    for index, (username, first, last, role) in enumerate(
        [
            ("csd.chair", "Maria", "Santos", CommitteeRole.CHAIR),
            ("csd.reviewer1", "John", "Okello", CommitteeRole.VICE_CHAIR),
            ("csd.reviewer2", "Aiko", "Tanaka", CommitteeRole.MEMBER),
            ("csd.reviewer3", "Pierre", "Dubois", CommitteeRole.MEMBER),
            ("csd.reviewer4", "Rosa", "Quispe", CommitteeRole.MEMBER),
        ]
    ):
        committee.append(
            AdvisoryCommitteeMember(
                csd_edition=csd,
                user=_user(username, first, last),
                organisation=profiles[10 + index * 7].organisation,
                role=role,
                term_start=date(2020, 1, 1),
                term_end=date(2021, 12, 31),
            )
        )
    AdvisoryCommitteeMember.objects.bulk_create(committee)
    committee = list(AdvisoryCommitteeMember.objects.filter(csd_edition=csd).order_by("id"))
    applicant = _user("focal.csd", "Ines", "Moreno")
    FocalPoint.objects.get_or_create(
        user=applicant,
        organisation=profiles[3].organisation,
        defaults={"start_date": date(2019, 1, 1)},
    )

    # Applications, delegates and reviews.
    start = datetime(2020, 9, 1, 9, 0, tzinfo=UTC)
    applications = [
        Application(
            csd_edition=csd,
            organisation=p,
            motivation=f"{p.organisation.name} works on {rng.choice(THEMES).lower()} and brings "
            "the experience of its members to the Civil Society Days.",
            contact_email=f"contact{i}@example.org",
            submitted_at=start + timedelta(minutes=37 * i),
        )
        for i, p in enumerate(profiles[:ORGANISATIONS])
    ]
    Application.objects.bulk_create(applications)
    applications = list(
        Application.objects.filter(csd_edition=csd).select_related("organisation").order_by("id")
    )
    delegates, reviews = [], []
    for i, app in enumerate(applications):
        home = app.organisation.organisation.headquarters or rng.choice(states)
        for position in range(1, 1 + (2 if rng.random() < 0.3 else 1)):
            first, last = rng.choice(FIRST), rng.choice(LAST)
            delegates.append(
                Delegate(
                    application=app,
                    csd_edition=csd,
                    position=position,
                    full_name=f"{first} {last}",
                    email=f"{first.lower()}.{last.lower()}.{i}.{position}@example.org",
                    gender=rng.choice(["female", "male", "female", "male", "other", ""]),
                    country=home if position == 1 else rng.choice(states),
                    expertise=rng.choice(THEMES),
                    roundtable_interests=rng.sample(THEMES, 2),
                )
            )
        if i % 15 == 14:
            continue  # some applications still wait for reviews
        for member in rng.sample(committee, 3):
            if member.organisation_id == app.organisation.organisation_id:
                continue  # conflict of interest: excluded
            reviews.append(
                Review(
                    application=app,
                    reviewer=member,
                    reviewer_organisation_id=member.organisation_id,
                    applicant_organisation_id=app.organisation.organisation_id,
                    score=rng.randint(3, 10),
                    comment=rng.choice(
                        [
                            "Strong grassroots base.",
                            "Relevant expertise.",
                            "Limited link to the themes.",
                            "",
                        ]
                    ),
                )
            )
    Delegate.objects.bulk_create(delegates)
    Review.objects.bulk_create(reviews)

    SelectionPolicy.objects.create(
        csd_edition=csd,
        places=120,
        waitlist_size=30,
        sector_minimums={
            "development": 15,
            "migrant_diaspora": 25,
            "trade_union": 10,
            "private_sector": 8,
            "academia": 10,
        },
        sector_min_shares={},
        min_per_region=5,
        max_region_share="0.40",
        max_per_organisation=1,
        min_reviews=2,
        note="Demo policy: every sector present, migrant-/diaspora-led priority, all regions.",
    )

    sessions = [
        CSDSession(
            csd_edition=csd,
            code=f"CSD {n}",
            title=title,
            theme=theme,
            origin=origin,
            government_session_label=label,
        )
        for n, (title, theme, origin, label) in enumerate(
            [
                (
                    "Labour mobility after the pandemic",
                    THEMES[0],
                    SessionOrigin.MIRRORS,
                    "RT 1.1 Labour mobility",
                ),
                ("Remittances in crisis", THEMES[1], SessionOrigin.MIRRORS, "RT 2.1 Remittances"),
                (
                    "Firewalls between services and immigration enforcement",
                    THEMES[2],
                    SessionOrigin.ADDED,
                    "",
                ),
                (
                    "Climate displacement instead of skills partnerships",
                    THEMES[4],
                    SessionOrigin.SUBSTITUTES,
                    "RT 1.2 Skills partnerships",
                ),
            ],
            start=1,
        )
    ]
    CSDSession.objects.bulk_create(sessions)
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                csd_edition=csd,
                title="Regularise essential workers",
                text="Governments should offer pathways to regular status for migrant workers in "
                "essential sectors.",
                addressed_session_label="RT 1.1 Labour mobility",
                is_published=True,
            ),
            Recommendation(
                csd_edition=csd,
                title="Cut remittance costs",
                text="Reduce remittance transfer costs below 3 per cent.",
                addressed_theme=THEMES[1],
            ),
        ]
    )
    space = CommonSpaceSession.objects.create(
        csd_edition=csd,
        title="Common Space: partnerships for safe migration",
        date=date(2021, 1, 18),
        theme=THEMES[0],
    )
    CommonSpaceParticipant.objects.bulk_create(
        [
            CommonSpaceParticipant(
                session=space,
                side=CommonSpaceSide.GOVERNMENT,
                country=Country.objects.get(iso3="ARE"),
                role="moderator",
            ),
            CommonSpaceParticipant(
                session=space,
                side=CommonSpaceSide.GOVERNMENT,
                country=Country.objects.get(iso3="DEU"),
            ),
            CommonSpaceParticipant(
                session=space,
                side=CommonSpaceSide.CIVIL_SOCIETY,
                delegate=Delegate.objects.filter(csd_edition=csd).order_by("id").first(),
                role="speaker",
            ),
        ]
    )
    PeoplesGlobalActionDocument.objects.create(
        csd_edition=csd,
        title="People's Global Action 2020: findings",
        summary="Workshops on labour rights, climate mobility and access to services.",
        presented_on=date(2021, 1, 14),
    )
    stdout.write(
        f"Civil Society Days demo: {len(applications)} applications, {len(delegates)} "
        f"delegates, {len(reviews)} reviews, {len(committee)} committee members "
        "(users csd.chair, csd.reviewer1-4; applicant focal point focal.csd)."
    )
