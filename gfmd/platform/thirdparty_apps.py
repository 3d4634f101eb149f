"""Third-party apps under names the admin can show in French and Spanish.

django-axes and django-otp's plugins give their apps no verbose name (the admin showed
"Axes", "Otp_Static", "Otp_Totp"), django-otp names its devices with plain strings ("TOTP
device") and django-axes ships no Spanish catalogue. These configs keep each app's name and
label (tables, migrations and permissions are unchanged) and only lend them translatable
names. The device models' verbose names are set on `_meta` once the apps are ready: the
migration state reads `Meta` as written (`_meta.original_attrs`), so no migration follows.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig

# django-axes' model names, for the Spanish catalogue (its own has French, not Spanish).
AXES_MODEL_NAMES = {
    "accessattempt": (_("access attempt"), _("access attempts")),
    "accesslog": (_("access log"), _("access logs")),
    "accessfailurelog": (_("access failure"), _("access failures")),
}


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login attempts")

    def ready(self):
        super().ready()
        for model_name, (singular, plural) in AXES_MODEL_NAMES.items():
            _rename(self.get_model(model_name), singular, plural)


class OtpStaticConfig(StaticConfig):
    verbose_name = _("Two-factor authentication: recovery codes")

    def ready(self):
        super().ready()
        _rename(
            self.get_model("staticdevice"), _("recovery code device"), _("recovery code devices")
        )


class OtpTotpConfig(TotpConfig):
    verbose_name = _("Two-factor authentication: authenticator apps")

    def ready(self):
        super().ready()
        _rename(self.get_model("totpdevice"), _("TOTP device"), _("TOTP devices"))


def _rename(model, singular, plural):
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural
