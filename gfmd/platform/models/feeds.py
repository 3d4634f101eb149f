"""The secret behind a user's calendar feed URLs: replacing it revokes every URL issued."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_feed_key() -> str:
    return secrets.token_urlsafe(16)


class CalendarFeedKey(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed_key",
        verbose_name=_("user"),
    )
    key = models.CharField(_("key"), max_length=64, default=new_feed_key)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name_plural = _("calendar feed keys")
        verbose_name = _("calendar feed key")

    def __str__(self) -> str:
        return f"{self.user} ({self.created_at:%Y-%m-%d})"
