"""Rules the database itself enforces (a script or a racing writer cannot break them)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from civil_society.enums import CommonSpaceSide, SessionOrigin
from civil_society.models import (
    CivilSocietyOrganisation,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    Delegate,
    PeoplesGlobalActionDocument,
    ProposalEntry,
    Recommendation,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.services.editions import csd_edition_save
from tests.civil_society.factories import (
    ApplicationFactory,
    CSDEditionFactory,
    CSOFactory,
    DelegateFactory,
    PolicyFactory,
)
from tests.factories import EditionFactory, country

pytestmark = pytest.mark.django_db


def _refused(name):
    return pytest.raises(IntegrityError, match=name)


def test_sector_is_one_of_the_five():
    profile = CSOFactory()
    with _refused("cso_sector_one_of_five"), transaction.atomic():
        CivilSocietyOrganisation.objects.filter(pk=profile.pk).update(sector="media")


def test_led_check_only_for_a_declaration():
    profile = CSOFactory()
    with _refused("cso_led_check_matches_declaration"), transaction.atomic():
        CivilSocietyOrganisation.objects.filter(pk=profile.pk).update(led_check="confirmed")
    with _refused("cso_led_check_matches_declaration"), transaction.atomic():
        CivilSocietyOrganisation.objects.filter(pk=profile.pk).update(migrant_led=True)


def test_delegate_selected_once_per_edition_whatever_the_case_of_the_email(csd):
    DelegateFactory(
        application=ApplicationFactory(csd_edition=csd), email="Ana@Example.org", status="selected"
    )
    other = DelegateFactory(
        application=ApplicationFactory(csd_edition=csd), email="ana@example.ORG"
    )
    with _refused("delegate_selected_once_per_edition"), transaction.atomic():
        Delegate.objects.filter(pk=other.pk).update(status="selected")
    # nominated twice is fine, and selected again at another edition too
    DelegateFactory(application=ApplicationFactory(), email="ana@example.org", status="selected")


def test_waitlist_position_only_and_uniquely_for_waitlisted(csd):
    first = DelegateFactory(
        application=ApplicationFactory(csd_edition=csd), status="waitlisted", waitlist_position=1
    )
    with _refused("delegate_waitlist_position_iff_waitlisted"), transaction.atomic():
        Delegate.objects.filter(pk=first.pk).update(status="selected")
    second = DelegateFactory(application=ApplicationFactory(csd_edition=csd))
    with _refused("delegate_waitlist_position_unique"), transaction.atomic():
        Delegate.objects.filter(pk=second.pk).update(status="waitlisted", waitlist_position=1)


def test_one_submitted_application_per_organisation_and_edition(csd):
    first = ApplicationFactory(csd_edition=csd)
    with _refused("application_once_per_organisation_and_edition"), transaction.atomic():
        ApplicationFactory(csd_edition=csd, organisation=first.organisation)
    first.status = "withdrawn"
    first.save()
    ApplicationFactory(csd_edition=csd, organisation=first.organisation)  # may apply again


def test_csd_dates_precede_the_government_meeting():
    csd = CSDEditionFactory()
    forum = csd.edition.start_date
    with _refused("csdedition_before_forum"), transaction.atomic():
        CSDEdition.objects.filter(pk=csd.pk).update(end_date=forum)
    with _refused("csdedition_dates_ordered"), transaction.atomic():
        CSDEdition.objects.filter(pk=csd.pk).update(end_date=date(forum.year, 1, 1))


def test_service_names_the_rule_and_copies_the_forum_date(staff):
    edition = EditionFactory(start_date=date(2014, 5, 14))
    with pytest.raises(ValidationError, match="before the government meeting"):
        csd_edition_save(
            actor=staff,
            csd_edition=CSDEdition(edition=edition, title="CSD 2014", start_date=date(2014, 5, 14)),
        )
    saved = csd_edition_save(
        actor=staff,
        csd_edition=CSDEdition(
            edition=edition,
            title="CSD 2014",
            start_date=date(2014, 5, 12),
            end_date=date(2014, 5, 13),
        ),
    )
    assert saved.forum_start_date == date(2014, 5, 14)
    # Dates are free while the Forum's are unknown.
    unknown = EditionFactory(start_date=None)
    csd_edition_save(
        actor=staff,
        csd_edition=CSDEdition(edition=unknown, title="CSD later", start_date=date(2030, 1, 1)),
    )


def test_policy_numbers_are_bounded(csd):
    policy = PolicyFactory(csd_edition=csd)
    with _refused("selectionpolicy_places_positive"), transaction.atomic():
        SelectionPolicy.objects.filter(pk=policy.pk).update(places=0)
    with _refused("selectionpolicy_region_share_range"), transaction.atomic():
        SelectionPolicy.objects.filter(pk=policy.pk).update(max_region_share="1.50")


def test_policy_validation_rejects_unknown_sectors_and_overbooked_minimums(csd):
    policy = SelectionPolicy(csd_edition=csd, places=3, sector_minimums={"media": 1})
    with pytest.raises(ValidationError, match="keyed by sector"):
        policy.full_clean()
    policy.sector_minimums = {"academia": 2, "trade_union": 2}
    with pytest.raises(ValidationError, match="reserve 4 places but there are only 3"):
        policy.full_clean()
    policy.sector_minimums, policy.sector_min_shares = {}, {"academia": "1.5"}
    with pytest.raises(ValidationError, match="between 0 and 1"):
        policy.full_clean()


def test_one_confirmed_and_one_draft_proposal_per_edition(csd):
    SelectionProposal.objects.create(csd_edition=csd, places=1)
    with _refused("proposal_one_draft_per_edition"), transaction.atomic():
        SelectionProposal.objects.create(csd_edition=csd, places=1)
    SelectionProposal.objects.create(
        csd_edition=csd, places=1, status="confirmed", confirmed_at="2020-10-01T00:00Z"
    )
    with _refused("proposal_one_confirmed_per_edition"), transaction.atomic():
        SelectionProposal.objects.create(
            csd_edition=csd, places=1, status="confirmed", confirmed_at="2020-10-01T00:00Z"
        )


def test_adjusted_entry_needs_a_note(csd):
    proposal = SelectionProposal.objects.create(csd_edition=csd, places=1)
    delegate = DelegateFactory(application=ApplicationFactory(csd_edition=csd))
    with _refused("proposalentry_adjustment_needs_note"), transaction.atomic():
        ProposalEntry.objects.create(
            proposal=proposal,
            delegate=delegate,
            rank=1,
            proposed_outcome="out",
            outcome="selected",
            reason="x",
        )


def test_programme_records_keep_their_shape(csd):
    with _refused("csdsession_mirror_names_government_session"), transaction.atomic():
        CSDSession.objects.create(
            csd_edition=csd, code="1", title="Mirror", origin=SessionOrigin.MIRRORS
        )
    CSDSession.objects.create(csd_edition=csd, code="2", title="Added", origin=SessionOrigin.ADDED)
    with _refused("recommendation_has_addressee"), transaction.atomic():
        Recommendation.objects.create(csd_edition=csd, title="To nobody", text="...")
    with _refused("pgadocument_has_content"), transaction.atomic():
        PeoplesGlobalActionDocument.objects.create(csd_edition=csd, title="Empty")
    session = CommonSpaceSession.objects.create(csd_edition=csd, title="Common Space")
    with _refused("commonspace_participant_matches_side"), transaction.atomic():
        CommonSpaceParticipant.objects.create(
            session=session, side=CommonSpaceSide.CIVIL_SOCIETY, country=country("DEU")
        )
    CommonSpaceParticipant.objects.create(
        session=session, side=CommonSpaceSide.GOVERNMENT, country=country("DEU")
    )
    with _refused("commonspace_country_once"), transaction.atomic():
        CommonSpaceParticipant.objects.create(
            session=session, side=CommonSpaceSide.GOVERNMENT, country=country("DEU")
        )


def test_a_mechanism_takes_part_in_the_common_space_on_its_own_side():
    from tests.factories import MechanismFactory

    session = CommonSpaceSession.objects.create(
        csd_edition=CSDEditionFactory(), title="Common Space with mechanisms"
    )
    mayors = MechanismFactory(code="mayors", name="Mayors Mechanism")
    with _refused("commonspace_participant_matches_side"), transaction.atomic():
        CommonSpaceParticipant.objects.bulk_create(  # a mechanism on the government side
            [
                CommonSpaceParticipant(
                    session=session, side=CommonSpaceSide.GOVERNMENT, mechanism=mayors
                )
            ]
        )
    with _refused("commonspace_participant_matches_side"), transaction.atomic():
        CommonSpaceParticipant.objects.bulk_create(  # two bodies on the mechanism side
            [
                CommonSpaceParticipant(
                    session=session,
                    side=CommonSpaceSide.MECHANISM,
                    mechanism=mayors,
                    country=country("DEU"),
                )
            ]
        )
    CommonSpaceParticipant.objects.create(
        session=session, side=CommonSpaceSide.MECHANISM, mechanism=mayors
    )
    with _refused("commonspace_mechanism_once"), transaction.atomic():
        CommonSpaceParticipant.objects.create(
            session=session, side=CommonSpaceSide.MECHANISM, mechanism=mayors
        )
