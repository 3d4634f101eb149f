from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes and knowledge")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The tag subjects of this app and of the apps below it (roundtables, civil
        # society), and the IMRF report's own sources; other apps register theirs from
        # their own ready() (outcomes never imports them).
        from outcomes import registry
        from outcomes.selectors import report_sources

        registry.register_builtin()
        from outcomes import search

        search.register_sources()  # record types of the full-text search
        report_sources.register()
