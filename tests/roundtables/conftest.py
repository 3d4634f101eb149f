"""The roundtables test world: one edition with a session and a person in every role."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from gfmd.models import Edition
from roundtables.models import Session, WorkingPaper
from tests.factories import (
    FocalPointFactory,
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
    # Fast hashing: the world fixture creates a user per role in every test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@dataclass
class World:
    edition: Edition
    session: Session
    paper: WorkingPaper
    users: dict = field(default_factory=dict)
    organisation: object = None

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
    "bystander",
    "outsider",
    "anonymous",
]


@pytest.fixture
def world(db):
    """GFMD 2020 (chair UAE), RT 1.1 co-chaired by Germany (developed) and Morocco
    (developing), France on the team, Sweden on the Steering Group, Brazil a Friend of the
    Forum, IOM an observer, and a focal point of Japan with no role in the edition."""
    edition = edition_2020(start_date=timezone.localdate() + timedelta(weeks=6))
    session = SessionFactory(roundtable=RoundtableFactory(edition=edition, number=1), number=1)
    confirmed_cochair(session, "DEU")
    confirmed_cochair(session, "MAR")
    team_member(session, "FRA")
    SteeringMemberFactory(country=country("SWE"))
    iom = OrganisationFactory(name="International Organization for Migration", acronym="IOM")
    friend(edition, iso3="BRA")
    friend(edition, organisation=iom)
    users = {
        "staff": StaffFactory(username="rt-staff"),
        "chair": FocalPointFactory(country=country("ARE"), user__username="rt-chair").user,
        "cochair": FocalPointFactory(country=country("DEU"), user__username="rt-cochair").user,
        "team": FocalPointFactory(country=country("FRA"), user__username="rt-team").user,
        "steering": FocalPointFactory(country=country("SWE"), user__username="rt-steering").user,
        "friend": FocalPointFactory(country=country("BRA"), user__username="rt-friend").user,
        "observer": FocalPointFactory(organisation=iom, user__username="rt-observer").user,
        "bystander": FocalPointFactory(country=country("JPN"), user__username="rt-japan").user,
        "outsider": UserFactory(username="rt-outsider"),
        "anonymous": None,
    }
    return World(
        edition=edition, session=session, paper=session.paper, users=users, organisation=iom
    )
