"""The staff review queue in a real browser: the seats against quotas above the queue,
the filters (category, delegation, state, missing credentials, visa needed) and a bulk
approval whose outcomes (approved, waitlisted) show in the messages and in the counts."""

from datetime import date

import pytest

from registration.models import Participant
from registration.services.credentials import credential_upload
from registration.services.participants import Passport, participant_nominate
from tests.factories import StaffFactory, country
from tests.registration.factories import summit as make_summit
from tests.roundtables.factories import PDF_BYTES, upload

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _nominate(staff, summit, name, *, category=None, iso3=None, **extra):
    category = category or summit.government
    delegation = {"organisation": summit.iom} if iso3 is None else {"country": country(iso3)}
    return participant_nominate(
        actor=staff,
        registration=summit.registration,
        category=category,
        full_name=name,
        email=f"{name.split()[0].lower()}@example.org",
        submit=True,
        **delegation,
        **extra,
    )


def _names(page) -> set[str]:
    return {
        cell.inner_text().strip()
        for cell in page.locator("#result_list tbody th.field-full_name").all()
    }


def _filter(page, title: str, choice: str):
    box = page.locator(f'#changelist-filter details[data-filter-title="{title}"]')
    box.locator("a", has_text=choice).first.click()
    page.wait_for_load_state()


def _quota_row(page, who: str) -> list[str]:
    row = page.locator("#quota-usage tbody tr", has_text=who).first
    return [cell.inner_text().strip() for cell in row.locator("td").all()]


def test_review_queue_filters_bulk_approve_and_quota_counts(browser_page):
    staff = StaffFactory(username="queue-browser")
    summit = make_summit(per_government=2)
    for name in ("Greta Zwei", "Karl Drei", "Lena Vier"):
        _nominate(staff, summit, name, iso3="DEU")
    _nominate(staff, summit, "Hans Haupt", iso3="DEU", is_head_of_delegation=True)
    _nominate(
        staff,
        summit,
        "Pierre Visa",
        iso3="FRA",
        visa_letter_needed=True,
        passport=Passport(country("FRA"), "12AB34567", date(1970, 1, 1)),
    )
    _nominate(staff, summit, "Olga Observer", category=summit.observer)
    credential_upload(
        actor=staff,
        registration=summit.registration,
        kind="note_verbale",
        upload=upload("nv.pdf", PDF_BYTES),
        country=country("DEU"),
    )
    everyone = {"Greta Zwei", "Karl Drei", "Lena Vier", "Hans Haupt", "Pierre Visa"}
    everyone.add("Olga Observer")

    page = browser_page
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "queue-browser")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    queue = f"{page.base_url}/admin/registration/participant/"
    page.goto(f"{queue}?registration__id__exact={summit.registration.pk}")
    assert _names(page) == everyone
    assert _quota_row(page, "Government delegation") == [
        "Government delegation",
        "each delegation (fullest shown)",
        "2",
        "0",
        "0",
    ]

    _filter(page, "credentials", "Missing")
    assert _names(page) == {"Pierre Visa", "Olga Observer"}
    _filter(page, "credentials", "All")
    _filter(page, "visa invitation letter needed", "Yes")
    assert _names(page) == {"Pierre Visa"}
    _filter(page, "visa invitation letter needed", "All")
    _filter(page, "kind", "Observer organisation")
    assert _names(page) == {"Olga Observer"}
    _filter(page, "kind", "All")
    _filter(page, "government", "Germany")
    germans = {"Greta Zwei", "Karl Drei", "Lena Vier", "Hans Haupt"}
    assert _names(page) == germans

    # Bulk approve the four Germans: the head and two more get seats, the fourth waits.
    page.check("#action-toggle")
    page.select_option("select[name=action]", "approve_selected")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")
    messages = page.locator(".messagelist").inner_text()
    assert messages.count("Approved: a seat was free") == 3
    assert "Waitlisted at position 1" in messages
    assert _quota_row(page, "Government delegation")[2:] == ["2", "2 (full)", "1"]
    assert page.locator("#quota-usage tr.full").count() == 1

    _filter(page, "state", "Waitlisted")
    (waiting,) = _names(page)
    assert waiting in germans - {"Hans Haupt"}
    _filter(page, "state", "Approved")
    assert _names(page) == germans - {waiting}
    assert set(
        Participant.objects.filter(state="approved").values_list("full_name", flat=True)
    ) == germans - {waiting}
