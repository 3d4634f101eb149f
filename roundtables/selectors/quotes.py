"""Attributed quotes: where an outcome document repeats a government's input verbatim next
to that government's name (what the Chatham House rule forbids in a published output).

A quote is a run of QUOTE_WORDS words of an input's text found, in the same order, in the
document's text (both folded by `search_key`: case, accents and punctuation aside, so a
reflowed PDF or a curly apostrophe still matches). It is attributed when one of the
government's names (short, official, French, Spanish) appears within NEAR_WORDS words of
it. Unattributed quotes and mentions of a government without its words are allowed: the
rule forbids attribution, not quotation or naming.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext

from gfmd.models import Edition, Meeting
from gfmd.models.countries import search_key
from roundtables.models import Input, WorkingPaper

# Eight words: long enough that common phrases ("the role of civil society in the")
# rarely reach it by chance, short enough to catch a quoted sentence.
QUOTE_WORDS = 8
NEAR_WORDS = 60
EXCERPT_WORDS = 16


@dataclass(frozen=True)
class AttributedQuote:
    input_id: int
    country: str
    excerpt: str

    def as_dict(self) -> dict:
        return {"input": self.input_id, "country": self.country, "excerpt": self.excerpt}


def under_chatham_house(edition: Edition) -> bool:
    """Whether a meeting of the edition is held under the Chatham House rule (its
    registration says so; registration/models/registrations.py)."""
    return Meeting.objects.filter(edition=edition, registration__chatham_house=True).exists()


def _name_forms(country) -> set[tuple[str, ...]]:
    names = {country.name, country.official_name}
    for language in ("fr", "es"):
        with translation.override(language):
            names.add(gettext(country.name))
    return {tuple(search_key(n).split()) for n in names if n and search_key(n)}


def _grams(words: list[str]) -> dict[tuple[str, ...], int]:
    return {tuple(words[i : i + QUOTE_WORDS]): i for i in range(len(words) - QUOTE_WORDS + 1)}


def _named_near(words: list[str], start: int, forms: set[tuple[str, ...]]) -> bool:
    low, high = max(0, start - NEAR_WORDS), min(len(words), start + QUOTE_WORDS + NEAR_WORDS)
    window = words[low:high]
    for form in forms:
        size = len(form)
        if any(tuple(window[i : i + size]) == form for i in range(len(window) - size + 1)):
            return True
    return False


def attributed_quotes(paper: WorkingPaper, text: str | None = None) -> list[AttributedQuote]:
    """Every government input of the paper's edition (to any of its documents) quoted
    verbatim in `text` (default: the final version's text: a revision, the text of a
    DOCX/ODT, or a PDF's text extracted for search) with the government's name nearby;
    one entry per input."""
    if text is None:
        text = paper.final_version.text if paper.final_version_id else ""
    words = search_key(text).split()
    if len(words) < QUOTE_WORDS:
        return []
    doc_grams = _grams(words)
    inputs = (
        Input.objects.filter(paper__edition_id=paper.edition_id, country__isnull=False)
        .select_related("country")
        .order_by("id")
    )
    found = []
    forms_of: dict[int, set] = {}
    for item in inputs.iterator(chunk_size=500):
        for gram in _grams(search_key(item.text).split()):
            start = doc_grams.get(gram)
            if start is None:
                continue
            if item.country_id not in forms_of:
                forms_of[item.country_id] = _name_forms(item.country)
            if _named_near(words, start, forms_of[item.country_id]):
                excerpt = " ".join(words[start : start + EXCERPT_WORDS])
                found.append(AttributedQuote(item.pk, item.country.name, excerpt))
                break
    return found
