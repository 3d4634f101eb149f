"""An activity entry read in plain words in a real browser (headless Chromium): the chair
change of an edition, as staff see it in the activity log and follow its links."""

import pytest

from gfmd.models import Edition
from gfmd.services.editions import edition_save, edition_set_chairs
from tests.factories import StaffFactory, country

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_activity_entry_reads_in_plain_words(browser_page):
    staff = StaffFactory(username="activity-staff")
    edition = edition_save(
        actor=staff,
        edition=Edition(ordinal=1, year_start=2007, title="GFMD 2007"),
        chairs=[country("BEL")],
    )
    edition_set_chairs(actor=staff, edition=edition, chairs=[country("BEL"), country("ARE")])

    page = browser_page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "activity-staff")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.goto(f"{page.base_url}/admin/gfmd/activitylog/?action=edition.set_chairs")
    row = page.locator("#result_list tbody tr").first
    text = row.inner_text()
    assert "Chairs set" in text and "Chairs: added United Arab Emirates" in text
    # no codes, dicts or lists: what a person would write
    assert "edition.set_chairs" not in text and "['ARE']" not in text and "{" not in text
    # the type filter lists the service's own record types, not framework internals
    filters = page.inner_text("#changelist-filter")
    assert "Edition" in filters and "Periodic task" not in filters and "Content type" not in filters
    row.locator("a", has_text="United Arab Emirates").click()
    page.wait_for_url("**/admin/gfmd/country/*/change/")
    assert "United Arab Emirates" in page.inner_text("#content")
