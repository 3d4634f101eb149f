"""Admin: the review screen (scores, conflicts, proposal with explanations, adjust, confirm),
the reviewer's scoring page, organisation deduplication and the selection report."""

import pytest
from django.urls import reverse

from civil_society.enums import Sector
from civil_society.models import CivilSocietyOrganisation, ProposalEntry, Review, SelectionProposal
from tests.civil_society.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    CSOFactory,
    candidate,
)

pytestmark = pytest.mark.django_db


def _review_url(csd):
    return reverse("admin:civil_society_csdedition_review", args=[csd.pk])


def test_review_screen_shows_scores_and_conflicts(csd, reviewer, staff, client):
    delegate = candidate(csd, score=8, reviewers=[reviewer], name="Workers Without Borders")
    conflicted = CommitteeMemberFactory(
        csd_edition=csd, organisation=delegate.application.organisation.organisation
    )
    client.force_login(staff)

    page = client.get(_review_url(csd)).content.decode()

    row = page.split('data-organisation="Workers Without Borders"')[1].split("</tr>")[0]
    assert "8.00" in row
    assert conflicted.user.get_full_name() in row.split('class="conflicts"')[1]
    assert "No proposal yet." in page


def test_staff_run_adjust_and_confirm_on_the_review_screen(csd, policy, reviewer, staff, client):
    policy.places = 1
    policy.save()
    top = candidate(csd, score=9, reviewers=[reviewer], full_name="Top")
    low = candidate(csd, score=4, reviewers=[reviewer], full_name="Low")
    client.force_login(staff)

    client.post(_review_url(csd), {"action": "run"})
    page = client.get(_review_url(csd)).content.decode()
    assert "Selected on merit." in page and "Waitlisted at position 1" in page
    proposal = SelectionProposal.objects.get()
    top_entry = ProposalEntry.objects.get(delegate=top)
    low_entry = ProposalEntry.objects.get(delegate=low)
    client.post(
        _review_url(csd),
        {
            "action": "adjust",
            "entry": top_entry.pk,
            "outcome": "waitlisted",
            "note": "Asked to wait",
        },
    )
    client.post(
        _review_url(csd),
        {"action": "adjust", "entry": low_entry.pk, "outcome": "selected", "note": "Expertise"},
    )
    assert "adjusted from waitlisted: Expertise" in client.get(_review_url(csd)).content.decode()

    client.post(_review_url(csd), {"action": "confirm", "proposal": proposal.pk})

    top.refresh_from_db()
    low.refresh_from_db()
    assert (low.status, top.status, top.waitlist_position) == ("selected", "waitlisted", 1)
    assert "Confirmed" in client.get(_review_url(csd)).content.decode()


def test_reviewer_sees_the_review_screen_but_cannot_decide(csd, policy, reviewer, client):
    candidate(csd, score=9, reviewers=[reviewer])
    client.force_login(reviewer.user)

    assert client.get(_review_url(csd)).status_code == 200
    assert client.post(_review_url(csd), {"action": "run"}).status_code == 403
    assert not SelectionProposal.objects.exists()


def test_reviewer_scores_on_the_score_page(csd, reviewer, client):
    application = ApplicationFactory(csd_edition=csd)
    client.force_login(reviewer.user)
    url = reverse("admin:civil_society_application_score", args=[application.pk])

    assert 'id="score-form"' in client.get(url).content.decode()
    client.post(url, {"score": 6, "comment": "Solid"})

    review = Review.objects.get()
    assert (review.reviewer, review.score, review.comment) == (reviewer, 6, "Solid")


def test_conflicted_reviewer_is_told_and_cannot_score(csd, reviewer, client):
    application = ApplicationFactory(
        csd_edition=csd, organisation=reviewer.organisation.csd_profile
    )
    other = ApplicationFactory(csd_edition=csd)
    client.force_login(reviewer.user)
    url = reverse("admin:civil_society_application_score", args=[application.pk])

    page = client.get(url).content.decode()
    client.post(url, {"score": 10})

    assert "Conflict of interest" in page and 'id="score-form"' not in page
    assert not Review.objects.exists()
    changelist = client.get(reverse("admin:civil_society_application_changelist")).content.decode()
    assert str(other.organisation) in changelist
    assert str(application.organisation) not in changelist


def test_deduplication_screen_groups_and_merges(csd, staff, client):
    keep = CSOFactory(name="Women in Migration Network")
    duplicate = CSOFactory(name="Women in Migration Network, Inc.")
    CSOFactory(name="Somebody Else Entirely")
    ApplicationFactory(csd_edition=csd, organisation=duplicate)
    client.force_login(staff)
    url = reverse("admin:civil_society_civilsocietyorganisation_duplicates")

    page = client.get(url).content.decode()
    assert page.count('class="duplicate-group"') == 1
    assert "<td>same name</td>" in page
    assert "Somebody Else" not in page

    client.post(url, {"keep": keep.pk, "duplicate": duplicate.pk})

    assert not CivilSocietyOrganisation.objects.filter(pk=duplicate.pk).exists()
    assert keep.applications.count() == 1
    assert 'id="no-duplicates"' in client.get(url).content.decode()


def test_deduplication_screen_is_staff_only(reviewer, client):
    client.force_login(reviewer.user)
    url = reverse("admin:civil_society_civilsocietyorganisation_duplicates")
    assert client.get(url).status_code == 403


def test_selection_report_shows_the_balance(csd, policy, reviewer, staff, client):
    policy.places, policy.sector_minimums = 3, {"academia": 1}
    policy.save()
    candidate(
        csd, score=9, reviewers=[reviewer], migrant_led=True, region_iso3="SEN", gender="female"
    )
    candidate(
        csd,
        score=8,
        reviewers=[reviewer],
        sector=Sector.TRADE_UNION,
        region_iso3="DEU",
        gender="male",
    )
    candidate(csd, score=7, reviewers=[reviewer], region_iso3="BRA")
    client.force_login(staff)
    client.post(_review_url(csd), {"action": "run"})
    proposal = SelectionProposal.objects.get()
    url = reverse("admin:civil_society_csdedition_report", args=[csd.pk])

    page = client.get(f"{url}?proposal={proposal.pk}").content.decode()

    assert "3 delegate(s) for 3 places." in page
    assert "<td>Trade union</td><td>1</td>" in page
    assert "<td>Africa</td><td>1</td>" in page and "<td>Europe</td><td>1</td>" in page
    assert "<td>Migrant-led</td><td>1</td>" in page
    assert "<td>Female</td><td>1</td>" in page and "<td>Not given</td><td>1</td>" in page
    assert "Academia: 0 of 1 reserved." in page
    confirmed = client.get(url).content.decode()
    assert "0 delegate(s)" in confirmed  # nothing confirmed yet


def test_friends_representative_added_in_admin_checks_the_rules(csd, staff, client):
    from civil_society.models import FriendsRepresentative
    from gfmd.enums import MeetingBody
    from tests.factories import MeetingFactory

    nominated = candidate(csd)
    selected = candidate(csd, status="selected")
    meeting = MeetingFactory(edition=csd.edition, body=MeetingBody.FRIENDS_OF_THE_FORUM)
    client.force_login(staff)
    url = reverse("admin:civil_society_friendsrepresentative_add")

    refused = client.post(url, {"delegate": nominated.pk, "meeting": meeting.pk})
    assert "Only selected delegates" in refused.content.decode()
    client.post(url, {"delegate": selected.pk, "meeting": meeting.pk})

    representative = FriendsRepresentative.objects.get()
    assert representative.delegate == selected
    assert representative.attendance.role == "observer"


def test_staff_enter_an_application_with_delegates_in_admin(csd, staff, client):
    from civil_society.models import Application
    from tests.factories import country

    profile = CSOFactory()
    client.force_login(staff)
    response = client.post(
        reverse("admin:civil_society_application_add"),
        {
            "csd_edition": csd.pk,
            "organisation": profile.pk,
            "motivation": "Sent by post",
            "contact_email": "",
            "delegates-TOTAL_FORMS": "1",
            "delegates-INITIAL_FORMS": "0",
            "delegates-MIN_NUM_FORMS": "0",
            "delegates-MAX_NUM_FORMS": "1000",
            "delegates-0-position": "1",
            "delegates-0-full_name": "Ana Silva",
            "delegates-0-email": "ana@example.org",
            "delegates-0-gender": "",
            "delegates-0-country": country("BRA").pk,
        },
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    application = Application.objects.get()
    assert (application.source, application.submitted_by) == ("staff", staff)
    assert application.delegates.get().csd_edition == csd


def test_committee_member_sees_only_their_editions_records_in_admin(
    csd, policy, reviewer, staff, client
):
    from civil_society.models import Recommendation
    from civil_society.services.selection import proposal_run
    from tests.civil_society.factories import PolicyFactory

    elsewhere = PolicyFactory()
    proposal_run(actor=staff, csd_edition=csd)
    Recommendation.objects.create(csd_edition=csd, title="Ours", text="t", addressed_theme="x")
    Recommendation.objects.create(
        csd_edition=elsewhere.csd_edition, title="Theirs", text="t", addressed_theme="x"
    )
    client.force_login(reviewer.user)

    policies = client.get(
        reverse("admin:civil_society_selectionpolicy_changelist")
    ).content.decode()
    recommendations = client.get(
        reverse("admin:civil_society_recommendation_changelist")
    ).content.decode()
    proposals = client.get(
        reverse("admin:civil_society_selectionproposal_changelist")
    ).content.decode()

    assert str(csd) in policies and str(elsewhere.csd_edition) not in policies
    assert "Ours" in recommendations and "Theirs" not in recommendations
    assert "1 selection proposal" in proposals
