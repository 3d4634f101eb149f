"""The catalogues are complete and use the Forum's terms (docs/i18n.md, docs/glossary.csv).

Plain tests over files: no database. They need GNU gettext (`make messages` installs it).
"""

import csv
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = (
    "gfmd",
    "roundtables",
    "civil_society",
    "contributions",
    "registration",
    "outcomes",
    "partnerships",
)
LANGUAGES = ("fr", "es")
CATALOGUES = [(app, lang) for app in APPS for lang in LANGUAGES]


def catalogue_path(base: Path, app: str, lang: str) -> Path:
    return base / app / "locale" / lang / "LC_MESSAGES" / "django.po"


def entry_keys(po) -> set:
    return {(e.msgctxt, e.msgid, e.msgid_plural) for e in po if not e.obsolete}


@pytest.mark.parametrize("app,lang", CATALOGUES)
def test_every_entry_is_translated_and_none_is_fuzzy(app, lang):
    po = polib.pofile(str(catalogue_path(ROOT, app, lang)))
    assert len(po) > 0
    untranslated = [e.msgid for e in po.untranslated_entries()]
    fuzzy = [e.msgid for e in po.fuzzy_entries()]
    assert not untranslated, f"{app} {lang}: untranslated: {untranslated[:10]}"
    assert not fuzzy, f"{app} {lang}: fuzzy: {fuzzy[:10]}"
    assert po.percent_translated() == 100


# One plural rule per language in every app's catalogue: Django keeps a catalogue whose
# rule differs apart, and an entry with fewer forms than its rule asks for falls back to
# English for the missing ones (a Spanish "5 participants" came out in English).
PLURAL_FORMS = {"fr": "nplurals=2; plural=(n > 1);", "es": "nplurals=2; plural=(n != 1);"}


@pytest.mark.parametrize("app,lang", CATALOGUES)
def test_plural_entries_have_the_forms_their_language_rule_asks_for(app, lang):
    po = polib.pofile(str(catalogue_path(ROOT, app, lang)))
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[lang]
    wrong = [e.msgid for e in po if e.msgid_plural and sorted(e.msgstr_plural) != [0, 1]]
    assert not wrong, f"{app} {lang}: plural entries without exactly two forms: {wrong[:5]}"


@pytest.mark.parametrize("app", APPS)
def test_makemessages_finds_no_string_missing_from_the_catalogue(app, tmp_path):
    """Every marked string is in the committed catalogues, and nothing stale is left there."""
    if not shutil.which("xgettext"):
        pytest.fail("GNU gettext is missing: run `make messages` (scripts/ensure-gettext)")
    copy = tmp_path / app
    shutil.copytree(ROOT / app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DJANGO_SETTINGS_MODULE": "gfmd.config.settings"}
    command = [str(Path(sys.executable).with_name("django-admin")), "makemessages"]
    command += [f"-l{lang}" for lang in LANGUAGES] + ["--no-obsolete", "--no-location"]
    # Run from the copy's parent, not inside the app: Celery's Django fix-up puts the working
    # directory first on sys.path, where the app's rules.py would shadow django-rules.
    subprocess.run(command, cwd=tmp_path, env=env, check=True, capture_output=True, timeout=300)
    for lang in LANGUAGES:
        fresh = entry_keys(polib.pofile(str(catalogue_path(tmp_path, app, lang))))
        committed = entry_keys(polib.pofile(str(catalogue_path(ROOT, app, lang))))
        missing, stale = fresh - committed, committed - fresh
        assert not missing, f"{app} {lang}: marked but not in the catalogue: {sorted(missing)[:10]}"
        assert not stale, (
            f"{app} {lang}: in the catalogue but no longer marked: {sorted(stale)[:10]}"
        )


def glossary() -> list[dict]:
    with open(ROOT / "docs" / "glossary.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def glossary_violations(po, lang: str) -> list[tuple]:
    wrong = []
    for term in glossary():
        english = re.compile(r"\b" + re.escape(term["en"]), re.IGNORECASE)
        allowed = [t.lower() for t in term[lang].split("|")]
        for entry in po:
            if entry.obsolete or not english.search(entry.msgid):
                continue
            texts = [entry.msgstr] + list(entry.msgstr_plural.values())
            for text in filter(None, texts):
                if not any(t in text.lower() for t in allowed):
                    wrong.append((term["en"], entry.msgid, text))
    return wrong


@pytest.mark.parametrize("app,lang", CATALOGUES)
def test_glossary_terms_are_translated_as_the_forum_does(app, lang):
    wrong = glossary_violations(polib.pofile(str(catalogue_path(ROOT, app, lang))), lang)
    assert not wrong, f"{app} {lang}: glossary terms not used: {wrong[:10]}"


def test_the_glossary_check_can_fail():
    """A catalogue translating 'Steering Group' loosely is caught; the Forum's term passes."""
    po = polib.POFile()
    po.append(polib.POEntry(msgid="Steering Group members", msgstr="Membres du comité"))
    assert glossary_violations(po, "fr") == [
        ("Steering Group", "Steering Group members", "Membres du comité")
    ]
    po[0].msgstr = "Membres du Groupe de pilotage"
    assert glossary_violations(po, "fr") == []
