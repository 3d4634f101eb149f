"""factory_boy factories and builders for the roundtables tests."""

import io
import zipfile
from datetime import date

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from gfmd.enums import FriendsRole
from gfmd.models import FriendsParticipation
from roundtables.enums import CoChairOrigin, CoChairState, TeamState
from roundtables.models import CoChair, Roundtable, Session, TeamMembership, Theme, WorkingPaper
from tests.factories import EditionFactory, country


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Theme {n}")


class RoundtableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Roundtable

    edition = factory.SubFactory(EditionFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Roundtable {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    """A session with its working paper (as the session_create service makes it)."""

    class Meta:
        model = Session
        skip_postgeneration_save = True

    roundtable = factory.SubFactory(RoundtableFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Session {n}")
    theme = factory.SubFactory(ThemeFactory)

    @factory.post_generation
    def paper(self, create, extracted, **kwargs):
        if create:
            WorkingPaper.objects.create(session=self, title=f"Working paper {self.code}", **kwargs)


class CoChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoChair

    session = factory.SubFactory(SessionFactory)
    country = factory.LazyFunction(lambda: country("DEU"))
    origin = CoChairOrigin.NOMINATED
    state = CoChairState.PROPOSED


def confirmed_cochair(session, iso3: str) -> CoChair:
    c = country(iso3)
    return CoChair.objects.create(
        session=session,
        country=c,
        origin=CoChairOrigin.NOMINATED,
        state=CoChairState.CONFIRMED,
        seat=c.development_status,
    )


def team_member(session, iso3: str, state=TeamState.ACCEPTED) -> TeamMembership:
    return TeamMembership.objects.create(session=session, country=country(iso3), state=state)


def friend(edition, *, iso3=None, organisation=None) -> FriendsParticipation:
    if iso3:
        return FriendsParticipation.objects.create(
            edition=edition, country=country(iso3), role=FriendsRole.PARTICIPANT
        )
    return FriendsParticipation.objects.create(
        edition=edition, organisation=organisation, role=FriendsRole.OBSERVER
    )


def edition_2020(**kwargs):
    return EditionFactory(ordinal=12, year_start=2020, title="GFMD 2020", chairs=["ARE"], **kwargs)


# --- documents -----------------------------------------------------------------------------

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def docx_bytes(*paragraphs: str) -> bytes:
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{ns}"><w:body>{body}</w:body></w:document>'
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def odt_bytes(*paragraphs: str) -> bytes:
    ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    xml = (
        f'<office:document-content xmlns:office="{office}" xmlns:text="{ns}">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", xml)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


TODAY = date.today()
