from django.conf import settings
from django.db import models
from django.db.models import Q

from gfmd.platform.models.checks import CheckConstraint


class PartnerClient(models.Model):
    """A partner system (OAuth2 client credentials) acting for one government or organisation.

    It authenticates as its own service account, which is a focal point of that body, so
    it sees exactly what that body's focal points see; its scopes limit what it may do.
    """

    name = models.CharField(max_length=150, unique=True)
    application = models.OneToOneField(
        settings.OAUTH2_PROVIDER_APPLICATION_MODEL,
        on_delete=models.PROTECT,
        related_name="partner_client",
    )
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="partner_client"
    )
    country = models.ForeignKey(
        "gfmd.Country", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scopes = models.JSONField(default=list, help_text="Scopes this client may request.")
    contact_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    secret_rotated_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            CheckConstraint(
                condition=(Q(country__isnull=False) & Q(organisation__isnull=True))
                | (Q(country__isnull=True) & Q(organisation__isnull=False)),
                name="partnerclient_one_body",
                violation_error_message="A partner client acts for exactly one government "
                "or one organisation.",
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
