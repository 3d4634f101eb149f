from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilSocietyConfig(AppConfig):
    name = "civil_society"
    verbose_name = _("Civil Society Days")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from civil_society import dashboard, search

        search.register_sources()  # record types of the full-text search
        dashboard.register_panels()  # panels of the cycle dashboard (admin index)
