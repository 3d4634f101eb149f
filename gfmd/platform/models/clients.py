from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint, one_of


class PartnerClient(models.Model):
    """A partner system (OAuth2 client credentials) acting for one government or organisation.

    It authenticates as its own service account, which is a focal point of that body, so
    it sees exactly what that body's focal points see; its scopes limit what it may do.
    """

    name = models.CharField(_("name"), max_length=150, unique=True)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_client",
        verbose_name=_("application"),
    )
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_client",
        verbose_name=_("service user"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("country"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    scopes = models.JSONField(
        _("scopes"), default=list, help_text=_("Scopes this client may request.")
    )
    contact_email = models.EmailField(_("contact email"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    secret_rotated_at = models.DateTimeField(_("secret rotated at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("partner client")
        verbose_name_plural = _("partner clients")
        ordering = ["name"]
        constraints = [
            CheckConstraint(
                condition=one_of("country", "organisation"),
                name="partnerclient_one_body",
                violation_error_message=_(
                    "A partner client acts for exactly one government or one organisation."
                ),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def activity_label(self) -> str:
        return f"client:{self.name}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
