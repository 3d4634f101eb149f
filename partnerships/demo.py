"""Demo data of the Platform for Partnerships: a dozen practices written in English,
French or Spanish (some translated), most published, one returned, one in review; and a
call for PfP talks at GFMD 2020 with reviewed proposals. Idempotent: stops when the
first practice exists. Practices go in through the services (search vector, activity)."""

from django.contrib.auth import get_user_model

from gfmd.demo import STAFF_USERNAME, demo_user
from gfmd.models import Country, Edition
from partnerships.models import Practice, TalkCall, TalkProposal, TalkReview, TalkReviewer
from partnerships.services.practices import practice_submit, practice_transition
from roundtables.models import Theme

FIRST = "Skills partnerships for care workers"

# (title, summary, original language, countries or None for global, final state,
#  translations {field_lang: text})
PRACTICES = [
    (
        FIRST,
        "Germany and the Philippines train nurses before departure; employers pay.",
        "en",
        ["DEU", "PHL"],
        "published",
        {
            "title_fr": "Partenariats de compétences pour les soignants",
            "title_es": "Alianzas de competencias para cuidadores",
        },
    ),
    (
        "Travail saisonnier circulaire",
        "Le Maroc et l'Espagne organisent des saisons agricoles "
        "avec retour garanti et formation des travailleurs.",
        "fr",
        ["MAR", "ESP"],
        "published",
        {"title_es": "Trabajo estacional circular"},
    ),
    (
        "Reducción del costo de las remesas",
        "México y los Estados Unidos comparan las comisiones de las remesas en un portal público.",
        "es",
        ["MEX", "USA"],
        "published",
        {"title_fr": "Réduire le coût des envois de fonds"},
    ),
    (
        "Diaspora bonds for infrastructure",
        "Ethiopia's diaspora invests in public works through bonds sold abroad.",
        "en",
        ["ETH"],
        "published",
        {},
    ),
    (
        "Guichets uniques pour migrants de retour",
        "Le Sénégal accueille les migrants de retour dans des bureaux d'orientation régionaux.",
        "fr",
        ["SEN"],
        "published",
        {},
    ),
    (
        "Portabilidad de la seguridad social",
        "Convenio iberoamericano que permite sumar cotizaciones de varios países.",
        "es",
        None,
        "published",
        {"title_fr": "Portabilité de la sécurité sociale"},
    ),
    (
        "Fair recruitment corridors",
        "Nepal and Qatar remove recruitment fees for workers.",
        "en",
        ["NPL", "QAT"],
        "published",
        {},
    ),
    (
        "Intégration par la langue",
        "La Suisse finance des cours de langue dès l'arrivée.",
        "fr",
        ["CHE"],
        "published",
        {},
    ),
    (
        "Protección consular en tránsito",
        "Guatemala ofrece asistencia consular a lo largo de la ruta migratoria.",
        "es",
        ["GTM", "MEX"],
        "published",
        {},
    ),
    (
        "Climate mobility planning",
        "Fiji plans the relocation of coastal villages with them.",
        "en",
        ["FJI"],
        "in_review",
        {},
    ),
    (
        "Reconnaissance des diplômes",
        "Un référentiel commun de diplômes en Afrique de l'Ouest.",
        "fr",
        ["CIV", "SEN", "MLI"],
        "returned",
        {},
    ),
    (
        "Datos de migración laboral",
        "Una encuesta regional sobre migración laboral.",
        "es",
        None,
        "submitted",
        {},
    ),
]
STEPS = {
    "submitted": [],
    "in_review": ["start_review"],
    "published": ["start_review", "publish"],
    "returned": [("return", "Name the partners and the funding.")],
}


def load(stdout) -> None:
    if Practice.objects.filter(title=FIRST).exists():
        stdout.write("Platform for Partnerships demo data already loaded.")
        return
    edition = (
        Edition.objects.filter(ordinal=12).first() or Edition.objects.order_by("-ordinal").first()
    )
    if edition is None:
        stdout.write("Platform for Partnerships demo skipped: no Forum edition.")
        return
    staff = get_user_model().objects.filter(username=STAFF_USERNAME).first()
    themes = list(Theme.objects.order_by("id")[:4])
    countries = {c.iso3: c for c in Country.objects.all()}
    practices = []
    for index, (title, summary, language, isos, state, extra) in enumerate(PRACTICES):
        practice, _created = practice_submit(
            actor=staff,
            title=title,
            summary=summary,
            original_language=language,
            languages=[language],
            is_global=isos is None,
            countries=[countries[iso] for iso in isos or [] if iso in countries],
            themes=themes[index % len(themes) :][:1] if themes else [],
            source_edition=edition,
            contact_email=f"practice{index}@example.org",
            **extra,
        )
        for step in STEPS[state]:
            name, reason = step if isinstance(step, tuple) else (step, "")
            practice_transition(actor=staff, practice=practice, name=name, reason=reason)
        practices.append(practice)
    _talk_call(edition, practices)
    stdout.write(f"Platform for Partnerships: {len(practices)} practices, one call for talks.")


def _talk_call(edition, practices) -> None:
    call = TalkCall.objects.create(
        edition=edition,
        title="PfP session: partnerships that work",
        title_fr="Session de la PPP : des partenariats qui fonctionnent",
        title_es="Sesión de la PdA: alianzas que funcionan",
        places=3,
        waitlist_size=2,
        min_reviews=2,
    )
    reviewers = [
        TalkReviewer.objects.create(call=call, user=demo_user(f"pfp.reviewer{i}", "PfP", f"R{i}"))
        for i in (1, 2)
    ]
    for index, practice in enumerate(practices[:6]):
        proposal = TalkProposal.objects.create(
            call=call,
            practice=practice,
            title=practice.title,
            abstract=practice.summary,
            proponent_name=f"Proponent {index + 1}",
            proponent_email=practice.contact_email,
        )
        for offset, reviewer in enumerate(reviewers):
            TalkReview.objects.create(
                proposal=proposal, reviewer=reviewer, score=1 + (index * 3 + offset) % 5
            )
