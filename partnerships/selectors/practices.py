"""Reads of practices: the caller's reach (anonymous: published only) and the public
search, ranked by PostgreSQL full-text search in the three languages."""

from django.contrib.postgres.search import SearchQueryField
from django.db import connections
from django.db.models import BooleanField, Exists, Expression, F, FloatField, Func, OuterRef, Q

from gfmd.platform.content import search_fields
from gfmd.platform.roles import is_support_staff
from gfmd.platform.search.literal import quoted
from partnerships.enums import ContentLanguage, PracticeState
from partnerships.models import Practice, PracticeTag
from partnerships.search_sql import CONFIGS


def practices_for_user(user):
    """Staff see every practice; a partner client the published ones and its own
    submissions; everyone else, anonymous included, the published ones."""
    queryset = Practice.objects.all()
    if is_support_staff(user):
        return queryset
    published = Q(state=PracticeState.PUBLISHED)
    if user is not None and user.is_authenticated:
        return queryset.filter(published | Q(submitted_by=user))
    return queryset.filter(published)


class PracticeQuery(Expression):
    """`text` as one tsquery in the three languages, accents removed. Written out as SQL
    with the words and configurations as literals, not parameters
    (gfmd/platform/search/literal.py): compiling it costs a string, not an expression tree,
    and a page compiles it twice (to match and to rank)."""

    output_field = SearchQueryField()

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def as_sql(self, compiler, connection):
        # partnerships_unaccent: the IMMUTABLE wrapper of unaccent (search_sql.py)
        words = quoted(self.text, connection)
        parts = (
            f"websearch_to_tsquery('{config}'::regconfig, partnerships_unaccent({words}))"
            for config in CONFIGS
        )
        return f"({' || '.join(parts)})", []


class Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def practices_search(queryset, text: str):
    """Practices matching `text` in any of the three languages, accents ignored, best
    first. On PostgreSQL: the stored vector (GIN index) against the words parsed as each
    language would stem them; elsewhere (SQLite, development) a plain icontains."""
    text = (text or "").strip()
    if not text:
        return queryset
    if connections[queryset.db].vendor != "postgresql":
        match = Q()
        for name in search_fields("title", "summary"):
            match |= Q(**{f"{name}__icontains": text})
        return queryset.filter(match)
    query = PracticeQuery(text)
    rank = Func(F("search_vector"), query, function="ts_rank", output_field=FloatField())
    return (
        queryset.filter(Matches(F("search_vector"), query))
        .alias(rank=rank)
        .order_by("-rank", "-id")
    )


def filter_by_country(queryset, iso3: str):
    through = Practice.countries.through
    return queryset.filter(
        Exists(through.objects.filter(practice=OuterRef("pk"), country__iso3=iso3.upper()))
    )


def filter_by_theme(queryset, theme_id: int):
    through = Practice.themes.through
    return queryset.filter(
        Exists(through.objects.filter(practice=OuterRef("pk"), theme_id=theme_id))
    )


def filter_by_edition(queryset, edition_id: int):
    """Practices whose GFMD source is in the edition: named, or through its session or
    paper."""
    return queryset.filter(
        Q(source_edition_id=edition_id)
        | Q(source_session__roundtable__edition_id=edition_id)
        | Q(source_paper__edition_id=edition_id)
    )


def filter_by_language(queryset, language: str):
    """Practices readable in `language`: written in it, or with its title translated."""
    if language not in ContentLanguage.values:
        return queryset.none()
    if language == ContentLanguage.EN:
        return queryset.filter(original_language=language)
    return queryset.filter(Q(original_language=language) | ~Q(**{f"title_{language}": ""}))


def filter_by_session(queryset, session_id: int):
    """Practices drawn from the session, named or through its paper (the reverse link)."""
    return queryset.filter(Q(source_session_id=session_id) | Q(source_paper__session_id=session_id))


def filter_by_objective(queryset, number: int):
    """Practices tagged with the GCM objective `number` (outcomes' tagging)."""
    return queryset.filter(
        Exists(PracticeTag.objects.filter(subject=OuterRef("pk"), objective__number=number))
    )
