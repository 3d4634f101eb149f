"""factory_boy factories for the roundtables tests, the helpers that put a working paper into
any state directly (state-machine and permission tests), `build_programme` (a programme of
any size, for the query-count tests) and document bytes for uploads."""

import hashlib
import io
import zipfile
from datetime import date, timedelta

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gfmd.enums import FriendsRole
from gfmd.models import FriendsParticipation
from roundtables.enums import (
    FINAL_STATES,
    CoChairOrigin,
    CoChairState,
    Decision,
    PaperState,
    TeamState,
    VersionKind,
)
from roundtables.models import (
    CoChair,
    Input,
    PaperVersion,
    Roundtable,
    Session,
    TeamMembership,
    Theme,
    WorkingPaper,
)
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
            WorkingPaper.objects.create(
                session=self,
                edition_id=self.roundtable.edition_id,
                title=f"Working paper {self.code}",
                **kwargs,
            )


class CoChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CoChair

    session = factory.SubFactory(SessionFactory)
    country = factory.LazyFunction(lambda: country("DEU"))
    origin = CoChairOrigin.NOMINATED
    state = CoChairState.PROPOSED


class PaperVersionFactory(factory.django.DjangoModelFactory):
    """A text version of a paper, numbered after the paper's last one."""

    class Meta:
        model = PaperVersion

    number = factory.LazyAttribute(lambda v: v.paper.versions.count() + 1)
    kind = VersionKind.TEXT
    text = "Draft text\n"
    size = factory.LazyAttribute(lambda v: len(v.text))
    checksum = factory.LazyAttribute(lambda v: hashlib.sha256(v.text.encode()).hexdigest())


class InputFactory(factory.django.DjangoModelFactory):
    """An input to a paper's current consultation round (give country or organisation)."""

    class Meta:
        model = Input

    consultation_round = factory.LazyAttribute(lambda i: i.paper.consultation_round or 1)
    text = "Please add data"
    evidence = "https://example.org/survey-2019"
    decision = ""
    decision_reason = factory.LazyAttribute(lambda i: "Evidence-based" if i.decision else "")


def add_text_version(paper, text="Draft text\n", number=None) -> PaperVersion:
    return PaperVersionFactory(paper=paper, text=text, **({"number": number} if number else {}))


def add_input(paper, country=None, organisation=None, decision="", text="Please add data"):
    return InputFactory(
        paper=paper, country=country, organisation=organisation, decision=decision, text=text
    )


def set_state(paper, state: str, *, public: bool = False):
    """Move `paper` to `state` directly, with the data that state implies (versions,
    deadline), for state-machine and permission tests."""
    if not paper.versions.exists():
        add_text_version(paper)
    paper.state = state
    if state == PaperState.CONSULTATION:
        paper.consultation_deadline = timezone.now() + timedelta(days=14)
        paper.consultation_round = max(paper.consultation_round, 1)
        # As paper_open_consultation does: the latest version is put out for consultation.
        paper.versions.filter(number=paper.versions.order_by("-number")[0].number).update(
            released=True
        )
    if state in FINAL_STATES:
        paper.final_version = paper.versions.order_by("-number").first()
    paper.is_public = public
    paper.save()
    return paper


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


# --- a programme of any size (query-count and admin tests) ---------------------------------

DEVELOPED = ["DEU", "FRA", "SWE", "NLD", "CAN", "JPN"]
DEVELOPING = ["MAR", "ECU", "PHL", "MEX", "GHA", "BGD"]
TEAM = ["ITA", "ESP", "KEN", "IDN", "SEN", "PRT"]


def build_programme(edition, sessions: int):
    """`sessions` sessions in their own roundtables and themes, each ready, with a team
    member, a paper in consultation with two versions and two inputs (one decided)."""
    FriendsParticipation.objects.get_or_create(
        edition=edition, country=country("BRA"), defaults={"role": FriendsRole.PARTICIPANT}
    )
    built = []
    for index in range(sessions):
        session = SessionFactory(
            roundtable=RoundtableFactory(edition=edition, number=index + 1),
            number=1,
            theme=ThemeFactory(name=f"Theme {index}"),
        )
        confirmed_cochair(session, DEVELOPED[index])
        confirmed_cochair(session, DEVELOPING[index])
        team_member(session, TEAM[index])
        paper = session.paper
        add_text_version(paper, "First\n")
        add_text_version(paper, "Second\n")
        set_state(paper, PaperState.CONSULTATION)
        add_input(paper, country=country("BRA"))
        add_input(paper, country=country(TEAM[index]), decision=Decision.INCLUDED)
        built.append(session)
    return built


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
