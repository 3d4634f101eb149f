from django.apps import AppConfig


class RoundtablesConfig(AppConfig):
    name = "roundtables"
    verbose_name = "Roundtables"
    default_auto_field = "django.db.models.BigAutoField"
