"""Demo data from the public record: the stakeholder mechanisms, local governments and the
working group on public narratives (called by gfmd/demo.py; idempotent)."""

from datetime import date

from gfmd.enums import (
    AttendanceRole,
    FocalPointRole,
    LocalGovernmentKind,
    MechanismBody,
    MeetingBody,
    MigrationPerspective,
    OrganisationKind,
)
from gfmd.models import (
    Attendance,
    Country,
    FocalPoint,
    LocalGovernment,
    Mechanism,
    MechanismOrganisation,
    MechanismParticipation,
    Meeting,
    Organisation,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from gfmd.platform.services.records import record_save
from gfmd.services.countries import country_set_perspective

# code, name (en, fr, es), since; coordinating organisations: (acronym, role)
MECHANISMS = [
    (
        "civil-society",
        (
            "Civil Society Mechanism",
            "Mécanisme de la société civile",
            "Mecanismo de la Sociedad Civil",
        ),
        2019,
        [],
    ),
    (
        "business",
        ("Business Mechanism", "Mécanisme des entreprises", "Mecanismo Empresarial"),
        2019,
        [("IOE", "host")],
    ),
    (
        "mayors",
        ("Mayors Mechanism", "Mécanisme des maires", "Mecanismo de Alcaldes"),
        2018,
        [("UCLG", "co_steering"), ("MMC", "co_steering"), ("IOM", "co_steering")],
    ),
    ("youth", ("Youth", "Jeunesse", "Juventud"), 2019, []),
]
NETWORKS = [
    ("International Organisation of Employers", "IOE", OrganisationKind.OTHER),
    ("United Cities and Local Governments", "UCLG", OrganisationKind.OTHER),
    ("Mayors Migration Council", "MMC", OrganisationKind.OTHER),
]
# Demo cities (illustrative memberships), placed by country and so by M49 region.
CITIES = [
    ("Quito", "ECU", ["UCLG"]),
    ("Freetown", "SLE", ["UCLG", "MMC"]),
    ("Montréal", "CAN", ["MMC"]),
]
# Illustrative policy data for the balance report's perspective column.
PERSPECTIVES = {
    "MEX": MigrationPerspective.TRANSIT,
    "MAR": MigrationPerspective.TRANSIT,
    "PHL": MigrationPerspective.ORIGIN,
    "DEU": MigrationPerspective.DESTINATION,
    "ARE": MigrationPerspective.DESTINATION,
}


def _organisation(staff, name, acronym, kind):
    found = Organisation.objects.filter(acronym=acronym).first()
    if found is None:
        found = record_save(
            actor=staff, instance=Organisation(name=name, acronym=acronym, kind=kind)
        )
    return found


def load(staff, stdout) -> None:
    if Mechanism.objects.filter(code="mayors").exists():
        stdout.write("Mechanisms demo data already loaded.")
        return
    orgs = {a: _organisation(staff, n, a, k) for n, a, k in NETWORKS}
    iom = Organisation.objects.filter(acronym="IOM").first()
    if iom is not None:
        orgs["IOM"] = iom
    mechanisms = {}
    for code, (en, fr, es), since, coordinators in MECHANISMS:
        mechanism = record_save(
            actor=staff,
            instance=Mechanism(code=code, name=en, name_fr=fr, name_es=es, since_year=since),
        )
        mechanisms[code] = mechanism
        for acronym, role in coordinators:
            if acronym in orgs:
                record_save(
                    actor=staff,
                    instance=MechanismOrganisation(
                        mechanism=mechanism, organisation=orgs[acronym], role=role
                    ),
                )
        if code != "youth":  # the three mechanisms sit in both bodies
            for body in MechanismBody.values:
                record_save(
                    actor=staff,
                    instance=MechanismParticipation(
                        mechanism=mechanism, body=body, start_date=date(since, 1, 1)
                    ),
                )

    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=["ECU", "SLE", "CAN"])}
    for name, iso3, networks in CITIES:
        city = record_save(
            actor=staff,
            instance=LocalGovernment(
                name=name, kind=LocalGovernmentKind.CITY, country=countries[iso3]
            ),
        )
        city.networks.set([orgs[n] for n in networks])

    for iso3, perspective in PERSPECTIVES.items():
        country = Country.objects.filter(iso3=iso3).first()
        if country is not None:
            country_set_perspective(actor=staff, country=country, perspective=perspective)

    group = record_save(
        actor=staff,
        instance=WorkingGroup(
            name="Ad hoc working group on public narratives on migration",
            name_fr="Groupe de travail ad hoc sur les discours publics sur la migration",
            name_es="Grupo de trabajo ad hoc sobre narrativas públicas sobre la migración",
            mandate="Prepare guidance on balanced public narratives on migration for adoption "
            "by the Steering Group.",
            mandate_fr="Préparer des orientations sur des discours publics équilibrés sur la "
            "migration, pour adoption par le Groupe de pilotage.",
            mandate_es="Preparar orientaciones sobre narrativas públicas equilibradas sobre la "
            "migración, para su adopción por el Grupo Directivo.",
            term_from=date(2020, 1, 1),
            until_deliverable=True,
        ),
    )
    for chair in (
        WorkingGroupChair(working_group=group, country=countries["CAN"]),
        WorkingGroupChair(working_group=group, country=countries["ECU"]),
        WorkingGroupChair(working_group=group, mechanism=mechanisms["mayors"]),
    ):
        record_save(actor=staff, instance=chair)
    for mechanism in (mechanisms["civil-society"], mechanisms["business"]):
        record_save(
            actor=staff, instance=WorkingGroupMember(working_group=group, mechanism=mechanism)
        )

    edition = Meeting.objects.order_by("-start_date").values_list("edition", flat=True).first()
    if edition is not None:
        record_save(
            actor=staff,
            instance=Meeting(
                edition_id=edition,
                body=MeetingBody.WORKING_GROUP,
                working_group=group,
                title="Working group on public narratives: drafting session",
                start_date=date(2020, 10, 6),
                is_virtual=True,
                virtual_link="https://meet.example.org/gfmd-narratives",
            ),
        )
        for meeting in Meeting.objects.filter(
            body__in=[MeetingBody.STEERING_GROUP, MeetingBody.FRIENDS_OF_THE_FORUM]
        ):
            for code in ("civil-society", "business", "mayors"):
                record_save(
                    actor=staff,
                    instance=Attendance(
                        meeting=meeting, mechanism=mechanisms[code], role=AttendanceRole.MECHANISM
                    ),
                )

    from gfmd.demo import demo_user  # the one way demo accounts are made

    record_save(
        actor=staff,
        instance=FocalPoint(
            user=demo_user("focal.mayors", "Amina", "Diallo"),
            mechanism=mechanisms["mayors"],
            role=FocalPointRole.FOCAL_POINT,
            start_date=date(2019, 1, 1),
        ),
    )
    stdout.write(
        f"Mechanisms demo: {len(mechanisms)} mechanisms, {len(CITIES)} local governments, "
        "1 working group."
    )
