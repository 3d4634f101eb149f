"""In a real browser (headless Chromium): a reviewer scores an application, then staff run
the proposed selection on the review screen and confirm it."""

import pytest

from civil_society.enums import DelegateStatus
from civil_society.models import Review
from tests.civil_society.factories import (
    CommitteeMemberFactory,
    CSDEditionFactory,
    PolicyFactory,
    candidate,
)
from tests.factories import StaffFactory, UserFactory

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, username):
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")


def test_reviewer_scores_and_staff_propose_and_confirm(browser_page):
    page = browser_page
    StaffFactory(username="csd-staff")
    csd = CSDEditionFactory()
    PolicyFactory(csd_edition=csd, places=1, waitlist_size=1)
    reviewer = CommitteeMemberFactory(
        csd_edition=csd, user=UserFactory(username="csd-reviewer", is_staff=True)
    )
    colleague = CommitteeMemberFactory(csd_edition=csd)
    unscored = candidate(csd, name="Domestic Workers United", full_name="Rosa Lima")
    scored = candidate(
        csd, score=6, reviewers=[colleague], name="Diaspora Bridge", full_name="Ali Noor"
    )

    # The reviewer scores the application from the applications list.
    _login(page, "csd-reviewer")
    page.goto(f"{page.base_url}/admin/civil_society/application/")
    page.locator("tr", has_text="Domestic Workers United").locator("a.score-link").click()
    page.fill("#id_score", "9")
    page.fill("#id_comment", "Strong grassroots base")
    page.click("#save-score")
    assert (
        "Your score for Domestic Workers United is saved"
        in page.locator(".messagelist").inner_text()
    )
    assert Review.objects.get(reviewer=reviewer).score == 9

    # Staff run the proposed selection on the review screen and confirm it.
    _login(page, "csd-staff")
    page.goto(f"{page.base_url}/admin/civil_society/csdedition/{csd.pk}/review/")
    row = page.locator("tr.application", has_text="Domestic Workers United")
    assert "9.00" in row.inner_text()
    page.click("#run-selection")
    rosa = page.locator("tr.entry", has_text="Rosa Lima")
    assert "Selected" in rosa.locator("td.outcome").inner_text()
    assert "Selected on merit" in rosa.locator("td.reason").inner_text()
    ali = page.locator("tr.entry", has_text="Ali Noor")
    assert "Waitlisted at position 1" in ali.locator("td.reason").inner_text()
    page.click("#confirm-selection")
    assert "Selection confirmed" in page.locator(".messagelist").inner_text()
    assert "Confirmed" in page.locator("#proposal-status").inner_text()

    unscored.refresh_from_db()
    scored.refresh_from_db()
    assert unscored.status == DelegateStatus.SELECTED
    assert (scored.status, scored.waitlist_position) == (DelegateStatus.WAITLISTED, 1)
