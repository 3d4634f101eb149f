from django.apps import AppConfig


class GfmdConfig(AppConfig):
    name = "gfmd"
    verbose_name = "GFMD governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from gfmd.api import schema  # noqa: F401  (registers the OpenAPI auth extension)
