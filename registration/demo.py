"""Demo registration: the GFMD 2020 Summit open for registration, with its categories and
quotas, nominations in several states (one waitlisted, one rejected, one substituted), a
Note Verbale from Germany, and the selected CSD delegates fed in. Idempotent."""

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gfmd.enums import MeetingBody, OrganisationKind
from gfmd.models import Country, Edition, Meeting, Organisation
from gfmd.platform.services.records import record_save
from registration.enums import CategoryKind, ListVisibility, QuotaScope
from registration.models import ParticipantCategory, Quota, Registration
from registration.services.badges import badge_batch_start
from registration.services.credentials import credential_accept, credential_upload
from registration.services.csd import csd_delegates_feed
from registration.services.decisions import participant_approve, participant_reject
from registration.services.letters import visa_letter_issue, visa_letters_issue_due
from registration.services.participants import (
    Passport,
    participant_nominate,
    participant_substitute,
)

FORUM_ORDINAL = 12
TITLE = "GFMD 2020 Summit (registration demo)"
# A minimal valid PDF: the demo's Note Verbale.
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

CATEGORIES = [
    # code, name, fr, es, kind, colour, visibility, quotas [(scope, seats, plus head)]
    ("gov", "Government delegation", "Délégation gouvernementale", "Delegación gubernamental",
     CategoryKind.GOVERNMENT, "#1F4E79", ListVisibility.PUBLIC,
     [(QuotaScope.PER_DELEGATION, 2, True), (QuotaScope.OVERALL, 400, False)]),
    ("obs-state", "Observer state", "État observateur", "Estado observador",
     CategoryKind.OBSERVER_STATE, "#2E75B6", ListVisibility.PUBLIC,
     [(QuotaScope.PER_DELEGATION, 2, False)]),
    ("obs-org", "Observer organisation", "Organisation observatrice", "Organización observadora",
     CategoryKind.OBSERVER_ORGANISATION, "#548235", ListVisibility.PUBLIC,
     [(QuotaScope.PER_DELEGATION, 2, False)]),
    ("csd", "Civil Society Days delegate", "Délégué des Journées de la société civile",
     "Delegado de los Días de la Sociedad Civil", CategoryKind.CSD_DELEGATE, "#C55A11",
     ListVisibility.REGISTERED, [(QuotaScope.OVERALL, 150, False)]),
    ("media", "Media", "Médias", "Medios de comunicación", CategoryKind.MEDIA, "#7030A0",
     ListVisibility.STAFF, [(QuotaScope.OVERALL, 20, False)]),
    ("su", "Support Unit", "Unité d'appui", "Unidad de Apoyo", CategoryKind.SUPPORT_UNIT,
     "#404040", ListVisibility.STAFF, []),
    ("guest", "Guest", "Invité", "Invitado", CategoryKind.GUEST, "#BF9000",
     ListVisibility.STAFF, [(QuotaScope.OVERALL, 30, False)]),
]  # fmt: skip


def load(stdout) -> None:
    edition = Edition.objects.filter(ordinal=FORUM_ORDINAL).first()
    staff = get_user_model().objects.filter(username="staff").first()
    if edition is None or staff is None:
        stdout.write("Registration demo skipped: the Forum edition or staff account is missing.")
        return
    if Registration.objects.filter(meeting__title=TITLE).exists():
        stdout.write("Registration demo data already loaded.")
        return
    registration, fed, countries = _summit(staff, edition, TITLE)
    letters, batch = _documents(staff, registration, countries)
    stdout.write(f"Registration demo: {TITLE}, {registration.participants.count()} participants "
                 f"({len(fed)} CSD delegates fed in), {letters} visa letters, badge batch "
                 f"{batch.pk} (runs after the load).")  # fmt: skip


def load_cycle(edition, stdout) -> None:
    """The same Summit, open now, for the edition in office (the cycle dashboard's default)."""
    staff = get_user_model().objects.filter(username="staff").first()
    if staff is None or Registration.objects.filter(meeting__edition=edition).exists():
        return
    _summit(staff, edition, f"{edition.title} Summit")


def _summit(staff, edition, title):
    iso3s = ["CHE", "DEU", "FRA", "MAR", "NGA"]
    countries = {c.iso3: c for c in Country.objects.filter(iso3__in=iso3s)}
    meeting = record_save(
        actor=staff,
        instance=Meeting(
            edition=edition,
            body=MeetingBody.FORUM,
            title=title,
            start_date=timezone.localdate() + timedelta(days=60),
            end_date=timezone.localdate() + timedelta(days=62),
            city="Geneva",
            country=countries["CHE"],
        ),
    )
    now = timezone.now()
    registration = record_save(
        actor=staff,
        instance=Registration(
            meeting=meeting,
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=40),
            late_change_deadline=now + timedelta(days=55),
            in_person=True,
            online=True,
            chatham_house=True,
            passport_retention_days=30,
        ),
    )
    categories = {}
    for position, row in enumerate(CATEGORIES):
        code, name, name_fr, name_es, kind, colour, visibility, quotas = row
        category = record_save(
            actor=staff,
            instance=ParticipantCategory(
                registration=registration,
                code=code,
                name=name,
                name_fr=name_fr,
                name_es=name_es,
                kind=kind,
                colour=colour,
                list_visibility=visibility,
                position=position,
            ),
        )
        categories[code] = category
        for scope, seats, plus_head in quotas:
            record_save(
                actor=staff,
                instance=Quota(
                    category=category, scope=scope, seats=seats, plus_head_of_delegation=plus_head
                ),
            )
    _nominations(staff, registration, categories, countries)
    credential = credential_upload(
        actor=staff,
        registration=registration,
        kind="note_verbale",
        upload=SimpleUploadedFile("note-verbale-germany.pdf", PDF),
        country=countries["DEU"],
    )
    credential_accept(actor=staff, credential=credential)
    fed = csd_delegates_feed(actor=staff, registration=registration)
    return registration, fed, countries


def _documents(staff, registration, countries):
    """Visa letters (French and English, one re-issued) and a batch of badge sheets, so the
    admin shows issued documents; the batch runs in the worker (inline without a broker)."""
    camille = registration.participants.get(full_name="Camille Martin")
    participant_approve(actor=staff, participant=camille)
    aisha = participant_nominate(
        actor=staff,
        registration=registration,
        category=registration.categories.get(code="gov"),
        country=countries["NGA"],
        full_name="Aisha Bello",
        email="aisha.bello@example.org",
        function="Director, Diaspora Affairs",
        visa_letter_needed=True,
        passport=Passport(countries["NGA"], "A09876543", date(1984, 9, 30)),
        submit=True,
    )
    participant_approve(actor=staff, participant=aisha)
    letters = visa_letters_issue_due(actor=staff, registration=registration)
    visa_letter_issue(actor=staff, participant=aisha, reason="Passport renewed")
    batch = badge_batch_start(actor=staff, registration=registration)
    return len(letters) + 1, batch


def _nominations(staff, registration, categories, countries):
    def nominate(category, name, **extra):
        return participant_nominate(
            actor=staff,
            registration=registration,
            category=categories[category],
            full_name=name,
            email=f"{name.lower().replace(' ', '.')}@example.org",
            **extra,
        )

    germany = {"country": countries["DEU"]}
    head = nominate("gov", "Greta Neumann", is_head_of_delegation=True, submit=True, **germany)
    participant_approve(actor=staff, participant=head)
    for name in ("Jonas Weber", "Lena Fischer", "Paul Wagner"):  # the third is waitlisted
        participant_approve(actor=staff, participant=nominate("gov", name, submit=True, **germany))
    nominate(
        "gov",
        "Camille Martin",
        country=countries["FRA"],
        function="Deputy Director, Migration",
        language="fr",
        visa_letter_needed=True,
        passport=Passport(countries["FRA"], "19FR12345", date(1979, 4, 12)),
        submit=True,
    )
    nominate("gov", "Youssef Alaoui", country=countries["MAR"], language="fr")  # a draft
    iom = Organisation.objects.filter(kind=OrganisationKind.INTERGOVERNMENTAL).first()
    if iom is not None:
        observer = nominate("obs-org", "Amy Pope", organisation=iom, submit=True)
        substitute = participant_substitute(
            actor=staff,
            participant=observer,
            reason="Travel conflict",
            full_name="Ugochi Daniels",
            email="ugochi.daniels@example.org",
        )
        participant_approve(actor=staff, participant=substitute)
    journalist = nominate("media", "Sam Reporter", submit=True)
    participant_reject(actor=staff, participant=journalist, reason="Accreditation not confirmed")
