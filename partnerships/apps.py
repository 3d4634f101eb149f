from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = _("Platform for Partnerships")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Practices are a tag subject of outcomes (GCM objectives, SDG targets): outcomes
        # imports no app above it, so the subject is registered from here.
        from outcomes.registry import TagSubject, register_subject

        register_subject(
            TagSubject(
                key="practice",
                model="partnerships.practice",
                tag_model="partnerships.practicetag",
                edition_path="source_edition",
                label=_("practice"),
                perm="partnerships.moderate_practice",
            )
        )
        from partnerships import search

        search.register_sources()  # record types of the full-text search
