"""Demo data: the theme catalogue, a full roundtable programme for GFMD 2020 (UAE) in
every workflow state, and recurring-theme sessions in earlier editions.

Writes through the services, so the demo also shows the activity log and notifications.
Idempotent: stops when GFMD 2020 already has roundtables. Called by `manage.py load_demo`.
"""

from datetime import UTC, datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gfmd.demo import STAFF_USERNAME
from gfmd.models import Country, Edition, Organisation
from gfmd.platform.services.translations import translation_transition
from roundtables.demo_cycle import load_cycle  # noqa: F401  (load_demo calls it)
from roundtables.enums import CoChairOrigin, Decision
from roundtables.models import Roundtable, Session, Theme
from roundtables.services import cochairs as c
from roundtables.services import papers as p
from roundtables.services import teams as t
from roundtables.services.inputs import input_decide, input_submit
from roundtables.services.programme import session_create
from roundtables.services.translations import version_translations_request
from roundtables.services.versions import version_add_text

THEMES = [
    ("Human capital development and labour mobility", False),
    ("Remittances and diaspora resources", False),
    ("Rights of migrants", False),
    ("Legal admission and irregular migration", False),
    ("Integration and reintegration", False),
    ("Policy and institutional coherence and partnerships", False),
    ("Impact of the financial crisis", True),
    ("Migrants in countries in crisis", True),
    ("Environmental change and human mobility", True),
    ("Technology and the future of human mobility", True),
]

# GFMD 2020: roundtable number, title, sessions (number, title, theme index).
PROGRAMME_2020 = [
    (
        1,
        "Migration, technology and the future of work",
        [
            (1, "Leveraging new technologies to empower migrants", 9),
            (2, "Skills mobility partnerships for the post-pandemic labour market", 0),
        ],
    ),
    (
        2,
        "Remittances, diaspora and inclusion",
        [
            (1, "Lowering remittance costs through digital channels", 1),
            (2, "Diaspora investment and social entrepreneurship", 1),
        ],
    ),
    (
        3,
        "Partnerships for regular pathways and protection",
        [
            (1, "Regular pathways and the fight against irregular migration", 3),
            (2, "Climate change, disasters and human mobility", 8),
        ],
    ),
]

# Recurring themes in earlier editions (ordinal, RT number, session title, theme index).
EARLIER = [
    (2, 2, "Remittances and other diaspora resources: making them work for development", 1),
    (5, 2, "Lowering the costs of migration and remittances", 1),
    (7, 3, "Harnessing diaspora resources, remittances and financial inclusion", 1),
    (2, 1, "Protecting the rights of migrants: a shared responsibility", 2),
    (4, 1, "Partnerships for more regular and protected migration", 3),
]

DRAFT_1 = """Leveraging new technologies to empower migrants
1. Digital identity lets migrants open accounts and prove their skills.
2. Online recruitment platforms can reduce fees paid to intermediaries.
3. Data protection must come first.
"""
DRAFT_2 = """Leveraging new technologies to empower migrants
1. Digital identity lets migrants open accounts and prove their skills across borders.
2. Online recruitment platforms, when regulated, reduce fees paid to intermediaries.
3. Data protection must come first; governments should agree common safeguards.
4. Digital literacy programmes before departure.
"""
FINAL = DRAFT_2 + "5. Recommendations for follow-up by participating governments.\n"
FINAL_FR = """Tirer parti des nouvelles technologies pour autonomiser les migrants
1. L'identité numérique permet aux migrants d'ouvrir des comptes et de faire valoir leurs
compétences au-delà des frontières.
2. Les plateformes de recrutement en ligne, lorsqu'elles sont réglementées, réduisent les
frais versés aux intermédiaires.
3. La protection des données passe avant tout ; les gouvernements devraient convenir de
garanties communes.
4. Des programmes d'alphabétisation numérique avant le départ.
5. Recommandations de suivi à l'intention des gouvernements participants.
"""


def _fmt(day, hour=9):
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def load(stdout) -> None:
    edition = Edition.objects.filter(ordinal=12).first()
    if edition is None:
        stdout.write("Roundtables demo skipped: GFMD 2020 is not loaded.")
        return
    if Roundtable.objects.filter(edition=edition).exists():
        stdout.write("Roundtables demo data already loaded.")
        return
    User = get_user_model()
    staff = User.objects.get(username=STAFF_USERNAME)
    users = {u.username: u for u in User.objects.filter(username__startswith="focal.")}
    countries = {x.iso3: x for x in Country.objects.all()}
    iom = Organisation.objects.filter(acronym="IOM").first()

    themes = [
        Theme.objects.get_or_create(name=name, defaults={"is_emerging": emerging})[0]
        for name, emerging in THEMES
    ]
    sessions = {}
    start = edition.start_date
    for number, title, items in PROGRAMME_2020:
        roundtable = Roundtable.objects.create(edition=edition, number=number, title=title)
        for s_number, s_title, theme in items:
            slot = _fmt(start + timedelta(days=number - 1), 9 if s_number == 1 else 14)
            sessions[(number, s_number)] = session_create(
                actor=staff,
                session=Session(
                    roundtable=roundtable,
                    number=s_number,
                    title=s_title,
                    theme=themes[theme],
                    slot_start=slot,
                    slot_end=slot + timedelta(hours=3),
                    room="Virtual room " + "ABC"[number - 1],
                ),
            )

    def propose(key, iso3, origin=CoChairOrigin.NOMINATED, actor=staff):
        return c.cochair_propose(
            actor=actor, session=sessions[key], country=countries[iso3], origin=origin
        )

    def confirm(key, iso3, origin=CoChairOrigin.NOMINATED):
        return c.cochair_confirm(actor=staff, cochair=propose(key, iso3, origin))

    def team(key, iso3):
        t.team_accept(
            actor=staff,
            membership=t.team_request(actor=staff, session=sessions[key], country=countries[iso3]),
        )

    # RT 1.1: ready, paper distributed and published, inputs traced to the final version.
    confirm((1, 1), "DEU", CoChairOrigin.VOLUNTEERED)
    confirm((1, 1), "MAR", CoChairOrigin.VOLUNTEERED)
    team((1, 1), "FRA")
    team((1, 1), "PHL")
    paper = sessions[(1, 1)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version_add_text(
        actor=users.get("focal.germany", staff), paper=paper, text=DRAFT_1, note="Zero draft"
    )
    version_add_text(
        actor=users.get("focal.morocco", staff),
        paper=paper,
        text=DRAFT_2,
        note="After the Steering Group",
    )
    p.paper_open_consultation(
        actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=21)
    )
    inputs = [
        input_submit(
            actor=staff,
            paper=paper,
            country=countries["MEX"],
            text="Add regulated recruitment platforms as a good practice.",
            evidence="https://example.org/ilo-fair-recruitment-2019",
        ),
        input_submit(
            actor=users.get("focal.iom", staff),
            paper=paper,
            organisation=iom if "focal.iom" not in users else None,
            text="Include digital literacy before departure.",
            evidence="IOM pre-departure orientation evaluation, 2019",
        ),
        input_submit(
            actor=staff,
            paper=paper,
            country=countries["SWE"],
            text="Mention blockchain land registries.",
            evidence="",
        ),
    ]
    input_decide(
        actor=staff,
        item=inputs[0],
        decision=Decision.INCLUDED,
        reason="Backed by the ILO study; added to point 2.",
    )
    input_decide(
        actor=staff,
        item=inputs[1],
        decision=Decision.PARTLY_INCLUDED,
        reason="Point 4 added; the cost estimate lacked a source.",
    )
    input_decide(
        actor=staff, item=inputs[2], decision=Decision.NOT_INCLUDED, reason="No evidence offered."
    )
    version_add_text(actor=staff, paper=paper, text=FINAL, note="Final text")
    p.paper_finalise(actor=staff, paper=paper)
    p.paper_distribute(actor=staff, paper=paper)
    p.paper_set_public(actor=staff, paper=paper, public=True)
    # Its final version in French (published) and Spanish (requested from a service).
    final = paper.versions.order_by("-number").first()
    french, _spanish = version_translations_request(
        actor=staff,
        version=final,
        languages=["fr", "es"],
        translator_name="UN Geneva translation service",
        due_date=timezone.localdate() + timedelta(days=14),
    )
    for step, kwargs in (("start", {}), ("submit", {"text": FINAL_FR}), ("publish", {})):
        translation_transition(actor=staff, translation=french, name=step, **kwargs)

    # RT 1.2: Germany co-chairs a second session (flagged); paper in consultation.
    confirm((1, 2), "DEU")
    confirm((1, 2), "PHL")
    team((1, 2), "ITA")
    paper = sessions[(1, 2)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version_add_text(actor=staff, paper=paper, text="Skills mobility partnerships\nDraft 1\n")
    p.paper_open_consultation(
        actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=10)
    )
    first = input_submit(
        actor=staff,
        paper=paper,
        country=countries["BGD"],
        text="Recognition of prior learning deserves its own section.",
        evidence="https://example.org/skills-recognition",
    )
    input_decide(actor=staff, item=first, decision=Decision.INCLUDED, reason="Agreed.")
    input_submit(
        actor=staff,
        paper=paper,
        country=countries["GHA"],
        text="Add the return and reintegration angle.",
        evidence="AU labour migration report",
    )

    # RT 2.1: one seat filled, Sweden's volunteering waits on the board; paper drafting.
    confirm((2, 1), "ECU", CoChairOrigin.VOLUNTEERED)
    propose((2, 1), "SWE", CoChairOrigin.VOLUNTEERED)
    t.team_request(actor=staff, session=sessions[(2, 1)], country=countries["KEN"])
    paper = sessions[(2, 1)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version_add_text(actor=staff, paper=paper, text="Remittance costs\nAverage cost 7%\n")
    version_add_text(
        actor=staff,
        paper=paper,
        text="Remittance costs\nAverage cost 6.5% (World Bank)\nDigital channels\n",
    )

    # RT 2.2: two proposals, no seat filled; paper planned.
    propose((2, 2), "CAN")
    propose((2, 2), "BGD", CoChairOrigin.VOLUNTEERED)

    # RT 3.1: Korea counts as developed (policy override); paper final, not distributed.
    confirm((3, 1), "KOR")
    confirm((3, 1), "MEX")
    paper = sessions[(3, 1)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version_add_text(actor=staff, paper=paper, text="Regular pathways\nFinal draft\n")
    p.paper_open_consultation(actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=5))
    p.paper_finalise(actor=staff, paper=paper)

    # RT 3.1's rapporteur report (an outcome document): distributed and public, so the
    # outcomes archive has an entry; it names no government (the Chatham House guard).
    report = p.document_create(
        actor=staff,
        edition=edition,
        kind="rapporteur_report",
        session=sessions[(3, 1)],
        title="Rapporteur report: regular pathways",
    )
    p.paper_start_drafting(actor=staff, paper=report)
    version_add_text(
        actor=staff,
        paper=report,
        text="Participants called for more regular pathways and for data shared across regions.\n",
    )
    p.paper_open_consultation(
        actor=staff, paper=report, deadline=timezone.now() + timedelta(days=5)
    )
    p.paper_finalise(actor=staff, paper=report)
    p.paper_distribute(actor=staff, paper=report)
    p.paper_set_public(actor=staff, paper=report, public=True)

    # RT 3.2: a declined proposal and a withdrawal: both seats open.
    c.cochair_decline(
        actor=staff,
        cochair=propose((3, 2), "NLD"),
        reason="The Netherlands already co-chairs in the Civil Society Days.",
    )
    c.cochair_withdraw(
        actor=staff, cochair=confirm((3, 2), "FJI"), reason="Cyclone response takes priority."
    )

    for ordinal, rt_number, title, theme in EARLIER:
        earlier = Edition.objects.filter(ordinal=ordinal).first()
        if earlier is None:
            continue
        roundtable, _ = Roundtable.objects.get_or_create(
            edition=earlier, number=rt_number, defaults={"title": themes[theme].name}
        )
        number = roundtable.sessions.count() + 1
        session_create(
            actor=staff,
            session=Session(roundtable=roundtable, number=number, title=title, theme=themes[theme]),
        )
    stdout.write(
        f"Roundtables demo: {len(sessions)} sessions for {edition}, "
        f"{len(EARLIER)} earlier sessions, {len(themes)} themes."
    )
