"""What the outcomes contribute to the search (docs/search.md): the government meeting's
recommendations in each language they are written in (any signed-in caller may read
them, as the API allows)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gfmd.platform.search import SearchDocument, SearchSource, register
from outcomes.models import Recommendation


def _visible(user):
    if user is None or not user.is_authenticated:
        return Recommendation.objects.none()
    return Recommendation.objects.all()


def _recommendations(ids):
    for item in Recommendation.objects.filter(pk__in=ids).select_related("edition"):
        url = reverse("admin:outcomes_recommendation_change", args=[item.pk])
        years = " ".join(str(y) for y in (item.edition.year_start, item.edition.year_end) if y)
        yield SearchDocument(item.pk, "en-gb", item.title, item.text, years, url)
        for lang, suffix in (("fr", "_fr"), ("es", "_es")):
            if text := getattr(item, f"text{suffix}"):
                title = getattr(item, f"title{suffix}") or item.title
                yield SearchDocument(item.pk, lang, title, text, years, url)


def register_sources() -> None:
    register(
        SearchSource(
            "recommendation",
            _("Recommendation"),
            "outcomes.recommendation",
            _recommendations,
            _visible,
        )
    )
