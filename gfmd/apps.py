from django.apps import AppConfig


class GfmdConfig(AppConfig):
    name = "gfmd"
    verbose_name = "GFMD governance"
    default_auto_field = "django.db.models.BigAutoField"
