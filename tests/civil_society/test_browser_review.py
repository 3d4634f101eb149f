"""The CSD review screen in a real browser (headless Chromium): filtered by sector, searched
and paged, the filters kept from page to page."""

import pytest

from civil_society.admin.review import CSDEditionAdmin
from civil_society.enums import Sector
from tests.civil_society.factories import CommitteeMemberFactory, CSDEditionFactory, candidate
from tests.factories import StaffFactory

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_screen_filtered_and_paged(browser_page, monkeypatch):
    # two rows a page, so five trade unions make three pages (the screen pages by 50)
    monkeypatch.setattr(CSDEditionAdmin, "REVIEW_PAGE_SIZE", 2)
    StaffFactory(username="csd-review-staff")
    csd = CSDEditionFactory()
    reviewer = CommitteeMemberFactory(csd_edition=csd)
    unions = [f"Union {n}" for n in range(1, 6)]
    for n, name in enumerate(unions):
        candidate(csd, sector=Sector.TRADE_UNION, name=name, score=9 - n, reviewers=[reviewer])
    candidate(csd, sector=Sector.ACADEMIA, name="Migration Research Institute")
    candidate(csd, sector=Sector.ACADEMIA, name="Union of Scholars")

    page = browser_page
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", "csd-review-staff")
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.goto(f"{page.base_url}/admin/civil_society/csdedition/{csd.pk}/review/")
    assert page.inner_text("#review-count").startswith("7 applications match")
    assert page.locator("#applications tr.application").count() == 2

    page.select_option("#review-filters select[name=sector]", Sector.TRADE_UNION)
    page.click("#review-filters button[type=submit]")
    page.wait_for_url("**sector=trade_union**")
    assert page.inner_text("#review-count").startswith("5 applications match")
    names = page.locator("#applications tr.application").evaluate_all(
        "rows => rows.map(r => r.dataset.organisation)"
    )
    assert names == ["Union 1", "Union 2"]  # best average first
    assert "Page 1 of 3" in page.inner_text("#review-pages")

    page.click("#review-pages >> text=next")
    page.wait_for_url("**page=2**")
    assert "sector=trade_union" in page.url  # the filter is kept when paging
    names = page.locator("#applications tr.application").evaluate_all(
        "rows => rows.map(r => r.dataset.organisation)"
    )
    assert names == ["Union 3", "Union 4"]
    assert "Page 2 of 3" in page.inner_text("#review-pages")

    # a search narrows within the sector: the academic "Union of Scholars" stays out
    page.fill("#review-filters input[name=q]", "union 5")
    page.click("#review-filters button[type=submit]")
    page.wait_for_url("**q=union**")
    assert page.inner_text("#review-count").startswith("1 application matches")
    assert page.locator("#applications tr.application").evaluate_all(
        "rows => rows.map(r => r.dataset.organisation)"
    ) == ["Union 5"]
    assert page.locator("#review-pages").count() == 0  # one page: no pager
