"""Builders shared by the letters, badges and check-in tests (no tests here): a Summit
registration with approved participants, their passport data and the letter templates."""

import io
from dataclasses import dataclass
from datetime import date, timedelta

import pypdf
from django.utils import timezone

from gfmd.enums import MeetingBody
from gfmd.platform.models import DocumentTemplate
from registration.enums import CategoryKind, ParticipantState
from registration.models import Participant, ParticipantCategory, PassportData, Registration
from registration.models.documents import VISA_LETTER_KIND
from tests.factories import MeetingFactory, OrganisationFactory, country

LETTER_EN = (
    "Dear {{ title }} {{ name }},\n\n"
    "The GFMD invites you to {{ meeting }} in {{ venue }}, {{ dates }}.\n\n"
    "Passport number: {{ passport_number }} ({{ nationality }}), born {{ date_of_birth }}."
)
LETTER_FR = (
    "Madame, Monsieur {{ name }},\n\n"
    "Le FMMD vous invite au {{ meeting }} à {{ venue }}, {{ dates }}.\n\n"
    "Numéro de passeport : {{ passport_number }}."
)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


@dataclass
class World:
    registration: Registration
    government: ParticipantCategory
    observer: ParticipantCategory
    media: ParticipantCategory
    iom: object

    def participant(
        self, name="Ana Núñez", *, category=None, state=ParticipantState.APPROVED, **kw
    ):
        category = category or self.government
        if category.kind == CategoryKind.GOVERNMENT:
            kw.setdefault("country", country("ECU"))
        elif category.kind == CategoryKind.OBSERVER_ORGANISATION:
            kw.setdefault("organisation", self.iom)
        return Participant.objects.create(
            registration=self.registration,
            category=category,
            full_name=name,
            email=f"{abs(hash(name)) % 10**8}@example.org",
            state=state,
            **kw,
        )

    def visa_applicant(self, name="Ana Núñez", passport="AB1234567", **kw):
        participant = self.participant(name, visa_letter_needed=True, **kw)
        PassportData.objects.create(
            participant=participant,
            nationality=country("ECU"),
            passport_number=passport,
            date_of_birth=date(1980, 3, 1),
        )
        return participant


def letter_templates(create=True) -> None:
    """The migration's starting templates replaced by the tests' own (or none)."""
    DocumentTemplate.objects.filter(kind=VISA_LETTER_KIND).delete()
    if create:
        DocumentTemplate.objects.create(
            kind=VISA_LETTER_KIND, language="en-gb", subject="Invitation", body=LETTER_EN
        )
        DocumentTemplate.objects.create(
            kind=VISA_LETTER_KIND, language="fr", subject="Lettre d'invitation", body=LETTER_FR
        )


def build_world(*, templates=True) -> World:
    meeting = MeetingFactory(
        body=MeetingBody.FORUM,
        title="GFMD Summit 2030",
        start_date=date(2030, 1, 20),
        end_date=date(2030, 1, 22),
        city="Geneva",
        country=country("CHE"),
    )
    now = timezone.now()
    registration = Registration.objects.create(
        meeting=meeting,
        opens_at=now - timedelta(days=10),
        closes_at=now + timedelta(days=20),
        late_change_deadline=now + timedelta(days=25),
    )
    government = ParticipantCategory.objects.create(
        registration=registration,
        code="gov",
        name="Government delegation",
        kind=CategoryKind.GOVERNMENT,
        colour="#AA0000",
    )
    observer = ParticipantCategory.objects.create(
        registration=registration,
        code="obs",
        name="Observer organisation",
        kind=CategoryKind.OBSERVER_ORGANISATION,
        colour="#007700",
        position=1,
    )
    media = ParticipantCategory.objects.create(
        registration=registration, code="media", name="Media", kind=CategoryKind.MEDIA, position=2
    )
    letter_templates(templates)
    iom = OrganisationFactory(name="International Organization for Migration", acronym="IOMX")
    return World(registration, government, observer, media, iom)
