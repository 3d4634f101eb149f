"""Civil Society Days fixtures: `csd`, `reviewer`, `policy` (made per test), and the `world`
scenario: one CSD edition with every kind of record and a user per role (the permission
matrix). `world` is made once per test module (rolled back at its end) and each test gets
its own copy of the objects; what a test writes is rolled back after it."""

from dataclasses import dataclass
from datetime import date

import pytest

from civil_society.enums import CommonSpaceSide, SessionOrigin
from civil_society.models import (
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDSession,
    PeoplesGlobalActionDocument,
    Recommendation,
)
from civil_society.services.programme import friends_representative_register
from civil_society.services.selection import proposal_run
from gfmd.enums import MeetingBody
from tests.civil_society.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    CSDEditionFactory,
    DelegateFactory,
    PartnerSystemUserFactory,
    PolicyFactory,
    ReviewFactory,
    cso_focal_point,
)
from tests.conftest import per_test_copy, refuse_transactional_neighbours, rows_kept_for_the_module
from tests.factories import (
    FocalPointFactory,
    MechanismFactory,
    MeetingFactory,
    StaffFactory,
    country,
)
from tests.roundtables.factories import (
    CoChairFactory,
    RoundtableFactory,
    SessionFactory,
    confirmed_cochair,
    team_member,
)


@dataclass
class World:
    csd: object
    staff: object
    reviewer: object  # AdvisoryCommitteeMember
    conflicted: object  # committee member from the "own" organisation
    applicant: object  # user: focal point of the "own" organisation
    other_applicant: object
    government: object
    partner: object
    own: object  # Application of the applicant's organisation
    other: object
    by_partner: object
    review: object
    proposal: object
    published: object
    draft: object
    government_session: object  # roundtables.Session of the same Forum edition
    to_session: object  # published recommendation addressed to government_session
    draft_to_session: object
    cochair_government: object  # user: focal point of a confirmed co-chair of the session
    team_government: object  # user: focal point of an accepted team member of the session
    mechanism: object = None  # user: focal point of a stakeholder mechanism (Mayors)

    def users(self):
        return {
            "staff": self.staff,
            "reviewer": self.reviewer.user,
            "conflicted": self.conflicted.user,
            "applicant": self.applicant,
            "other_applicant": self.other_applicant,
            "government": self.government,
            "partner": self.partner,
            "cochair_government": self.cochair_government,
            "team_government": self.team_government,
            "mechanism": self.mechanism,
            "anonymous": None,
        }


def build_world() -> World:
    """One CSD edition with every kind of record: three applications (the applicant's own,
    another organisation's, one a partner system filed), a review, a selection proposal,
    published and draft recommendations (two addressed to a roundtables session), the Common
    Space, a PGA document and a Friends of the Forum representative; a user per role."""
    csd = CSDEditionFactory()
    staff = StaffFactory()
    own = ApplicationFactory(csd_edition=csd)
    other = ApplicationFactory(csd_edition=csd)
    partner = PartnerSystemUserFactory()
    by_partner = ApplicationFactory(csd_edition=csd, submitted_by=partner, source="partner")
    for app in (own, other, by_partner):
        DelegateFactory(application=app)
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    conflicted = CommitteeMemberFactory(csd_edition=csd, organisation=own.organisation.organisation)
    review = ReviewFactory(application=own, reviewer=reviewer)
    PolicyFactory(csd_edition=csd, places=2)
    proposal = proposal_run(actor=staff, csd_edition=csd)
    session = CSDSession.objects.create(
        csd_edition=csd, code="CSD 1", title="Labour", origin=SessionOrigin.ADDED
    )
    published = Recommendation.objects.create(
        csd_edition=csd,
        session=session,
        title="Published",
        text="t",
        addressed_theme="Labour",
        is_published=True,
    )
    draft = Recommendation.objects.create(
        csd_edition=csd, title="Draft", text="t", addressed_theme="Labour"
    )
    # A government roundtable session: MAR co-chairs (confirmed), PHL is on the team, DEU
    # (the "government" role) is only proposed as co-chair, which gives no reach.
    government_session = SessionFactory(roundtable=RoundtableFactory(edition=csd.edition))
    confirmed_cochair(government_session, "MAR")
    team_member(government_session, "PHL")
    CoChairFactory(session=government_session, country=country("DEU"))
    to_session = Recommendation.objects.create(
        csd_edition=csd,
        title="To the session",
        text="t",
        addressed_session=government_session,
        is_published=True,
    )
    draft_to_session = Recommendation.objects.create(
        csd_edition=csd,
        title="Draft to the session",
        text="t",
        addressed_session=government_session,
    )
    space = CommonSpaceSession.objects.create(
        csd_edition=csd, title="Common Space", date=date(2020, 11, 19)
    )
    CommonSpaceParticipant.objects.create(
        session=space, side=CommonSpaceSide.GOVERNMENT, country=country("DEU")
    )
    CommonSpaceParticipant.objects.create(
        session=space, side=CommonSpaceSide.CIVIL_SOCIETY, delegate=own.delegates.get()
    )
    PeoplesGlobalActionDocument.objects.create(csd_edition=csd, title="PGA findings", summary="s")
    delegate = other.delegates.get()
    delegate.status = "selected"
    delegate.save()
    meeting = MeetingFactory(edition=csd.edition, body=MeetingBody.FRIENDS_OF_THE_FORUM)
    friends_representative_register(actor=staff, delegate=delegate, meeting=meeting)
    return World(
        csd=csd,
        staff=staff,
        reviewer=reviewer,
        conflicted=conflicted,
        applicant=cso_focal_point(own.organisation),
        other_applicant=cso_focal_point(other.organisation),
        government=FocalPointFactory(country=country("DEU")).user,
        partner=partner,
        own=own,
        other=other,
        by_partner=by_partner,
        review=review,
        proposal=proposal,
        published=published,
        draft=draft,
        government_session=government_session,
        to_session=to_session,
        draft_to_session=draft_to_session,
        cochair_government=FocalPointFactory(country=country("MAR")).user,
        team_government=FocalPointFactory(country=country("PHL")).user,
        mechanism=FocalPointFactory(mechanism=MechanismFactory(code="mayors")).user,
    )


@pytest.fixture(scope="module")
def _world_rows(request, django_db_setup, django_db_blocker):
    refuse_transactional_neighbours(request)
    with rows_kept_for_the_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(_world_rows, db):
    """The CSD world (see build_world), made once per module; a copy per test."""
    return per_test_copy(_world_rows)


@pytest.fixture
def csd(db):
    return CSDEditionFactory()


@pytest.fixture
def reviewer(csd):
    """An advisory committee member (reviewer) of `csd`."""
    return CommitteeMemberFactory(csd_edition=csd)


@pytest.fixture
def policy(csd):
    return PolicyFactory(csd_edition=csd)
