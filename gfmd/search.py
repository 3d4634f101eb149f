"""What governance records contribute to the search (gfmd/platform/search; docs/search.md):
editions (title, theme, years), organisations (name, acronym) and focal points (people)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gfmd.models import Edition, FocalPoint, Organisation
from gfmd.platform.search import SearchDocument, SearchSource, register
from gfmd.selectors.editions import editions_for_user
from gfmd.selectors.records import focal_points_for_user, organisations_for_user


def _url(model: str, pk) -> str:
    return reverse(f"admin:gfmd_{model}_change", args=[pk])


def _editions(ids):
    for edition in Edition.objects.filter(pk__in=ids):
        years = " ".join(str(y) for y in (edition.year_start, edition.year_end) if y)
        url = _url("edition", edition.pk)
        yield SearchDocument(edition.pk, "en-gb", edition.title, edition.theme, years, url)
        for lang, suffix in (("fr", "_fr"), ("es", "_es")):
            if title := getattr(edition, f"title{suffix}"):
                theme = getattr(edition, f"theme{suffix}")
                yield SearchDocument(edition.pk, lang, title, theme, years, url)


def _organisations(ids):
    for organisation in Organisation.objects.filter(pk__in=ids):
        yield SearchDocument(
            organisation.pk,
            "en-gb",
            organisation.name,
            organisation.get_kind_display(),
            organisation.acronym,
            _url("organisation", organisation.pk),
        )


def _people(ids):
    people = FocalPoint.objects.filter(pk__in=ids).select_related("user", "country", "organisation")
    for person in people:
        body = person.country or person.organisation
        yield SearchDocument(
            person.pk,
            "en-gb",
            str(person),
            f"{person.get_role_display()} {body} {person.user.email}",
            person.country.iso3 if person.country else "",
            _url("focalpoint", person.pk),
        )


def register_sources() -> None:
    register(SearchSource("edition", _("Edition"), "gfmd.edition", _editions, editions_for_user))
    register(
        SearchSource(
            "organisation",
            _("Organisation"),
            "gfmd.organisation",
            _organisations,
            organisations_for_user,
        )
    )
    register(
        SearchSource(
            "person",
            _("Focal point"),
            "gfmd.focalpoint",
            _people,
            focal_points_for_user,
            follows={"auth.user": lambda user: user.focal_points.values_list("pk", flat=True)},
        )
    )
