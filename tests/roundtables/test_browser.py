"""Staff use the roundtable board and the input review screen in a real browser."""

import pytest

from roundtables.enums import CoChairState, Decision, PaperState
from roundtables.models import CoChair, Input
from tests.factories import StaffFactory, country
from tests.roundtables.factories import (
    RoundtableFactory,
    SessionFactory,
    add_input,
    edition_2020,
    set_state,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_confirms_cochair_on_board_and_decides_an_input(browser_page):
    StaffFactory(username="rt-browser")
    edition = edition_2020()
    session = SessionFactory(
        roundtable=RoundtableFactory(edition=edition, number=1), number=2, title="Remittances"
    )
    proposal = CoChair.objects.create(session=session, country=country("ECU"), origin="volunteered")
    paper = set_state(session.paper, PaperState.CONSULTATION)
    item = add_input(paper, country=country("BRA"), text="Cite the 2019 remittance survey")
    page = browser_page

    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "rt-browser")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.goto(f"{page.base_url}/admin/roundtables/roundtable/")
    page.click("text=Roundtable board")

    row = page.locator("tr.board-session", has_text="RT 1.2")
    assert "open" in row.locator("td.seat").first.inner_text()
    row.locator(".proposal", has_text="Ecuador").locator("button.confirm-cochair").click()
    page.wait_for_selector("text=confirm done for RT 1.2")
    row = page.locator("tr.board-session", has_text="RT 1.2")
    assert "Ecuador" in row.locator("td.seat").nth(1).inner_text()
    proposal.refresh_from_db()
    assert (proposal.state, proposal.seat) == (CoChairState.CONFIRMED, "developing")

    row.locator("text=review inputs").click()
    review = page.locator(f"#input-{item.pk}")
    assert "Cite the 2019 remittance survey" in review.inner_text()
    review.locator("select[name=decision]").select_option("partly_included")
    review.locator("input[name=reason]").fill("Only the regional figures are sound")
    review.locator("button.record-decision").click()
    page.wait_for_selector(f"text=Decision recorded on input #{item.pk}.")
    assert page.locator("#undecided-count").inner_text() == "0"

    item = Input.objects.get(pk=item.pk)
    assert item.decision == Decision.PARTLY_INCLUDED
    assert item.decision_reason == "Only the regional figures are sound"
