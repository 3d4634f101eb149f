"""How the governance core's (and the platform's) activity entries read in plain words."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from gfmd.models import Country
from gfmd.platform import plain

plain.register(
    "gfmd",
    actions={
        "edition.set_chairs": _("Chairs set"),
        "country.override_development": _("Development status overridden"),
        "meeting.send_invitations": _("Invitations sent"),
        "partnerclient.register": _("Partner client registered"),
        "partnerclient.revoke": _("Partner client revoked"),
        "partnerclient.rotate_secret": _("Client secret rotated"),
        "partnerclient.set_scopes": _("Scopes changed"),
        "preference.language": _("Language preference changed"),
        "translation.assign": _("Translator assigned"),
        "translation.request": _("Translation requested"),
        "translation.requested": _("Translation requested"),
        "webhook.disabled": _("Webhook disabled"),
        "webhook.enabled": _("Webhook enabled"),
        "webhook.redeliver": _("Webhook delivery sent again"),
        "webhook.secret_rotated": _("Webhook secret rotated"),
    },
    fields={
        ("gfmd.edition", "chairs"): plain.lookup(Country, "iso3"),
        ("gfmd.partnerclient", "scopes"): lambda values: {
            v: (str(settings.OAUTH2_PROVIDER["SCOPES"].get(v, v)), "") for v in values
        },
    },
)
