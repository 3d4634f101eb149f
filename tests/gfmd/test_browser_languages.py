"""Staff switch the admin to French (and Spanish) with the header switcher, in a real
browser, and walk the admin index, an edition's change page (with its troika), the
roundtable board and a changelist: no English UI string may be left.

"UI text" is read from the page's chrome only (headings, labels, buttons, table headers,
navigation, filters, help texts, fieldset titles); record values (titles, country and
people names typed or loaded as data) are never read. A miss is a text that equals, as a
whole, an English msgid of our catalogues whose French msgstr differs, or one of Django
admin's common English words.
"""

import os
import re
from pathlib import Path

import pytest

from gfmd.models import Edition
from gfmd.services.editions import edition_save
from roundtables.enums import PaperState
from roundtables.models import CoChair
from tests.factories import StaffFactory, country
from tests.roundtables.factories import (
    RoundtableFactory,
    SessionFactory,
    add_input,
    edition_2020,
    set_state,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ["gfmd", "roundtables", "civil_society"]
DJANGO_ADMIN_WORDS = {
    "Add",
    "Save",
    "Change",
    "Delete",
    "Search",
    "Filter",
    "Home",
    "Log out",
    "View site",
    "History",
    "Go",
    "Action:",
    "Save and continue editing",
    "Save and add another",
    "Welcome,",
    "Change password",
    "Site administration",
    "Recent actions",
    "My actions",
    "All",
    "Yes",
    "No",
}
# UI words spelt the same in English and French or Spanish (not misses when a page shows them).
SAME_IN = {
    "fr": {
        "Notifications",
        "Organisations",
        "Sessions",
        "Session",
        "Action",
        "Options",
        "#",
        "Badges",
        "Budgets",
        "Contributions",
        "Participants",
    },
    "es": {"#", "Troika"},
}
# The troika's seat names (they are codes underneath: shown title-cased before issue 10).
TROIKA_WORDS = {"Past", "Present", "Future", "Seat"}

# The page's chrome: every element that carries a label rather than a record value.
UI_TEXT_JS = """
() => {
  const selectors = [
    'h1', 'h2', 'h3', 'h4', 'legend', 'caption', 'label', 'th', 'button',
    '#user-tools a', '#user-tools strong', '#nav-sidebar caption', '#nav-sidebar a.addlink',
    '#nav-sidebar a.changelink', '.breadcrumbs > a:first-child', '.object-tools a',
    '.help', '.helptext', 'div.help', '#changelist-filter h2', '#changelist-filter h3',
    '.actions label', '.submit-row a.deletelink', '.submit-row a.closelink',
    '.paginator', 'a.addlink', 'a.changelink', 'a.viewlink', 'a.historylink',
    '.module h2', '.inline-group h2', '.add-row a',
    '#roundtable-board td.seat b', '#roundtable-board .paper-state',
    '#roundtable-board a[href*="review"]',
  ];
  const texts = [];
  for (const el of document.querySelectorAll(selectors.join(','))) {
    if (el.closest('.readonly, td.field-troika, .field-troika div.readonly')) continue;
    const text = (el.textContent || '').replace(/\\s+/g, ' ').trim();
    if (text) texts.push(text);
  }
  for (const el of document.querySelectorAll('input[type=submit], input[type=button]')) {
    if (el.value) texts.push(el.value.trim());
  }
  for (const el of document.querySelectorAll('input[placeholder], [title]')) {
    const t = (el.getAttribute('placeholder') || el.getAttribute('title') || '').trim();
    if (t) texts.push(t);
  }
  return texts;
}
"""

# Inside readonly fields the admin renders derived tables (the troika): read only their
# headers and the seat names (first column), never the editions or chairs in them.
READONLY_LABELS_JS = """
() => {
  const texts = [];
  for (const table of document.querySelectorAll('.readonly table')) {
    for (const th of table.querySelectorAll('th')) texts.push(th.textContent.trim());
    for (const row of table.querySelectorAll('tr')) {
      const first = row.querySelector('td');
      if (first) texts.push(first.textContent.trim());
    }
  }
  return texts.filter(Boolean);
}
"""


def _entries(path):
    """(msgid, msgstr) pairs of a .po file, plural forms and context included as plain
    entries (a tiny parser: the catalogues are written by makemessages)."""
    entries, current, key = [], {}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line:
            if current.get("msgid"):
                entries.append((current.get("msgid", ""), current.get("msgstr", "")))
            current, key = {}, None
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d\])?) "(.*)"$', line)
        if match:
            key = match.group(1)
            key = "msgstr" if key.startswith("msgstr") and "msgstr" not in current else key
            if key.startswith("msgstr["):
                continue
            current[key] = _unescape(match.group(2))
        elif line.startswith('"') and key and not key.startswith("msgstr["):
            current[key] = current.get(key, "") + _unescape(line[1:-1])
    return entries


def _unescape(text):
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def english_ui_strings(language="fr"):
    """English msgids whose translation differs from them, as shown on a page: without
    trailing colons (the admin adds its own), whitespace collapsed."""
    found = set()
    for app in CATALOGUES:
        po = ROOT / app / "locale" / language / "LC_MESSAGES" / "django.po"
        for msgid, msgstr in _entries(po):
            if msgstr and msgstr != msgid and "%" not in msgid and "{" not in msgid:
                found.add(_normal(msgid))
    return found


def _normal(text):
    return re.sub(r"\s+", " ", text).strip().rstrip(":").strip()


def english_left(texts, language="fr"):
    english = english_ui_strings(language) | DJANGO_ADMIN_WORDS | TROIKA_WORDS
    left = set()
    for text in texts:
        # A label may hold several short lines (a button and its caption, a nav entry).
        for part in re.split(r"\s*[\n/|›]\s*", text):
            part = _normal(part)
            if part in english:
                left.add(part)
    return sorted(left)


def unchanged(english_texts, texts, data, language="fr"):
    """UI texts a page shows identically in English and French: strings nobody marked for
    translation (a third-party app's names, say), once words spelt alike, numbers, single
    letters and texts holding record data are set aside."""
    same = set(english_texts) & set(texts)
    return sorted(
        text
        for text in same
        if len(text) > 1
        and re.search(r"[A-Za-z]", text)
        and re.sub(r"^\d+\s*", "", text).lower() not in {w.lower() for w in SAME_IN[language]}
        and not any(token in text for token in data)
    )


@pytest.fixture
def world():
    staff = StaffFactory(username="su-languages", first_name="Ana", last_name="Silva")
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
    edition = edition_2020()
    session = SessionFactory(
        roundtable=RoundtableFactory(edition=edition, number=1), number=2, title="Remittances"
    )
    CoChair.objects.create(session=session, country=country("ECU"), origin="volunteered")
    paper = set_state(session.paper, PaperState.CONSULTATION)
    add_input(paper, country=country("BRA"), text="Cite the 2019 remittance survey")
    data = {"Ana", "Silva", "su-languages", "GFMD", "RT ", "Remittances", "Roundtable "}
    data |= {c.name for c in (country("BEL"), country("PHL"), country("ECU"), country("BRA"))}
    return {"edition": latest, "board_edition": edition, "paper": paper, "data": data}


def log_in(page, username):
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "secret-pass-123")
    page.click("input[type=submit]")
    page.wait_for_selector("#language-switcher")


def switch_to(page, language):
    page.select_option("#language-switcher-select", language)
    page.click("#language-switcher button[type=submit]")
    page.wait_for_selector(f"html[lang='{language}']")


def walk(page, world):
    """The pages of the walk: (name, path)."""
    return [
        ("admin index", "/admin/"),
        ("editions", "/admin/gfmd/edition/"),
        ("edition page with its troika", f"/admin/gfmd/edition/{world['edition'].pk}/change/"),
        ("roundtable board", f"/admin/roundtables/roundtable/board/{world['board_edition'].pk}/"),
        ("roundtable board index", "/admin/roundtables/roundtable/board/"),
        ("roundtables", "/admin/roundtables/roundtable/"),
        ("input review", f"/admin/roundtables/workingpaper/{world['paper'].pk}/review/"),
        ("new edition", "/admin/gfmd/edition/add/"),
        ("sessions", "/admin/roundtables/session/"),
        ("working papers", "/admin/roundtables/workingpaper/"),
        ("civil society", "/admin/civil_society/"),
        ("access attempts", "/admin/axes/accessattempt/"),
    ]


def read_english(page, world):
    """The UI texts of each page of the walk, in English (before the switch)."""
    english = {}
    for name, path in walk(page, world):
        page.goto(f"{page.base_url}{path}")
        english[name] = page.evaluate(UI_TEXT_JS) + page.evaluate(READONLY_LABELS_JS)
    return english


def walk_misses(page, world, language, english):
    """{page: English UI strings left} after switching to `language`."""
    misses = {}
    for name, path in walk(page, world):
        response = page.goto(f"{page.base_url}{path}")
        assert response.status == 200, (name, response.status)
        assert page.locator("html").get_attribute("lang") == language, name
        texts = page.evaluate(UI_TEXT_JS) + page.evaluate(READONLY_LABELS_JS)
        assert len(texts) > 5, (name, texts)
        left = english_left(texts, language)
        left += unchanged(english[name], texts, world["data"], language)
        if left:
            misses[name] = left
    return misses


def test_french_admin_walk_leaves_no_english_ui_string(browser_page, world):
    page = browser_page
    log_in(page, "su-languages")
    # The detector itself: in English the same reading finds the admin's words.
    assert page.locator("html").get_attribute("lang") == "en-gb"
    assert {"Log out", "View site"} <= set(english_left(page.evaluate(UI_TEXT_JS), "fr"))
    english = read_english(page, world)

    switch_to(page, "fr")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert walk_misses(page, world, "fr", english) == {}

    # The troika is there, in French, with its data untouched.
    page.goto(f"{page.base_url}/admin/gfmd/edition/{world['edition'].pk}/change/")
    troika = page.locator(".field-troika").inner_text()
    assert "Belgique" in troika or "Belgium" in troika
    assert "Siège" in troika and "Édition" in troika and "Présidence sortante" in troika


def test_switching_to_spanish_shows_spanish_labels(browser_page, world):
    page = browser_page
    log_in(page, "su-languages")
    english = read_english(page, world)
    switch_to(page, "es")
    assert page.locator("html").get_attribute("lang") == "es"
    page.goto(f"{page.base_url}/admin/")
    assert "Cerrar sesión" in page.locator("#user-tools").text_content()
    page.goto(f"{page.base_url}/admin/gfmd/edition/{world['edition'].pk}/change/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("input[name=_save]").get_attribute("value") == "Guardar"
    assert "Fechas y lugar" in page.locator("#content-main").inner_text()
    assert "Presidencia saliente" in page.locator(".field-troika").inner_text()
    assert walk_misses(page, world, "es", english) == {}


SCREENSHOTS = os.environ.get("GFMD_SCREENSHOTS")


@pytest.mark.skipif(not SCREENSHOTS, reason="set GFMD_SCREENSHOTS=DIR (scripts/screenshots)")
def test_screenshots_of_the_board_in_three_languages(browser_page):
    """Not a check: writes board-en.png, board-fr.png and board-es.png of the demo data's
    roundtable board (1280x800) to $GFMD_SCREENSHOTS, for docs/i18n.md."""
    from io import StringIO

    from django.core.management import call_command

    from gfmd import demo

    country("DEU")  # the reference list, flushed by an earlier transactional test
    call_command("load_demo", stdout=StringIO())
    target = Path(SCREENSHOTS)
    target.mkdir(parents=True, exist_ok=True)
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{page.base_url}/admin/login/")
    page.fill("#id_username", demo.STAFF_USERNAME)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#language-switcher")
    for language in ("en-gb", "fr", "es"):
        page.goto(f"{page.base_url}/admin/roundtables/roundtable/board/")
        page.wait_for_selector("#board-table")
        switch_to(page, language)
        page.wait_for_selector("#board-table")
        name = "en" if language == "en-gb" else language
        page.screenshot(path=str(target / f"board-{name}.png"))
