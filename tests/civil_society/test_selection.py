"""The selection policy: sector minimums and shares, migrant/diaspora-led priority, regional
spread, deterministic ties, per-organisation cap, eligibility, adjust and confirm."""

from datetime import timedelta
from decimal import Decimal

import pytest

from civil_society.enums import DelegateStatus, LedCheck, Outcome, ProposalStatus, Sector
from civil_society.models import ProposalEntry, SelectionProposal
from civil_society.services.selection import proposal_adjust, proposal_confirm, proposal_run
from gfmd.platform.errors import ConflictError, DomainError
from tests.civil_society.factories import (
    CommitteeMemberFactory,
    DelegateFactory,
    candidate,
)

pytestmark = pytest.mark.django_db


def _outcomes(proposal):
    return {
        e.delegate.full_name: (e.outcome, e.waitlist_position)
        for e in ProposalEntry.objects.filter(proposal=proposal).select_related("delegate")
    }


def _entry(proposal, name):
    return ProposalEntry.objects.get(proposal=proposal, delegate__full_name=name)


def test_selection_fills_places_by_score_then_waitlist_then_out(csd, policy, reviewer, staff):
    policy.places, policy.waitlist_size = 2, 1
    policy.save()
    for name, score in [("A", 9), ("B", 8), ("C", 7), ("D", 6)]:
        candidate(csd, score=score, reviewers=[reviewer], full_name=name)

    proposal = proposal_run(actor=staff, csd_edition=csd)

    assert _outcomes(proposal) == {
        "A": ("selected", None),
        "B": ("selected", None),
        "C": ("waitlisted", 1),
        "D": ("out", None),
    }
    assert "Selected on merit" in _entry(proposal, "A").reason
    assert "Waitlisted at position 1" in _entry(proposal, "C").reason
    assert "below the last of 1 waitlist place" in _entry(proposal, "D").reason


def test_sector_minimum_reserves_a_place_for_a_lower_scored_sector(csd, policy, reviewer, staff):
    policy.places, policy.sector_minimums = 2, {"trade_union": 1}
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer], full_name="Dev high")
    candidate(csd, score=8, reviewers=[reviewer], full_name="Dev second")
    candidate(csd, score=4, reviewers=[reviewer], sector=Sector.TRADE_UNION, full_name="Union")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    outcomes = _outcomes(proposal)
    assert outcomes["Union"][0] == outcomes["Dev high"][0] == "selected"
    assert outcomes["Dev second"] == ("waitlisted", 1)
    assert "Trade union minimum (1 of 1)" in _entry(proposal, "Union").reason


def test_sector_share_reserves_places_like_a_minimum(csd, policy, reviewer, staff):
    policy.places, policy.sector_min_shares = 4, {"academia": "0.50"}
    policy.save()
    for i, score in enumerate([10, 9, 8, 7]):
        candidate(csd, score=score, reviewers=[reviewer], full_name=f"Dev {i}")
    for i, score in enumerate([3, 2]):
        candidate(
            csd, score=score, reviewers=[reviewer], sector=Sector.ACADEMIA, full_name=f"Ac {i}"
        )

    proposal = proposal_run(actor=staff, csd_edition=csd)

    selected = {n for n, (o, _) in _outcomes(proposal).items() if o == "selected"}
    assert selected == {"Dev 0", "Dev 1", "Ac 0", "Ac 1"}


def test_unfilled_sector_minimum_is_reported_not_invented(csd, policy, reviewer, staff):
    policy.places, policy.sector_minimums = 2, {"private_sector": 1}
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer], full_name="Dev")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    assert any(
        "Private sector employer: 0 of the 1" in w for w in proposal.policy_snapshot["warnings"]
    )


def test_migrant_led_priority_bonus_outranks_a_higher_raw_score(csd, policy, reviewer, staff):
    policy.places, policy.priority_bonus = 1, Decimal("1.50")
    policy.save()
    candidate(csd, score=8, reviewers=[reviewer], full_name="Not led")
    candidate(csd, score=7, reviewers=[reviewer], migrant_led=True, full_name="Migrant-led")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    assert _outcomes(proposal)["Migrant-led"][0] == "selected"
    assert _outcomes(proposal)["Not led"] == ("waitlisted", 1)
    assert "+ 1.50 priority (migrant-led)" in _entry(proposal, "Migrant-led").reason


def test_diaspora_led_priority_wins_a_tie_even_without_bonus(csd, policy, reviewer, staff):
    policy.places, policy.priority_bonus = 1, Decimal("0")
    policy.save()
    candidate(csd, score=8, reviewers=[reviewer], full_name="Not led")  # submitted first
    candidate(csd, score=8, reviewers=[reviewer], diaspora_led=True, full_name="Diaspora-led")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    assert _outcomes(proposal)["Diaspora-led"][0] == "selected"


def test_priority_refused_by_staff_check_gives_no_bonus(csd, policy, reviewer, staff):
    policy.places, policy.priority_bonus = 1, Decimal("1.50")
    policy.save()
    candidate(csd, score=8, reviewers=[reviewer], full_name="Not led")
    refused = candidate(csd, score=7, reviewers=[reviewer], migrant_led=True, full_name="Refused")
    profile = refused.application.organisation
    profile.led_check = LedCheck.REJECTED
    profile.save()

    proposal = proposal_run(actor=staff, csd_edition=csd)

    assert _outcomes(proposal)["Not led"][0] == "selected"
    assert _outcomes(proposal)["Refused"][0] == "waitlisted"


def test_regional_spread_gives_each_region_its_minimum(csd, policy, reviewer, staff):
    policy.places, policy.min_per_region = 2, 1
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer], region_iso3="DEU", full_name="Europe 1")
    candidate(csd, score=8, reviewers=[reviewer], region_iso3="FRA", full_name="Europe 2")
    candidate(csd, score=5, reviewers=[reviewer], region_iso3="SEN", full_name="Africa")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    outcomes = _outcomes(proposal)
    assert outcomes["Africa"][0] == outcomes["Europe 1"][0] == "selected"
    assert outcomes["Europe 2"][0] == "waitlisted"
    assert "regional spread (Africa: 1 of 1)" in _entry(proposal, "Africa").reason


def test_regional_cap_holds_back_a_region_beyond_its_share(csd, policy, reviewer, staff):
    policy.places, policy.max_region_share = 2, Decimal("0.50")
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer], region_iso3="DEU", full_name="Europe 1")
    candidate(csd, score=8, reviewers=[reviewer], region_iso3="FRA", full_name="Europe 2")
    candidate(csd, score=3, reviewers=[reviewer], region_iso3="IND", full_name="Asia")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    outcomes = _outcomes(proposal)
    assert outcomes["Asia"][0] == "selected"
    assert outcomes["Europe 2"] == ("waitlisted", 1)
    assert (
        "Europe already has 1 place(s), the policy's regional cap"
        in _entry(proposal, "Europe 2").reason
    )


def test_ties_break_by_earlier_submission_and_are_stable(csd, policy, reviewer, staff):
    policy.places = 1
    policy.save()
    late = candidate(csd, score=7, reviewers=[reviewer], full_name="Late")  # lower id
    early = candidate(csd, score=7, reviewers=[reviewer], full_name="Early")
    late.application.submitted_at = early.application.submitted_at + timedelta(hours=1)
    late.application.save()
    assert late.pk < early.pk

    first = _outcomes(proposal_run(actor=staff, csd_edition=csd))
    second = _outcomes(proposal_run(actor=staff, csd_edition=csd))

    assert first["Early"][0] == "selected" and first["Late"][0] == "waitlisted"
    assert first == second
    assert SelectionProposal.objects.filter(status=ProposalStatus.SUPERSEDED).count() == 1


def test_ties_with_same_submission_time_break_by_lower_delegate_id(csd, policy, reviewer, staff):
    policy.places = 1
    policy.save()
    first = candidate(csd, score=7, reviewers=[reviewer], full_name="First")
    second = candidate(csd, score=7, reviewers=[reviewer], full_name="Second")
    second.application.submitted_at = first.application.submitted_at
    second.application.save()

    assert _outcomes(proposal_run(actor=staff, csd_edition=csd))["First"][0] == "selected"


def test_ties_on_everything_else_break_by_delegate_position_in_application(
    csd, policy, reviewer, staff
):
    policy.places, policy.max_per_organisation = 1, 2
    policy.save()
    first = candidate(csd, score=7, reviewers=[reviewer], full_name="Second choice", position=2)
    DelegateFactory(application=first.application, position=1, full_name="First choice")

    outcomes = _outcomes(proposal_run(actor=staff, csd_edition=csd))

    assert outcomes["First choice"][0] == "selected"


def test_one_place_per_organisation_by_default(csd, policy, reviewer, staff):
    policy.places = 2
    policy.save()
    lead = candidate(csd, score=9, reviewers=[reviewer], full_name="Lead")
    DelegateFactory(application=lead.application, position=2, full_name="Colleague")
    candidate(csd, score=5, reviewers=[reviewer], full_name="Other org")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    outcomes = _outcomes(proposal)
    assert outcomes["Lead"][0] == outcomes["Other org"][0] == "selected"
    assert outcomes["Colleague"][0] == "out"
    assert "the most one organisation may hold" in _entry(proposal, "Colleague").reason


def test_application_without_enough_reviews_is_not_eligible(csd, policy, reviewer, staff):
    policy.min_reviews = 2
    policy.save()
    second = CommitteeMemberFactory(csd_edition=csd)
    candidate(csd, score=6, reviewers=[reviewer, second], full_name="Reviewed")
    candidate(csd, score=10, reviewers=[reviewer], full_name="Half reviewed")

    proposal = proposal_run(actor=staff, csd_edition=csd)

    assert _outcomes(proposal)["Reviewed"][0] == "selected"
    assert _outcomes(proposal)["Half reviewed"][0] == "out"
    assert "1 of 2 required review(s)" in _entry(proposal, "Half reviewed").reason


def test_run_without_policy_is_refused(csd, staff):
    with pytest.raises(DomainError, match="selection policy"):
        proposal_run(actor=staff, csd_edition=csd)


def test_adjust_needs_a_note_and_cannot_exceed_places(csd, policy, reviewer, staff):
    policy.places = 1
    policy.save()
    candidate(csd, score=9, reviewers=[reviewer], full_name="In")
    candidate(csd, score=5, reviewers=[reviewer], full_name="Waiting")
    proposal = proposal_run(actor=staff, csd_edition=csd)
    waiting, chosen = _entry(proposal, "Waiting"), _entry(proposal, "In")

    with pytest.raises(DomainError, match="note"):
        proposal_adjust(actor=staff, entry=waiting, outcome=Outcome.SELECTED, note=" ")
    with pytest.raises(ConflictError, match="All 1 places are taken"):
        proposal_adjust(actor=staff, entry=waiting, outcome=Outcome.SELECTED, note="Expertise")

    proposal_adjust(actor=staff, entry=chosen, outcome=Outcome.OUT, note="Withdrew informally")
    adjusted = proposal_adjust(
        actor=staff, entry=waiting, outcome=Outcome.SELECTED, note="Needed expertise"
    )

    assert adjusted.is_adjusted and adjusted.proposed_outcome == Outcome.WAITLISTED
    assert _outcomes(proposal) == {"In": ("out", None), "Waiting": ("selected", None)}


def test_confirm_applies_outcomes_to_delegates(csd, policy, reviewer, staff):
    policy.places, policy.waitlist_size = 1, 1
    policy.save()
    chosen = candidate(csd, score=9, reviewers=[reviewer])
    waiting = candidate(csd, score=6, reviewers=[reviewer])
    declined = candidate(csd, score=3, reviewers=[reviewer])
    proposal = proposal_run(actor=staff, csd_edition=csd)

    proposal_confirm(actor=staff, proposal=proposal)

    for delegate in (chosen, waiting, declined):
        delegate.refresh_from_db()
    assert (chosen.status, waiting.status, declined.status) == (
        "selected",
        "waitlisted",
        "declined",
    )
    assert waiting.waitlist_position == 1
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.CONFIRMED and proposal.confirmed_at
    with pytest.raises(ConflictError, match="already confirmed"):
        proposal_run(actor=staff, csd_edition=csd)
    with pytest.raises(ConflictError):
        proposal_confirm(actor=staff, proposal=proposal)


def test_confirm_skips_a_delegate_withdrawn_after_the_run(csd, policy, reviewer, staff):
    gone = candidate(csd, score=9, reviewers=[reviewer])
    proposal = proposal_run(actor=staff, csd_edition=csd)
    from civil_society.services.applications import application_withdraw

    application_withdraw(actor=staff, application=gone.application)
    proposal_confirm(actor=staff, proposal=proposal)

    gone.refresh_from_db()
    assert gone.status == DelegateStatus.WITHDRAWN
