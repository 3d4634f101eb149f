from django.apps import AppConfig


class CivilSocietyConfig(AppConfig):
    name = "civil_society"
    verbose_name = "Civil Society Days"
    default_auto_field = "django.db.models.BigAutoField"
