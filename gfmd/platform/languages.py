"""The language a person reads the service in (docs/i18n.md).

- A request: the user's saved preference (`UserPreference`), else the language cookie the
  admin's switcher sets for someone not logged in, else `Accept-Language`, else English
  (`LANGUAGE_CODE`). `gfmd.config.middleware.UserLocaleMiddleware` applies it to session
  users; the API's token and Basic authenticators call `activate_saved_language` once they
  know the user.
- An email: `language_for(user)`: the saved preference, else what the domain apps report
  through `register_language_source` (the governance core: the language of the user's
  focal-point record), else English. `notify(render=...)` renders inside it.

The platform imports no domain app: the focal-point source is handed over at start-up
(`GfmdConfig.ready`), like the roundtables' reach selector.
"""

from collections.abc import Callable
from contextlib import contextmanager

from django.conf import settings
from django.utils import translation

LanguageSource = Callable[[object], str | None]
_sources: list[LanguageSource] = []


def register_language_source(source: LanguageSource) -> None:
    """Add a fallback asked, in order, when a user saved no preference (idempotent)."""
    if source not in _sources:
        _sources.append(source)


def default_language() -> str:
    return settings.LANGUAGE_CODE


def supported_language(code: str | None) -> str | None:
    """The project's language for `code` ("fr-CH" -> "fr"), or None if it has none."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def saved_language(user) -> str | None:
    """The language the user chose, or None. One query per user object, then cached on it."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_gfmd_language"):
        from gfmd.platform.models import UserPreference

        saved = UserPreference.objects.filter(user_id=user.pk).values_list("language", flat=True)
        user._gfmd_language = supported_language(saved.first())
    return user._gfmd_language


def language_for(user) -> str:
    """The language to write to this user in: preference, registered sources, English."""
    language = saved_language(user)
    if language:
        return language
    if user is not None and getattr(user, "pk", None):
        for source in _sources:
            language = supported_language(source(user))
            if language:
                return language
    return default_language()


@contextmanager
def in_language_of(user):
    """`with in_language_of(user):` renders subject and body in the recipient's language."""
    language = language_for(user)
    with translation.override(language):
        yield language


def activate_saved_language(user) -> None:
    """After authentication: a saved preference beats the request's Accept-Language."""
    language = saved_language(user)
    if language:
        translation.activate(language)
