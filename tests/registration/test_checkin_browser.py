"""The check-in desk in a real browser: scan (a scanner types the code and Enter), scan
again, a revoked badge, and a name search."""

import pytest

from registration.models import CheckIn
from registration.services.badges import badge_for, badge_payload, badge_revoke
from tests.factories import StaffFactory
from tests.registration.test_letters_world import build_world

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_check_in_desk_scan_twice_revoked_and_search(browser_page):
    staff = StaffFactory(username="desk-browser")
    world = build_world(templates=False)
    ana = world.participant("Ana Núñez")
    luis = world.participant("Luis Vera")
    lost = world.participant("Lost Badge")
    code = badge_payload(badge_for(ana))
    lost_code = badge_payload(badge_for(lost))
    badge_revoke(actor=staff, participant=lost, reason="Reported lost")
    page = browser_page

    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "desk-browser")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.goto(f"{page.base_url}/admin/registration/checkin/")
    page.click("#open-desk")

    page.fill("#scan-code", code)
    page.press("#scan-code", "Enter")
    assert "Ana Núñez is checked in." in page.locator(".messagelist").inner_text()
    page.fill("#scan-code", code)
    page.press("#scan-code", "Enter")
    assert "already checked in at" in page.locator(".messagelist").inner_text()

    page.fill("#scan-code", lost_code)
    page.press("#scan-code", "Enter")
    assert "revoked" in page.locator("#checkin-refused").inner_text()

    page.fill("#search-name", "Vera")
    page.press("#search-name", "Enter")
    page.click("#candidates .checkin-participant")
    assert "Luis Vera is checked in." in page.locator(".messagelist").inner_text()

    assert CheckIn.objects.filter(participant=ana).count() == 1
    assert CheckIn.objects.filter(participant=luis).count() == 1
    assert not CheckIn.objects.filter(participant=lost).exists()
