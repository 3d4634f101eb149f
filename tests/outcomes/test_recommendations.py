"""Government recommendations and their follow-up across editions."""

import pytest
from django.db import IntegrityError, transaction

from gfmd.platform.errors import DomainError
from outcomes.enums import Addressee, FollowUpStatus
from outcomes.models import FollowUp
from outcomes.selectors.recommendations import recommendations_for_user
from outcomes.services.recommendations import followup_record, recommendation_create
from tests.factories import EditionFactory, OrganisationFactory, country
from tests.outcomes.factories import RecommendationFactory
from tests.roundtables.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editions():
    return [EditionFactory(year_start=year) for year in (2019, 2020, 2021)]


def test_follow_up_across_three_editions_keeps_every_entry(staff, editions):
    first, second, third = editions
    rec = recommendation_create(
        actor=staff,
        edition=first,
        addressed_to=Addressee.GOVERNMENTS,
        source_label="Chair's conclusions",
        title="Lower remittance costs",
        text="Governments should bring remittance costs below 3 per cent.",
    )
    steps = [
        (first, FollowUpStatus.NOT_STARTED),
        (second, FollowUpStatus.IN_PROGRESS),
        (third, FollowUpStatus.IMPLEMENTED),
    ]
    for edition, status in steps:
        followup_record(
            actor=staff,
            recommendation=rec,
            edition=edition,
            status=status,
            evidence=f"Report {edition.year_start}",
            reporting_country=country("MEX"),
        )
    history = list(FollowUp.objects.filter(recommendation=rec).values_list("status", flat=True))
    assert history == ["not_started", "in_progress", "implemented"]
    found = recommendations_for_user(staff, since=2019).get(pk=rec.pk)
    assert found.latest_status == FollowUpStatus.IMPLEMENTED
    assert list(recommendations_for_user(staff, since=2020)) == []
    assert list(recommendations_for_user(staff, status="implemented")) == [found]


def test_follow_up_before_the_recommendation_is_refused(staff, editions):
    rec = RecommendationFactory(edition=editions[1])
    with pytest.raises(DomainError) as refused:
        followup_record(
            actor=staff,
            recommendation=rec,
            edition=editions[0],
            status=FollowUpStatus.IN_PROGRESS,
            reporting_country=country("MEX"),
        )
    assert refused.value.field == "edition"


def test_database_refuses_a_follow_up_before_the_recommendation(editions):
    rec = RecommendationFactory(edition=editions[1])
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            recommendation=rec,
            recommendation_ordinal=rec.edition_ordinal,
            edition=editions[0],
            edition_ordinal=editions[0].ordinal,
            status=FollowUpStatus.IN_PROGRESS,
            reporting_country=country("MEX"),
        )


def test_database_refuses_a_copied_ordinal_that_lies(editions):
    """The ordinal copies are held by composite foreign keys: a follow-up cannot claim a
    later edition ordinal than its edition's to pass the order check."""
    rec = RecommendationFactory(edition=editions[1])
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            recommendation=rec,
            recommendation_ordinal=rec.edition_ordinal,
            edition=editions[0],
            edition_ordinal=editions[2].ordinal,
            status=FollowUpStatus.IN_PROGRESS,
            reporting_country=country("MEX"),
        )


def test_database_refuses_two_reporters_or_none(editions):
    rec = RecommendationFactory(edition=editions[0])
    for reporters in (
        {"reporting_country": country("MEX"), "reporting_organisation": OrganisationFactory()},
        {},
    ):
        with pytest.raises(IntegrityError), transaction.atomic():
            FollowUp.objects.create(
                recommendation=rec,
                recommendation_ordinal=rec.edition_ordinal,
                edition=editions[0],
                edition_ordinal=editions[0].ordinal,
                status=FollowUpStatus.IN_PROGRESS,
                **reporters,
            )


def test_recommendation_of_a_session_of_another_edition_is_refused(staff, editions):
    session = SessionFactory(roundtable__edition=editions[0])
    with pytest.raises(DomainError):
        recommendation_create(
            actor=staff,
            edition=editions[1],
            session=session,
            addressed_to=Addressee.FORUM,
            title="T",
            text="Text",
        )


def test_database_refuses_a_recommendation_without_source(editions):
    with pytest.raises(IntegrityError), transaction.atomic():
        RecommendationFactory(edition=editions[0], source_label="")
