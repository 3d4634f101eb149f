"""The public archive of outcome documents (API) and its Atom feed of new publications.

Anyone, anonymous callers too, reads it: the selector holds published documents only.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError

from gfmd.platform.api.pagination import StandardPagination
from outcomes.selectors.archive import archive_documents
from roundtables.enums import OUTCOME_KINDS, PAPER_KINDS
from roundtables.models import WorkingPaper

LANGUAGES = [code for code, _name in settings.LANGUAGES]  # as stored: "en-gb", "fr", "es"
# ?lang= takes the stored codes and their short forms ("en" for "en-gb").
LANGUAGE_PARAM = {**{code: code for code in LANGUAGES}, **{c.split("-")[0]: c for c in LANGUAGES}}
FEED_SIZE = 50


class ArchiveDocumentSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    edition_title = serializers.CharField(source="edition.title", read_only=True)
    session_code = serializers.SerializerMethodField()
    theme = serializers.IntegerField(source="session.theme_id", read_only=True, default=None)
    theme_name = serializers.CharField(source="session.theme.name", read_only=True, default=None)
    languages = serializers.SerializerMethodField(
        help_text=gettext_lazy("The original language, then the published translations.")
    )
    download = serializers.SerializerMethodField(
        help_text=gettext_lazy("The final version's file or text (public).")
    )

    class Meta:
        model = WorkingPaper
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "edition",
            "edition_title",
            "session",
            "session_code",
            "theme",
            "theme_name",
            "languages",
            "published_at",
            "final_version",
            "download",
        ]
        read_only_fields = fields

    def get_session_code(self, obj) -> str | None:
        return obj.session.code if obj.session_id else None

    def get_languages(self, obj) -> list[str]:
        original = obj.final_version.original_language
        return [original, *(code for code in obj.translated_languages if code != original)]

    def get_download(self, obj) -> str:
        return reverse("roundtables-version-download", args=[obj.final_version_id])


def _filters(params) -> dict:
    """?edition=, ?kind=, ?theme=, ?lang=: a bad value is a 400, never an empty page."""
    found = {}
    for name in ("edition", "theme"):
        value = params.get(name)
        if value not in (None, ""):
            if not value.isdigit() or int(value) >= 2**31:
                raise ValidationError({name: [_("Give a whole number.")]})
            found[name] = int(value)
    kind = params.get("kind")
    if kind not in (None, ""):
        if kind not in OUTCOME_KINDS:
            raise ValidationError(
                {"kind": [_("Choose one of: %(kinds)s.") % {"kinds": ", ".join(OUTCOME_KINDS)}]}
            )
        found["kind"] = kind
    language = params.get("lang")
    if language not in (None, ""):
        if language not in LANGUAGE_PARAM:
            raise ValidationError({"lang": [_("Choose en, fr or es.")]})
        found["language"] = LANGUAGE_PARAM[language]
    return found


FILTERS = [
    OpenApiParameter("edition", int),
    OpenApiParameter("kind", str, description="One of: " + ", ".join(OUTCOME_KINDS) + "."),
    OpenApiParameter("theme", int, description="Roundtable theme (per-session documents)."),
    OpenApiParameter("lang", str, enum=sorted(LANGUAGE_PARAM)),
]


@extend_schema_view(list=extend_schema(parameters=FILTERS))
class ArchiveViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Published outcome documents (rapporteur reports, Chair's conclusions, Reports of
    Proceedings) by edition, kind, theme and language, newest first. Public."""

    queryset = WorkingPaper.objects.none()
    serializer_class = ArchiveDocumentSerializer
    pagination_class = StandardPagination
    permission_map = {"list": "outcomes.view_archive", "retrieve": "outcomes.view_archive"}

    def get_queryset(self):
        params = self.request.query_params if self.action == "list" else {}
        return archive_documents(**_filters(params))


class PublicationsFeed(Feed):
    """Atom feed of the newest published outcome documents (?lang=, ?kind=, ?edition=)."""

    feed_type = Atom1Feed
    title = gettext_lazy("GFMD outcome documents")
    subtitle = gettext_lazy(
        "Rapporteur reports, Chair's conclusions and Reports of Proceedings, as published."
    )

    def get_object(self, request):
        try:
            return _filters(request.GET)
        except ValidationError:
            return {}  # a feed reader cannot show a 400: the unfiltered feed instead

    def link(self, obj):
        return reverse("outcomes-archive-list")

    def items(self, obj):
        return archive_documents(**obj)[:FEED_SIZE]

    def item_title(self, item):
        return f"{item.title} ({PAPER_KINDS[item.kind].label}, {item.edition})"

    def item_description(self, item):
        return _("%(kind)s of %(edition)s, published by the GFMD Support Unit.") % {
            "kind": item.get_kind_display(),
            "edition": item.edition,
        }

    def item_link(self, item):
        return reverse("outcomes-archive-detail", args=[item.pk])

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at
