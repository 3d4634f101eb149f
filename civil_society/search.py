"""What Civil Society Days records contribute to the search (docs/search.md): the CSD's
recommendations, in each language they are written in, and civil society organisations."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from civil_society.models import CivilSocietyOrganisation, Recommendation
from civil_society.selectors.records import organisations_for_user, recommendations_for_user
from gfmd.platform.search import SearchDocument, SearchSource, register


def _recommendations(ids):
    recommendations = Recommendation.objects.filter(pk__in=ids).select_related("csd_edition")
    for item in recommendations:
        url = reverse("admin:civil_society_recommendation_change", args=[item.pk])
        words = str(item.csd_edition)
        yield SearchDocument(item.pk, "en-gb", item.title, item.text, words, url)
        for lang, suffix in (("fr", "_fr"), ("es", "_es")):
            if text := getattr(item, f"text{suffix}"):
                title = getattr(item, f"title{suffix}") or item.title
                yield SearchDocument(item.pk, lang, title, text, words, url)


def _organisations(ids):
    profiles = CivilSocietyOrganisation.objects.filter(pk__in=ids).select_related("organisation")
    for profile in profiles:
        yield SearchDocument(
            profile.pk,
            "en-gb",
            str(profile.organisation),
            profile.get_sector_display(),
            profile.organisation.acronym,
            reverse("admin:civil_society_civilsocietyorganisation_change", args=[profile.pk]),
        )


def register_sources() -> None:
    register(
        SearchSource(
            "csd_recommendation",
            _("CSD recommendation"),
            "civil_society.recommendation",
            _recommendations,
            recommendations_for_user,
        )
    )
    register(
        SearchSource(
            "civil_society_organisation",
            _("Civil society organisation"),
            "civil_society.civilsocietyorganisation",
            _organisations,
            organisations_for_user,
            follows={
                "gfmd.organisation": lambda org: CivilSocietyOrganisation.objects.filter(
                    organisation=org
                ).values_list("pk", flat=True)
            },
        )
    )
