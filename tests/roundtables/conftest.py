"""The roundtables scenario: one edition with a session and a person in every role.

`world` is made once per test module (rows in a transaction rolled back at the module's
end) and each test gets its own copy of the objects; what a test writes is rolled back
after it. A module with transactional tests overrides `world` with `fresh_world`.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.utils import timezone

from gfmd.enums import MechanismBody
from gfmd.models import Edition, MechanismParticipation
from roundtables.models import Session, WorkingPaper
from tests.conftest import per_test_copy, refuse_transactional_neighbours, rows_kept_for_the_module
from tests.factories import (
    FocalPointFactory,
    MechanismFactory,
    OrganisationFactory,
    StaffFactory,
    SteeringMemberFactory,
    UserFactory,
    country,
)
from tests.roundtables.factories import (
    RoundtableFactory,
    SessionFactory,
    confirmed_cochair,
    edition_2020,
    friend,
    team_member,
)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@dataclass
class World:
    edition: Edition
    session: Session
    paper: WorkingPaper
    users: dict = field(default_factory=dict)
    organisation: object = None
    mechanism: object = None

    def refresh(self):
        self.paper.refresh_from_db()
        return self.paper


ROLES = [
    "staff",
    "chair",
    "cochair",
    "team",
    "steering",
    "friend",
    "observer",
    "mechanism",
    "bystander",
    "outsider",
    "anonymous",
]


def build_world() -> World:
    """GFMD 2020 (chair UAE), RT 1.1 co-chaired by Germany (developed) and Morocco
    (developing), France on the team, Sweden on the Steering Group, Brazil a Friend of the
    Forum, IOM an observer, the Mayors Mechanism with a Friends of the Forum seat since
    2019, and a focal point of Japan with no role in the edition."""
    edition = edition_2020(start_date=timezone.localdate() + timedelta(weeks=6))
    session = SessionFactory(roundtable=RoundtableFactory(edition=edition, number=1), number=1)
    confirmed_cochair(session, "DEU")
    confirmed_cochair(session, "MAR")
    team_member(session, "FRA")
    SteeringMemberFactory(country=country("SWE"))
    iom = OrganisationFactory(name="International Organization for Migration", acronym="IOM")
    friend(edition, iso3="BRA")
    friend(edition, organisation=iom)
    mayors = MechanismFactory(code="mayors", name="Mayors Mechanism")
    MechanismParticipation.objects.create(
        mechanism=mayors, body=MechanismBody.FRIENDS_OF_THE_FORUM, start_date=date(2019, 1, 1)
    )
    users = {
        "staff": StaffFactory(username="rt-staff"),
        "chair": FocalPointFactory(country=country("ARE"), user__username="rt-chair").user,
        "cochair": FocalPointFactory(country=country("DEU"), user__username="rt-cochair").user,
        "team": FocalPointFactory(country=country("FRA"), user__username="rt-team").user,
        "steering": FocalPointFactory(country=country("SWE"), user__username="rt-steering").user,
        "friend": FocalPointFactory(country=country("BRA"), user__username="rt-friend").user,
        "observer": FocalPointFactory(organisation=iom, user__username="rt-observer").user,
        "mechanism": FocalPointFactory(mechanism=mayors, user__username="rt-mayors").user,
        "bystander": FocalPointFactory(country=country("JPN"), user__username="rt-japan").user,
        "outsider": UserFactory(username="rt-outsider"),
        "anonymous": None,
    }
    return World(
        edition=edition,
        session=session,
        paper=session.paper,
        users=users,
        organisation=iom,
        mechanism=mayors,
    )


@pytest.fixture(scope="module")
def _world_rows(request, django_db_setup, django_db_blocker):
    refuse_transactional_neighbours(request)
    with rows_kept_for_the_module(django_db_blocker):
        yield build_world()


@pytest.fixture
def world(_world_rows, db):
    """The roundtables world (see build_world), made once per module; a copy per test."""
    return per_test_copy(_world_rows)


@pytest.fixture
def fresh_world(db):
    """The same world made for this test alone (for modules with transactional tests)."""
    return build_world()
