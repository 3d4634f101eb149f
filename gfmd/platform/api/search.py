"""GET /api/v1/search/?q=...: full-text search across every record type (docs/search.md).

Results are only what the caller may see (each type's own selector); a hidden record is
never counted. Pages by number: a ranking has no stable cursor.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from gfmd.platform.search import SOURCES
from gfmd.platform.search.query import MAX_QUERY_CHARS, search

PAGE_SIZE = 20
MAX_PAGE = 50


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(max_length=MAX_QUERY_CHARS, help_text=_("Words to look for."))
    type = serializers.MultipleChoiceField(
        choices=(), required=False, help_text=_("Record types to search (default: all).")
    )
    page = serializers.IntegerField(min_value=1, max_value=MAX_PAGE, default=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [(name, s.label) for name, s in SOURCES.items()]


class SearchHitSerializer(serializers.Serializer):
    type = serializers.CharField(source="source", help_text=_("The record type."))
    type_label = serializers.CharField(source="label")
    id = serializers.IntegerField(source="object_id")
    language = serializers.CharField(help_text=_("The language of the matching text."))
    title = serializers.CharField()
    snippet_html = serializers.CharField(
        help_text=_("Matching passage, HTML-escaped, with the words found in <mark>.")
    )
    url = serializers.CharField(help_text=_("The record's page in the admin."))
    rank = serializers.FloatField()


class SearchResultSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    more = serializers.BooleanField(
        help_text=_("True when more entries matched than were ranked: count is then a minimum.")
    )
    page = serializers.IntegerField()
    results = SearchHitSerializer(many=True)


class SearchView(viewsets.GenericViewSet):
    """Search papers (with their versions' and translations' text), inputs, sessions (by
    code, e.g. "RT 1.1"), editions (by year), recommendations, organisations and people,
    in English, French and Spanish."""

    permission_map = {"find": "gfmd.search"}
    pagination_class = None
    filter_backends: list = []
    serializer_class = SearchResultSerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, required=True),
            OpenApiParameter("type", str, many=True, enum=sorted(SOURCES) or None),
            OpenApiParameter("page", int),
        ],
        responses=SearchResultSerializer,
    )
    def find(self, request):
        query = SearchQuerySerializer(
            data={
                "q": request.query_params.get("q", ""),
                "type": request.query_params.getlist("type"),
                "page": request.query_params.get("page", 1),
            }
        )
        query.is_valid(raise_exception=True)
        page = query.validated_data["page"]
        found = search(
            request.user,
            query.validated_data["q"],
            sources=query.validated_data.get("type") or None,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        return Response(
            SearchResultSerializer(
                {"count": found.count, "more": found.more, "page": page, "results": found.hits}
            ).data
        )
