"""Rules of the process hold in the database itself: bypassing validation still fails."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gfmd.enums import AttendanceRole, FriendsRole
from gfmd.models import (
    Attendance,
    Country,
    Edition,
    EditionChair,
    FocalPoint,
    FriendsParticipation,
    Organisation,
    SteeringGroupMembership,
)
from tests.factories import (
    EditionFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
    country,
)

pytestmark = pytest.mark.django_db


def _db_rejects(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_db_rejects_overlapping_steering_terms():
    SteeringGroupMembership.objects.create(
        country=country("DEU"), start_date=date(2010, 1, 1), end_date=date(2012, 12, 31)
    )
    _db_rejects(
        lambda: SteeringGroupMembership.objects.create(
            country=country("DEU"), start_date=date(2012, 6, 1)
        )
    )
    # adjacent terms and other countries are fine
    SteeringGroupMembership.objects.create(country=country("DEU"), start_date=date(2013, 1, 1))
    SteeringGroupMembership.objects.create(country=country("FRA"), start_date=date(2011, 1, 1))


def test_validation_names_overlapping_steering_term():
    SteeringGroupMembership.objects.create(country=country("MAR"), start_date=date(2010, 1, 1))
    term = SteeringGroupMembership(country=country("MAR"), start_date=date(2015, 1, 1))

    with pytest.raises(ValidationError) as error:
        term.full_clean()

    assert "overlapping" in error.value.message_dict["start_date"][0]


def test_db_rejects_steering_dates_out_of_order():
    _db_rejects(
        lambda: SteeringGroupMembership.objects.create(
            country=country("DEU"), start_date=date(2012, 1, 1), end_date=date(2011, 1, 1)
        )
    )


def test_db_rejects_same_chair_twice_for_an_edition():
    edition = EditionFactory(chairs=["SWE"])
    _db_rejects(lambda: EditionChair.objects.create(edition=edition, country=country("SWE")))


def test_joint_chairmanship_is_allowed():
    edition = EditionFactory(year_start=2017, year_end=2018, chairs=["DEU", "MAR"])
    assert sorted(edition.chairs.values_list("iso3", flat=True)) == ["DEU", "MAR"]


def test_db_rejects_duplicate_edition_ordinal_and_bad_years():
    EditionFactory(ordinal=7)
    _db_rejects(lambda: Edition.objects.create(ordinal=7, year_start=2013, title="dup"))
    _db_rejects(
        lambda: Edition.objects.create(ordinal=8, year_start=2015, year_end=2014, title="backwards")
    )
    _db_rejects(
        lambda: Edition.objects.create(ordinal=9, year_start=2015, year_end=2018, title="too long")
    )
    _db_rejects(
        lambda: Edition.objects.create(
            ordinal=10,
            year_start=2015,
            title="dates",
            start_date=date(2015, 5, 2),
            end_date=date(2015, 5, 1),
        )
    )


def test_chair_must_be_a_state():
    link = EditionChair(edition=EditionFactory(), country=country("PRI"))  # Puerto Rico
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert "not a state" in error.value.message_dict["country"][0]


def test_db_rejects_override_without_reason():
    _db_rejects(
        lambda: Country.objects.filter(iso3="KOR").update(
            development_override="developed", override_reason=""
        )
    )


def test_db_rejects_focal_point_of_two_bodies_or_none():
    user = UserFactory()
    org = OrganisationFactory()
    _db_rejects(
        lambda: FocalPoint.objects.create(
            user=user, country=country("DEU"), organisation=org, start_date=date(2020, 1, 1)
        )
    )
    _db_rejects(lambda: FocalPoint.objects.create(user=user, start_date=date(2020, 1, 1)))


def test_db_rejects_organisation_as_steering_meeting_member():
    meeting = MeetingFactory()
    srsg = OrganisationFactory(acronym="SRSG")
    _db_rejects(
        lambda: Attendance.objects.create(
            meeting=meeting, organisation=srsg, role=AttendanceRole.MEMBER
        )
    )
    invited = Attendance.objects.create(
        meeting=meeting, organisation=srsg, role=AttendanceRole.INVITED_GUEST
    )
    assert invited.pk


def test_db_rejects_friends_organisation_as_participant_and_duplicates():
    edition = EditionFactory()
    org = OrganisationFactory()
    _db_rejects(
        lambda: FriendsParticipation.objects.create(
            edition=edition, organisation=org, role=FriendsRole.PARTICIPANT
        )
    )
    FriendsParticipation.objects.create(
        edition=edition, country=country("DEU"), role=FriendsRole.PARTICIPANT
    )
    _db_rejects(
        lambda: FriendsParticipation.objects.create(
            edition=edition, country=country("DEU"), role=FriendsRole.PARTICIPANT
        )
    )


def test_db_rejects_organisation_name_differing_only_in_case():
    Organisation.objects.create(name="World Bank", kind="intergovernmental")
    _db_rejects(lambda: Organisation.objects.create(name="WORLD BANK", kind="intergovernmental"))


def test_db_rejects_in_person_meeting_without_city():
    _db_rejects(lambda: MeetingFactory(city="", is_virtual=False))


def test_db_rejects_implausible_edition_year():
    _db_rejects(lambda: Edition.objects.create(ordinal=11, year_start=20155, title="typo"))
    _db_rejects(lambda: Edition.objects.create(ordinal=12, year_start=2006, title="too early"))


def test_two_field_rules_name_the_field_to_correct():
    """A CheckConstraint's violation names the field(s) its lookups test, not __all__."""
    from django.core.exceptions import ValidationError

    from gfmd.models import Meeting

    meeting = Meeting(
        edition=EditionFactory(),
        body="steering_group",
        title="m",
        start_date=date(2020, 5, 2),
        end_date=date(2020, 5, 1),
        is_virtual=False,
        city="",
    )
    with pytest.raises(ValidationError) as caught:
        meeting.validate_constraints()
    assert sorted(caught.value.message_dict) == ["city", "end_date", "is_virtual"]
    assert "cannot be before" in caught.value.message_dict["end_date"][0]
