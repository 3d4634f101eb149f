from django.apps import AppConfig


class GfmdConfig(AppConfig):
    name = "gfmd"
    verbose_name = "GFMD governance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.db.backends.signals import connection_created

        from gfmd.config.db import install_replanning
        from gfmd.platform import rules  # noqa: F401  (registers the platform's permissions)
        from gfmd.platform.api import schema  # noqa: F401  (registers the OpenAPI auth extension)
        from gfmd.platform.security.auth_cache import on_logged_out

        connection_created.connect(install_replanning, dispatch_uid="gfmd-replanning")
        # Django's hook for logout (no service of ours runs there): drop the cached user
        user_logged_out.connect(on_logged_out, dispatch_uid="gfmd-auth-cache-logout")
