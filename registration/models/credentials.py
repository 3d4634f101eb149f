from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint, one_of
from registration.enums import CredentialKind, CredentialState
from registration.models.participants import credential_upload_to


class Credential(models.Model):
    """A Note Verbale or nomination letter of one delegation for one registration.

    Uploaded by the delegation (checked by content like every document), then accepted or
    refused by staff; a new upload after a refusal is a new row, so the history stays."""

    registration = models.ForeignKey(
        "registration.Registration",
        on_delete=models.PROTECT,
        related_name="credentials",
        verbose_name=_("registration"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("government"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CredentialKind.choices)
    file = models.FileField(_("file"), upload_to=credential_upload_to, max_length=200)
    original_filename = models.CharField(_("original filename"), max_length=200, blank=True)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    state = models.CharField(
        _("state"), max_length=10, choices=CredentialState.choices, default=CredentialState.PENDING
    )
    reason = models.TextField(_("reason"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("checked by"),
    )
    state_changed_at = models.DateTimeField(_("checked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("credential")
        verbose_name_plural = _("credentials")
        ordering = ["registration", "-uploaded_at", "-id"]
        constraints = [
            CheckConstraint(
                condition=one_of("country", "organisation"),
                name="credential_one_delegation",
                violation_error_message=_("Give exactly one government or one organisation."),
            ),
            CheckConstraint(
                condition=Q(state__in=CredentialState.values), name="credential_state_valid"
            ),
            CheckConstraint(
                condition=Q(kind__in=CredentialKind.values), name="credential_kind_valid"
            ),
            CheckConstraint(
                condition=~Q(state=CredentialState.REFUSED) | ~Q(reason=""),
                name="credential_refusal_has_reason",
                violation_error_message=_("Give the reason for refusing the credentials."),
                fields=["reason"],
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.country or self.organisation}"

    @property
    def delegation(self):
        return self.country or self.organisation
