from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Platform for Partnerships")
    default_auto_field = "django.db.models.BigAutoField"
