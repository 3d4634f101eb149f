"""What roundtables records contribute to the search (gfmd/platform/search; docs/search.md).

Sessions and papers are found by code ("RT 1.1"), edition year and title in each
language. A version's text, an input's text and a translation are record types of their
own, because who may read a paper's text is narrower than who may see the paper
(released versions only, inputs by reach, translations once published): each type is
filtered by its own selector. Hits on a version or a translation link to the paper.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models import DocumentTranslation
from gfmd.platform.roles import is_support_staff
from gfmd.platform.search import SearchDocument, SearchSource, register
from roundtables.models import Input, PaperVersion, Session, WorkingPaper
from roundtables.selectors.papers import inputs_for_user, papers_for_user, versions_for_user
from roundtables.selectors.programme import sessions_for_user
from roundtables.selectors.translations import paper_translations_for_user

EDITION = "roundtable__edition"


def _url(model: str, pk) -> str:
    return reverse(f"admin:roundtables_{model}_change", args=[pk])


def _keywords(session) -> str:
    edition = session.roundtable.edition
    return " ".join(str(p) for p in (session.code, edition.year_start, edition.year_end) if p)


def _paper_keywords(paper) -> str:
    # A Chair's document (concept note, work plan...) has an edition and no session.
    if paper.session_id:
        return _keywords(paper.session)
    edition = paper.edition
    return " ".join(str(p) for p in (edition.year_start, edition.year_end) if p)


def _sessions(ids):
    for s in Session.objects.filter(pk__in=ids).select_related(EDITION):
        words, url = _keywords(s), _url("session", s.pk)
        yield SearchDocument(s.pk, "en-gb", f"{s.code} {s.title}", s.description, words, url)
        for lang, suffix in (("fr", "_fr"), ("es", "_es")):
            if title := getattr(s, f"title{suffix}"):
                body = getattr(s, f"description{suffix}")
                yield SearchDocument(s.pk, lang, f"{s.code} {title}", body, words, url)


def _papers(ids):
    papers = WorkingPaper.objects.filter(pk__in=ids).select_related(
        f"session__{EDITION}", "edition"
    )
    for paper in papers:
        yield SearchDocument(
            paper.pk,
            "en-gb",
            paper.title,
            paper.get_kind_display(),
            _paper_keywords(paper),
            _url("workingpaper", paper.pk),
        )


def _versions(ids):
    versions = PaperVersion.objects.filter(pk__in=ids).select_related(
        f"paper__session__{EDITION}", "paper__edition"
    )
    for version in versions:
        yield SearchDocument(
            version.pk,
            version.original_language,
            f"{version.paper.title} v{version.number}",
            version.text,
            _paper_keywords(version.paper),
            _url("workingpaper", version.paper_id),
        )


def _inputs(ids):
    inputs = Input.objects.filter(pk__in=ids).select_related(
        "country", "organisation", f"paper__session__{EDITION}", "paper__edition"
    )
    for item in inputs:
        title = _("Input from %(body)s on %(paper)s") % {"body": item.body, "paper": item.paper}
        yield SearchDocument(
            item.pk,
            "en-gb",
            str(title),
            f"{item.text}\n{item.evidence}",
            _paper_keywords(item.paper),
            _url("input", item.pk),
        )


def _translations(ids):
    translations = list(
        DocumentTranslation.objects.filter(
            pk__in=ids, content_type=ContentType.objects.get_for_model(PaperVersion)
        )
    )
    versions = PaperVersion.objects.filter(pk__in=[t.object_id for t in translations])
    versions = {
        v.pk: v for v in versions.select_related(f"paper__session__{EDITION}", "paper__edition")
    }
    for translation in translations:
        version = versions.get(translation.object_id)
        if version is None or not translation.text:
            continue
        yield SearchDocument(
            translation.pk,
            translation.language,
            f"{version.paper.title} v{version.number} ({translation.get_language_display()})",
            translation.text,
            _paper_keywords(version.paper),
            _url("workingpaper", version.paper_id),
        )


def _paper_of_session(session):
    return WorkingPaper.objects.filter(session=session).values_list("pk", flat=True)


def _versions_of_paper(paper):
    # Versions are logged on their paper ("paper.add_version"): reindex its versions, so a
    # release (which widens who may read one) and a new version both reach the index.
    return PaperVersion.objects.filter(paper=paper).values_list("pk", flat=True)


def _translations_visible(user):
    """The translations `user` may read. The index holds this source's rows for paper
    translations only, so staff, who read every one, need no filter: the search then
    plans no subquery for the type (gfmd/platform/search/query.py)."""
    if is_support_staff(user):
        return DocumentTranslation.objects.all()
    return paper_translations_for_user(user)


def register_sources() -> None:
    register(
        SearchSource(
            "session",
            _("Session"),
            "roundtables.session",
            _sessions,
            lambda user: sessions_for_user(user, keys_only=True),
        )
    )
    register(
        SearchSource(
            "paper",
            _("Working paper"),
            "roundtables.workingpaper",
            _papers,
            papers_for_user,
            follows={"roundtables.session": _paper_of_session},
        )
    )
    register(
        SearchSource(
            "paper_version",
            _("Paper version"),
            "roundtables.paperversion",
            _versions,
            versions_for_user,
            follows={"roundtables.workingpaper": _versions_of_paper},
        )
    )
    register(SearchSource("input", _("Input"), "roundtables.input", _inputs, inputs_for_user))
    register(
        SearchSource(
            "paper_translation",
            _("Translation"),
            "gfmd.documenttranslation",
            _translations,
            _translations_visible,
        )
    )
