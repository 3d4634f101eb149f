"""Document translations: the choices, the transition table and the registry of document kinds.

One engine for every document kind: a working paper version today, a Chair's concept
note, an outcome report or a visa letter template later. A `DocumentTranslation`
(`gfmd/platform/models/translations.py`) points at the document version it translates
through a generic relation; each kind registers a `DocumentKind` here (from its app's
`ready()`), which tells the engine what it cannot know without importing the domain app:
the version's original language and number, the latest version of the same document,
who drafts it (sees unpublished translations) and who may read it.

Like `gfmd/platform/transitions.py` this module imports no model, so rules and enums
modules may import it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.transitions import Transition, TransitionTable


class TranslationKind(models.TextChoices):
    ORIGINAL = "original", _("Original")
    HUMAN = "human", _("Human translation")
    MACHINE = "machine", _("Machine translation")


class TranslationState(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    IN_TRANSLATION = "in_translation", _("In translation")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


# Live: at most one per document version and language (a withdrawn one may be requested again).
LIVE_STATES = (
    TranslationState.REQUESTED,
    TranslationState.IN_TRANSLATION,
    TranslationState.IN_REVIEW,
    TranslationState.PUBLISHED,
)
# States in which someone works on it: a translator (user or service) is named.
WORKING_STATES = (
    TranslationState.IN_TRANSLATION,
    TranslationState.IN_REVIEW,
    TranslationState.PUBLISHED,
)
# States in which the translated text or file exists.
WITH_CONTENT_STATES = (TranslationState.IN_REVIEW, TranslationState.PUBLISHED)
# Reminders are sent while the translation is still owed.
OWED_STATES = (TranslationState.REQUESTED, TranslationState.IN_TRANSLATION)

DEFAULT_ORIGINAL_LANGUAGE = "en-gb"  # the Forum's documents are drafted in English
DOCUMENT_TEXT_MAX_CHARS = 1_000_000  # the same bound as a paper version's text

P_MANAGE = "gfmd.manage_documenttranslation"  # the Support Unit
P_SUBMIT = "gfmd.submit_documenttranslation"  # the Support Unit or the assigned translator

TRANSLATION_TRANSITIONS = TransitionTable(
    "gfmd.documenttranslation",
    "state",
    Transition(
        "start",
        _("Start translation"),
        (TranslationState.REQUESTED,),
        TranslationState.IN_TRANSLATION,
        P_MANAGE,
    ),
    Transition(
        "submit",
        _("Submit for review"),
        (TranslationState.IN_TRANSLATION,),
        TranslationState.IN_REVIEW,
        P_SUBMIT,
    ),
    Transition(
        "return_to_translation",
        _("Return to the translator"),
        (TranslationState.IN_REVIEW,),
        TranslationState.IN_TRANSLATION,
        P_MANAGE,
    ),
    Transition(
        "publish",
        _("Approve and publish"),
        (TranslationState.IN_REVIEW,),
        TranslationState.PUBLISHED,
        P_MANAGE,
    ),
    Transition(
        "withdraw",
        _("Withdraw"),
        LIVE_STATES,
        TranslationState.WITHDRAWN,
        P_MANAGE,
    ),
)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# Language names in the reader's language, for messages ("the French translation"); the
# settings hold each language's own name (for the language switcher).
LANGUAGE_NAMES = {"en-gb": _("English"), "fr": _("French"), "es": _("Spanish")}


def language_name(code: str) -> str:
    return str(LANGUAGE_NAMES.get(code) or dict(settings.LANGUAGES).get(code, code))


@dataclass(frozen=True)
class DocumentKind:
    """What the engine asks a document kind; every callable takes the document version."""

    label: str  # the version model's label, lower case ("roundtables.paperversion")
    original_language: Callable  # version -> language code
    number: Callable  # version -> its number within the document
    latest_number: Callable  # version -> the number of the document's latest version
    describe: Callable  # version -> "RT 1.1 working paper, version 3" (messages, emails)
    may_draft: Callable  # (user, version) -> sees every translation, unpublished included
    may_read: Callable  # (user, version) -> may read the version (its published translations)
    # (version) -> refuses (raises) when translations may not be requested now; optional.
    check_request: Callable | None = None


KINDS: dict[str, DocumentKind] = {}


def register_document_kind(kind: DocumentKind) -> DocumentKind:
    KINDS[kind.label] = kind
    return kind


def kind_of(document) -> DocumentKind | None:
    return KINDS.get(document._meta.label_lower)
