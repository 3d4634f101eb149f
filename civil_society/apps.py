from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilSocietyConfig(AppConfig):
    name = "civil_society"
    verbose_name = _("Civil Society Days")
    default_auto_field = "django.db.models.BigAutoField"
