"""Staff use the admin in a real browser (headless Chromium)."""

import pytest

from gfmd.models import Edition
from gfmd.services.editions import edition_save
from tests.factories import StaffFactory, country

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_and_sees_troika_on_edition_page(browser_page):
    staff = StaffFactory(username="su-browser")
    edition_save(
        actor=staff,
        edition=Edition(ordinal=1, year_start=2007, title="GFMD 2007"),
        chairs=[country("BEL")],
    )
    latest = edition_save(
        actor=staff,
        edition=Edition(ordinal=2, year_start=2008, title="GFMD 2008"),
        chairs=[country("PHL")],
    )
    page = browser_page

    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "su-browser")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.goto(f"{page.base_url}/admin/gfmd/edition/{latest.pk}/change/")

    troika = page.locator(".field-troika").inner_text()
    assert "Belgium" in troika and "Philippines" in troika
    assert "Successor not yet known" in troika
