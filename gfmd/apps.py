from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GfmdConfig(AppConfig):
    name = "gfmd"
    verbose_name = _("GFMD governance")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out
        from django.db.backends.signals import connection_created

        from gfmd.config.db import cache_long_statements, install_replanning
        from gfmd.platform import rules  # noqa: F401  (registers the platform's permissions)
        from gfmd.platform.api import schema  # noqa: F401  (registers the OpenAPI auth extension)
        from gfmd.platform.security.auth_cache import on_logged_out

        connection_created.connect(install_replanning, dispatch_uid="gfmd-replanning")
        cache_long_statements()
        # Django's hook for logout (no service of ours runs there): drop the cached user
        user_logged_out.connect(on_logged_out, dispatch_uid="gfmd-auth-cache-logout")
        from gfmd.platform.languages import register_language_source
        from gfmd.selectors.languages import focal_point_language

        # emails to a user with no saved language: their focal-point record's language
        register_language_source(focal_point_language)

        from gfmd import dashboard, search

        search.register_sources()  # record types of the full-text search
        dashboard.register_panels()  # panels of the cycle dashboard (admin index)
