"""Paper versions the caller may see; their files only through /download/."""

from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action

from roundtables.api import paper_serializers as ps
from roundtables.api.views.common import FreshReachMixin, file_response
from roundtables.enums import VersionKind
from roundtables.models import PaperVersion
from roundtables.selectors import papers as paper_sel


class PaperVersionViewSet(FreshReachMixin, viewsets.ReadOnlyModelViewSet):
    """Versions of the papers the caller may see; files only through /download/."""

    queryset = PaperVersion.objects.all()
    serializer_class = ps.PaperVersionSerializer
    filterset_fields = ["paper", "kind"]
    permission_map = {
        "list": "roundtables.list_paperversion",
        "download": "roundtables.download_paperversion",
    }

    def get_queryset(self):
        return paper_sel.versions_for_user(self.request.user)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"], url_name="download")
    def download(self, request, pk=None):
        version = self.get_object()
        if version.kind == VersionKind.TEXT:
            response = HttpResponse(version.text, content_type="text/plain; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="paper-{version.paper_id}-v{version.number}.txt"'
            )
            response["Cache-Control"] = "private, no-store"
            return response
        return file_response(version.file, version.original_filename, version.content_type)
