"""Demo data: tagging on for GFMD 2017-2018, 2019 and 2020, tags on the demo sessions and
their inputs,
government recommendations followed up across three editions (and one of 2020 linked to
its rapporteur report), one opt-out, and a draft
IMRF report for 2017-2020 generated from them.

Writes through the services. Idempotent: stops when recommendations exist. Called by
`manage.py load_demo` after the roundtables and civil society demos.
"""

from django.contrib.auth import get_user_model

from gfmd.demo import STAFF_USERNAME
from gfmd.models import Country, Edition
from gfmd.platform.services.records import record_save
from outcomes.enums import Addressee, FollowUpStatus, Scheme
from outcomes.models import IMRFReport, Recommendation
from outcomes.registry import subject_for
from outcomes.services.recommendations import followup_record, recommendation_create
from outcomes.services.reference import reference_load
from outcomes.services.reports import report_generate
from outcomes.services.tagging import optout_record, tagging_policy_switch, tags_set
from roundtables.models import Input, Session, WorkingPaper

# Session title keyword -> GCM objectives (demo sessions of GFMD 2020).
SESSION_OBJECTIVES = {
    "technolog": [3, 23],
    "skills": [5, 18],
    "remittance": [19, 20],
    "diaspora": [19],
    "rights": [7, 17],
    "climate": [2],
    "environment": [2],
    "return": [21],
}

RECOMMENDATIONS = [
    (
        "Lower the cost of remittances",
        "Réduire le coût des envois de fonds",
        "Reducir el costo de las remesas",
        "Governments should work with providers to bring remittance costs below 3 per cent.",
        Addressee.GOVERNMENTS,
        [20],
        ["10.c"],
    ),
    (
        "Skills partnerships between countries of origin and destination",
        "Partenariats pour les compétences entre pays d'origine et de destination",
        "Alianzas de competencias entre países de origen y de destino",
        "Pilot global skill partnerships in health and care occupations.",
        Addressee.GOVERNMENTS,
        [5, 18],
        ["8.8"],
    ),
    (
        "A standing dialogue with the stakeholder mechanisms",
        "Un dialogue permanent avec les mécanismes des parties prenantes",
        "Un diálogo permanente con los mecanismos de las partes interesadas",
        "The Forum should hold a yearly exchange with the mechanisms on the Compact.",
        Addressee.FORUM,
        [23],
        [],
    ),
]


def load(stdout) -> None:
    if Recommendation.objects.exists():
        stdout.write("Outcomes demo data already loaded.")
        return
    # The objectives and targets come with the migration; a flushed database (a
    # transactional test, a restore into an empty schema) needs them again. Idempotent.
    reference_load()
    # GFMD 2017-2018 (Germany and Morocco), 2019 (Ecuador), 2020 (UAE)
    editions = {e.year_start: e for e in Edition.objects.filter(ordinal__in=(10, 11, 12))}
    if len(editions) < 3:
        stdout.write("Outcomes demo skipped: GFMD 2017-2020 are not loaded.")
        return
    staff = get_user_model().objects.get(username=STAFF_USERNAME)
    for edition in editions.values():
        for scheme in (Scheme.GCM, Scheme.SDG):
            tagging_policy_switch(actor=staff, edition=edition, scheme=scheme, on=True)
    sessions = Session.objects.filter(roundtable__edition__in=editions.values()).select_related(
        "roundtable"
    )
    for session in sessions:
        title = session.title.lower()
        objectives = sorted({n for k, ns in SESSION_OBJECTIVES.items() if k in title for n in ns})
        if objectives:
            tags_set(
                actor=staff, subject=subject_for("session"), obj=session, objectives=objectives
            )
            for item in Input.objects.filter(paper__session=session)[:3]:
                tags_set(actor=staff, subject=subject_for("input"), obj=item, objectives=objectives)
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["MEX", "PHL", "DEU", "HUN"])}
    optout_record(
        actor=staff, country=countries["HUN"], reason="Did not endorse the Global Compact."
    )
    statuses = [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS, FollowUpStatus.IMPLEMENTED]
    for index, (title, title_fr, title_es, text, addressee, objectives, targets) in enumerate(
        RECOMMENDATIONS
    ):
        rec = recommendation_create(
            actor=staff,
            edition=editions[2017],
            addressed_to=addressee,
            source_label="Chair's conclusions, GFMD 2017-2018",
            title=title,
            title_fr=title_fr,
            title_es=title_es,
            text=text,
        )
        tags_set(
            actor=staff,
            subject=subject_for("recommendation"),
            obj=rec,
            objectives=objectives,
            sdg_targets=targets,
        )
        reporter = countries[["MEX", "PHL", "DEU"][index]]
        for year, status in zip((2017, 2019, 2020), statuses[: 3 - (index == 2)], strict=False):
            followup_record(
                actor=staff,
                recommendation=rec,
                edition=editions[year],
                status=status,
                evidence=f"Reported at the Friends of the Forum, {year}.",
                reporting_country=reporter,
            )
    # A GFMD 2020 recommendation linked to the demo's rapporteur report (roundtables demo).
    rapporteur = WorkingPaper.objects.filter(
        edition=editions[2020], kind="rapporteur_report"
    ).first()
    if rapporteur is not None:
        recommendation_create(
            actor=staff,
            edition=editions[2020],
            addressed_to=Addressee.GOVERNMENTS,
            outcome_document=rapporteur,
            title="More regular pathways, with data shared across regions",
            title_fr="Davantage de voies régulières, avec des données partagées entre régions",
            title_es="Más vías regulares, con datos compartidos entre regiones",
            text="Governments should open regular pathways and share migration data across "
            "regions.",
        )
    report = record_save(
        actor=staff,
        instance=IMRFReport(
            title="GFMD contribution to the IMRF, 2017-2020",
            year_from=2017,
            year_to=2020,
            created_by=staff,
        ),
    )
    report_generate(report_id=report.pk)  # in-process: the demo needs no worker
    stdout.write("Outcomes demo data loaded.")
