from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationConfig(AppConfig):
    name = "registration"
    verbose_name = _("Registration")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from registration import dashboard

        dashboard.register_panels()  # its panel of the cycle dashboard (admin index)
