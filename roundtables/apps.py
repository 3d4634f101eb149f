from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundtablesConfig(AppConfig):
    name = "roundtables"
    verbose_name = _("Roundtables")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from roundtables import rules
        from roundtables.selectors.reach import compute_reach

        rules.use_reach_query(compute_reach)

        from roundtables.services import translations

        translations.register()  # paper versions: a document kind of the translation engine

        from roundtables import dashboard, search

        search.register_sources()  # record types of the full-text search
        dashboard.register_panels()  # panels of the cycle dashboard (admin index)
