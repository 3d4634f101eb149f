from django.apps import AppConfig


class GfmdConfig(AppConfig):
    name = "gfmd"
    verbose_name = "GFMD governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.backends.signals import connection_created

        from gfmd.config.db import install_replanning
        from gfmd.platform import rules  # noqa: F401  (registers the platform's permissions)
        from gfmd.platform.api import schema  # noqa: F401  (registers the OpenAPI auth extension)

        connection_created.connect(install_replanning, dispatch_uid="gfmd-replanning")
