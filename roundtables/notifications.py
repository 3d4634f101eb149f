"""Roundtables emails, rendered in each recipient's language.

A message is built by a function of no arguments returning (subject, body); `render` runs
it under `translation.override(language)`, so every `gettext` call and every localised
date inside it (`when`) follows that language. `notify_user` asks
`gfmd.platform.languages.language_for(user)` for the recipient's language (their saved
preference, else their body's focal-point record, else English); until that helper is
present, the language defaults to the active one.
"""

from collections.abc import Callable

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from gfmd.platform.languages import language_for
from gfmd.platform.services.notifications import notify

Message = Callable[[], tuple[str, str]]


def render(build: Message, language: str | None = None) -> tuple[str, str]:
    """The (subject, body) of `build` in `language` (default: the active language)."""
    with translation.override(language or translation.get_language()):
        subject, body = build()
        return str(subject), str(body)


def when(value, with_time: bool = True) -> str:
    """A date (or date and time, with its zone) written the way the active language does."""
    if with_time:
        # Translators: a PHP-style date format for a deadline, e.g. "5 December 2026 12:00 UTC".
        return date_format(value, gettext("j F Y H:i T"))
    # Translators: a PHP-style date format, e.g. "5 December 2026".
    return date_format(value, gettext("j F Y"))


def notify_user(user, *, key: str, build: Message, language: str | None = None):
    """Queue one email to `user`, rendered in `language` or else the user's own language."""
    subject, body = render(build, language or language_for(user))
    return notify(key=key, email=user.email, user=user, subject=subject, body=body)
