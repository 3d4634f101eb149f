"""Full-text search across the service's records (platform layer; docs/search.md).

Each app registers its searchable record types (`SearchSource`) in its AppConfig.ready:
what text a record contributes in which language (`documents`), who may see which
records (`visible`: the app's own selector, so a search never reveals a hidden record),
and where a hit links to. The platform keeps the index (`index.py`) and answers queries
(`query.py`) without knowing any domain app.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet


@dataclass(frozen=True)
class SearchDocument:
    """The text one record contributes in one language."""

    object_id: int
    language: str  # a code of settings.LANGUAGES
    title: str
    body: str = ""
    keywords: str = ""  # codes and years, matched word for word
    url: str = ""  # where a hit links to (the admin page of the record or its parent)


@dataclass(frozen=True)
class SearchSource:
    name: str  # "paper": stable, used in the index and the API
    label: object  # lazy translated name of the record type
    model: str  # "roundtables.workingpaper"
    documents: Callable[[list[int]], Iterable[SearchDocument]]  # fixed queries per batch
    visible: Callable[[object], QuerySet]  # the records the user may see
    # Other models whose writes change this source's text: label -> ids of this source.
    follows: dict[str, Callable[[object], Iterable[int]]] = field(default_factory=dict)


SOURCES: dict[str, SearchSource] = {}


def register(source: SearchSource) -> None:
    SOURCES[source.name] = source


def sources_for_model(label: str) -> list[tuple[SearchSource, Callable | None]]:
    """(source, follow) pairs a write to a `label` object touches; follow None = itself."""
    found = []
    for source in SOURCES.values():
        if source.model == label:
            found.append((source, None))
        elif label in source.follows:
            found.append((source, source.follows[label]))
    return found
