"""At 1,400 and 1,280 px no key admin page is wider than the window: long tables scroll
inside their own box (headless Chromium)."""

import pytest

from roundtables.enums import PaperState
from tests.factories import StaffFactory
from tests.roundtables.factories import (
    RoundtableFactory,
    SessionFactory,
    add_text_version,
    edition_2020,
    set_state,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONG = "Regular pathways for migrant workers and their families " * 4

PAGES = [
    "/admin/roundtables/session/",
    "/admin/roundtables/cochair/",
    "/admin/roundtables/workingpaper/",
    "/admin/gfmd/activitylog/",
    "/admin/gfmd/balancepolicy/",
    "/admin/gfmd/webhookendpoint/",
    "/admin/civil_society/application/",
    "/admin/civil_society/delegate/",
    "/admin/civil_society/selectionpolicy/",
]


def test_key_pages_fit_the_window(browser_page):
    StaffFactory(username="su-layout")
    edition = edition_2020()
    session = SessionFactory(
        roundtable=RoundtableFactory(edition=edition, number=1), number=1, title=LONG[:290]
    )
    paper = session.paper
    for number in (1, 2, 3):
        add_text_version(paper, f"Text {number}\n", number=number)
    set_state(paper, PaperState.DRAFTING)
    page = browser_page
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "su-layout")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")

    overflowing = []
    for width in (1400, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        for path in [*PAGES, f"/admin/roundtables/workingpaper/{paper.pk}/change/"]:
            page.goto(f"{page.base_url}{path}")
            scroll = page.evaluate("document.documentElement.scrollWidth")
            if scroll > width:
                overflowing.append((width, path, scroll))
    assert overflowing == []
