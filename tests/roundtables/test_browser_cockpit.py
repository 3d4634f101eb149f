"""The staff cockpit in a real browser (headless Chromium): the cycle dashboard with its
charts in English and French, the header search finding a paper by a French word, and the
same search finding nothing for a user who may not read the draft."""

import os
from pathlib import Path

import pytest

from gfmd.platform.search.index import reindex_all
from gfmd.platform.services import translations as engine
from roundtables.enums import PaperState
from roundtables.services.translations import version_translations_request
from roundtables.services.versions import version_add_text
from tests.factories import UserFactory
from tests.gfmd.test_browser_languages import switch_to
from tests.roundtables.factories import set_state

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SCREENSHOTS = os.environ.get("GFMD_SCREENSHOTS")


def _login(page, user):
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#language-switcher")


def test_dashboard_charts_render_and_match_their_tables_in_two_languages(browser_page, fresh_world):
    world = fresh_world
    set_state(world.paper, PaperState.CONSULTATION)
    page = browser_page
    _login(page, world.users["staff"])
    page.goto(f"{page.base_url}/admin/?edition={world.edition.pk}")
    seats = page.locator("[data-panel=seats]")
    assert (
        seats.locator("svg.gfmd-chart title").text_content()
        == "Co-chair seats filled per roundtable"
    )
    assert seats.locator("svg.gfmd-chart rect").count() == 2  # track and bar of RT 1
    # the chart's numbers are the table's numbers
    assert "2 / 2" in seats.locator("svg.gfmd-chart").text_content()
    assert seats.locator("tbody tr").first.inner_text().split() == ["RT", "1", "2", "2"]
    assert page.locator("[data-panel=balance] svg.gfmd-chart").count() == 1
    document_width = page.evaluate("document.documentElement.scrollWidth")
    assert document_width <= 1400  # nothing overflows the page at 1,400 px
    switch_to(page, "fr")
    page.goto(f"{page.base_url}/admin/?edition={world.edition.pk}")
    assert page.locator("#cycle-dashboard-title").inner_text().startswith("Le cycle")
    french = page.locator("[data-panel=seats]")
    assert french.locator("h2").inner_text() == "Sièges de co-présidence"
    assert french.locator("svg.gfmd-chart title").text_content() == (
        "Sièges de co-présidence pourvus par table ronde"
    )
    # in French too, the chart draws the numbers its table gives
    assert "2 / 2" in french.locator("svg.gfmd-chart").text_content()
    assert french.locator("tbody tr").first.inner_text().split() == ["RT", "1", "2", "2"]
    assert page.locator("[data-panel=balance] svg.gfmd-chart").count() == 1


def test_header_search_finds_a_paper_by_a_word_of_its_french_translation(browser_page, fresh_world):
    world = fresh_world
    staff = world.users["staff"]
    set_state(world.paper, PaperState.DRAFTING)
    version = version_add_text(actor=staff, paper=world.paper, text="Digital platforms and fees.")
    translator = UserFactory(username="browser-translator")
    (french,) = version_translations_request(actor=staff, version=version, languages=["fr"])
    engine.translation_assign(actor=staff, translation=french, translator=translator)
    engine.translation_transition(actor=staff, translation=french, name="start")
    text = "Les plateformes numériques réduisent les frais de recrutement."
    engine.translation_transition(actor=translator, translation=french, name="submit", text=text)
    engine.translation_transition(actor=staff, translation=french, name="publish")
    reindex_all()
    page = browser_page
    _login(page, staff)
    page.fill("#header-search-q", "recrutement numerique")
    page.click("#header-search button[type=submit]")
    page.wait_for_selector(".gfmd-search-results")
    first = page.locator(".gfmd-search-results li").first
    assert "numériques" in first.locator("mark").first.inner_text()
    first.locator("a").click()
    page.wait_for_url(f"**/admin/roundtables/workingpaper/{world.paper.pk}/change/")


def test_header_search_finds_nothing_of_a_draft_the_user_may_not_read(browser_page, fresh_world):
    world = fresh_world
    set_state(world.paper, PaperState.DRAFTING)
    version_add_text(
        actor=world.users["staff"], paper=world.paper, text="Quetzalcoatlite corridors."
    )
    reindex_all()
    # Japan's focal point has no role in the edition but may use the admin
    bystander = world.users["bystander"]
    bystander.is_staff = True
    bystander.save(update_fields=["is_staff"])
    page = browser_page
    for user, finds in ((world.users["staff"], True), (bystander, False)):
        page.context.clear_cookies()
        _login(page, user)
        page.fill("#header-search-q", "quetzalcoatlite")
        page.click("#header-search button[type=submit]")
        page.wait_for_selector(".gfmd-search-results")
        links = page.locator(".gfmd-search-results li a")
        count = page.locator(".gfmd-search-count").inner_text()
        if finds:  # the same search, by staff, does find it: the word is indexed
            assert links.count() == 1 and count.startswith("1 result")
        else:  # a hidden draft is neither listed nor counted
            assert links.count() == 0 and count.startswith("0 results")
            assert "Nothing found that you may see" in page.inner_text(".gfmd-search-results")


@pytest.mark.skipif(not SCREENSHOTS, reason="set GFMD_SCREENSHOTS=DIR (scripts/screenshots)")
def test_screenshots_of_the_dashboard_and_the_balance_page(browser_page):
    """Not a check: writes dashboard-en.png (the edition in office) and balance-en.png of
    the demo data (1400 px wide, full page) to $GFMD_SCREENSHOTS, for docs/dashboard.md."""
    from io import StringIO

    from django.core.management import call_command

    from gfmd import demo
    from tests.factories import country

    country("DEU")  # the reference list, flushed by an earlier transactional test
    call_command("load_demo", stdout=StringIO())
    target = Path(SCREENSHOTS)
    target.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", demo.STAFF_USERNAME)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("[data-panel=csd] svg.gfmd-chart")
    page.screenshot(path=str(target / "dashboard-en.png"), full_page=True)
    page.goto(f"{page.base_url}/admin/gfmd/steeringgroupmembership/balance/")
    page.wait_for_selector("svg.gfmd-chart")
    page.screenshot(path=str(target / "balance-en.png"), full_page=True)
