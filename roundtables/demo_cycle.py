"""Demo data for the edition in office (the cycle dashboard's default, Colombia's
chairmanship in the demo): its concept note in consultation, a small roundtable programme
with co-chair seats filled and open, papers in each state, inputs waiting for a decision
and translations due this week. Written through the services like roundtables/demo.py.
Idempotent: each part stops when the edition already has it. Called by `manage.py
load_demo` after every app's `load`."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from gfmd.demo import STAFF_USERNAME
from gfmd.models import Country, Organisation
from roundtables.enums import CoChairOrigin, Decision
from roundtables.models import Roundtable, Session, Theme, WorkingPaper
from roundtables.services import cochairs as c
from roundtables.services import papers as p
from roundtables.services.inputs import input_decide, input_submit
from roundtables.services.programme import session_create
from roundtables.services.translations import version_translations_request
from roundtables.services.versions import version_add_text

# roundtable number, title, sessions (number, title, confirmed co-chairs, proposed)
PROGRAMME = [
    (
        1,
        "Climate, mobility and regular pathways",
        [
            (1, "Regular pathways for people moving in the context of climate change",
             ["ESP", "SEN"], []),
            (2, "Skills partnerships and labour mobility in the Americas", ["CAN", "KEN"], []),
        ],
    ),
    (
        2,
        "Inclusion, diaspora and local development",
        [
            (1, "Diaspora finance for local development", ["PRT"], []),
            (2, "Migrants' inclusion in cities and local services", [], ["ECU"]),
        ],
    ),
]  # fmt: skip

INPUTS = [
    ("MEX", "Add the Mexico-Canada seasonal workers programme as a practice.", ""),
    ("PHL", "Say how pre-departure training covers climate-related risks.", "POEA 2023 report"),
    ("MAR", "Name the regional consultative processes that already work on this.", ""),
]


CONCEPT_NOTE = (
    "Concept note of the chairmanship\n"
    "Theme: migration, climate and the future of work\n"
    "Proposed roundtables and the Summit's calendar\n"
)


def load_chair_documents(edition, staff) -> None:
    """The edition's concept note, in consultation of the Friends of the Forum with a
    deadline three weeks ahead, and two inputs (issue 12). Idempotent."""
    if WorkingPaper.objects.filter(edition=edition, kind="concept_note").exists():
        return
    note = p.document_create(
        actor=staff, edition=edition, kind="concept_note", title=f"Concept note: {edition.title}"
    )
    version_add_text(actor=staff, paper=note, text=CONCEPT_NOTE, note="Chair's first draft")
    p.paper_start_drafting(actor=staff, paper=note)
    deadline = (timezone.now() + timedelta(days=21)).replace(hour=17, minute=0, second=0)
    p.paper_open_consultation(
        actor=staff, paper=note, deadline=deadline, reason="Friends of the Forum consultation"
    )
    for iso3, text in (
        ("MEX", "Add a session on regular pathways for climate-affected migrants."),
        ("PHL", "Keep the Summit's calendar clear of the IMRF preparations."),
    ):
        country = Country.objects.filter(iso3=iso3).first()
        if country is not None:
            input_submit(actor=staff, paper=note, text=text, country=country)


def load_cycle(edition, stdout) -> None:
    staff = get_user_model().objects.get(username=STAFF_USERNAME)
    load_chair_documents(edition, staff)
    if Roundtable.objects.filter(edition=edition).exists():
        return
    countries = {x.iso3: x for x in Country.objects.all()}
    themes = list(Theme.objects.order_by("id"))
    sessions = {}
    for number, title, items in PROGRAMME:
        roundtable = Roundtable.objects.create(edition=edition, number=number, title=title)
        for s_number, s_title, confirmed, proposed in items:
            session = session_create(
                actor=staff,
                session=Session(
                    roundtable=roundtable,
                    number=s_number,
                    title=s_title,
                    theme=themes[(number + s_number) % len(themes)] if themes else None,
                ),
            )
            sessions[(number, s_number)] = session
            for iso3 in confirmed:
                cochair = c.cochair_propose(
                    actor=staff,
                    session=session,
                    country=countries[iso3],
                    origin=CoChairOrigin.VOLUNTEERED,
                )
                c.cochair_confirm(actor=staff, cochair=cochair)
            for iso3 in proposed:
                c.cochair_propose(
                    actor=staff,
                    session=session,
                    country=countries[iso3],
                    origin=CoChairOrigin.NOMINATED,
                )
    today = timezone.localdate()

    # RT 1.1: in consultation until in twelve days; one input decided, two waiting.
    paper = sessions[(1, 1)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version_add_text(actor=staff, paper=paper, text=f"{paper.session.title}\nZero draft\n")
    p.paper_open_consultation(
        actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=12)
    )
    iom = Organisation.objects.filter(acronym="IOM").first()
    for index, (iso3, text, evidence) in enumerate(INPUTS):
        item = input_submit(
            actor=staff, paper=paper, country=countries[iso3], text=text, evidence=evidence
        )
        if index == 0:
            input_decide(
                actor=staff, item=item, decision=Decision.INCLUDED, reason="Added as a box."
            )
    if iom is not None:
        input_submit(actor=staff, paper=paper, organisation=iom, text="Cite the IOM atlas.")

    # RT 1.2: drafting; its draft sent for translation, French due this week.
    paper = sessions[(1, 2)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version = version_add_text(
        actor=staff, paper=paper, text=f"{paper.session.title}\nFirst draft\n"
    )
    for language, days in (("fr", 4), ("es", 18)):
        version_translations_request(
            actor=staff,
            version=version,
            languages=[language],
            translator_name="UN Geneva translation service",
            due_date=today + timedelta(days=days),
        )

    # RT 2.1: final after a short consultation with no inputs.
    paper = sessions[(2, 1)].paper
    p.paper_start_drafting(actor=staff, paper=paper)
    version_add_text(actor=staff, paper=paper, text=f"{paper.session.title}\nFinal draft\n")
    p.paper_open_consultation(actor=staff, paper=paper, deadline=timezone.now() + timedelta(days=3))
    p.paper_finalise(actor=staff, paper=paper)
    # RT 2.2: planned, no co-chair confirmed yet.
