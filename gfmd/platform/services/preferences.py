"""A user's saved settings (the admin's language switcher and GET/PUT /api/v1/me/preferences/)."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError
from gfmd.platform.languages import supported_language
from gfmd.platform.models import UserPreference
from gfmd.platform.security.auth_cache import forget_user
from gfmd.platform.services.activity import log_action


@transaction.atomic
def preference_set_language(*, actor, user, language: str) -> UserPreference:
    """Save the language `user` reads the service and their emails in; audited."""
    chosen = supported_language(language)
    if chosen is None or chosen != language:
        codes = ", ".join(code for code, _name in settings.LANGUAGES)
        raise DomainError(
            _("Choose one of the service's languages: %(codes)s.") % {"codes": codes},
            field="language",
        )
    preference = UserPreference.objects.select_for_update().filter(user=user).first()
    previous = preference.language if preference else None
    if preference is None:
        preference = UserPreference(user=user)
    if previous != chosen:
        preference.language = chosen
        preference.save()
        log_action(actor, preference, "preference.language", {"from": previous, "to": chosen})
        forget_user(user.pk)  # the cached user snapshot carries the saved language
    user._gfmd_language = chosen
    return preference
