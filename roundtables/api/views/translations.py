"""Language versions of working paper versions: the translation workflow's API.

Staff request translations of a version into one or both other languages in one call
(`POST /paper-translations/request/`, Idempotency-Key honoured), assign the translator and
due date (`PATCH`, If-Match required) and move each translation through
TRANSLATION_TRANSITIONS (`start`, `submit`, `return-to-translation`, `publish`,
`withdraw`); the assigned translator submits. Readers outside the drafters see published
translations only (the selector), each saying whether a newer version exists.
"""

from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gfmd.platform.api.parsers import UPLOAD_PARSERS
from gfmd.platform.api.safe_writes import ConditionalUpdateMixin, with_idempotency
from gfmd.platform.api.viewsets import ActivityMixin
from gfmd.platform.models import DocumentTranslation
from gfmd.platform.services import translations as translation_services
from gfmd.platform.translations import TRANSLATION_TRANSITIONS, TranslationState
from roundtables.api import translation_serializers as ts
from roundtables.api.serializers import ReasonSerializer
from roundtables.api.views.common import FreshReachMixin, file_response
from roundtables.selectors import translations as translation_sel
from roundtables.services.translations import version_translations_request

FILTERS = ("paper", "version", "language", "state")


class PaperTranslationViewSet(
    FreshReachMixin,
    ConditionalUpdateMixin,
    ActivityMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Translations of working paper versions (French, Spanish, English), by workflow state.

    Readers who do not draft the paper see only published translations; `notice` says
    when the translated version is no longer the latest ("Translation of version 3;
    version 4 exists.")."""

    queryset = DocumentTranslation.objects.all()
    serializer_class = ts.PaperTranslationSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]
    require_if_match = True
    idempotent_actions = ("request_translations",)
    filter_backends = []  # the four filters below are read by get_queryset (annotations)

    permission_map = {
        **TRANSLATION_TRANSITIONS.permissions(),
        "list": "gfmd.list_documenttranslation",
        "request_translations": "gfmd.add_documenttranslation",
        "download": "gfmd.download_documenttranslation",
    }

    def get_queryset(self):
        queryset = translation_sel.paper_translations_for_user(self.request.user)
        if self.action != "list":
            return queryset
        params = self.request.query_params
        for name in FILTERS:
            value = params.get(name)
            if not value:
                continue
            if name in ("paper", "version") and not value.isdigit():
                return queryset.none()
            field = {"paper": "paper_ref", "version": "object_id"}.get(name, name)
            queryset = queryset.filter(**{field: value})
        return queryset

    def get_serializer_class(self):
        if self.action in ("update", "partial_update"):
            return ts.PaperTranslationAssignSerializer
        if self.action == "retrieve":
            return ts.PaperTranslationDetailSerializer
        return ts.PaperTranslationSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in ("update", "partial_update"):
            self.get_object()  # 404 / 403 before If-Match's 428

    def _fresh(self, translation):
        return translation_sel.paper_translations().get(pk=translation.pk)

    def perform_update(self, serializer):
        current = serializer.instance
        data = serializer.validated_data
        translation = translation_services.translation_assign(
            actor=self.request.user,
            translation=current,
            translator=data.get("translator", current.translator),
            translator_name=data.get("translator_name", current.translator_name),
            due_date=data.get("due_date", current.due_date),
        )
        serializer.instance = self._fresh(translation)

    @extend_schema(
        parameters=[
            OpenApiParameter("paper", int, description="Only this paper's translations."),
            OpenApiParameter("version", int, description="Only this version's (its id)."),
            OpenApiParameter("language", str, description="en-gb, fr or es."),
            OpenApiParameter("state", str, enum=TranslationState.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=ts.RequestTranslationsSerializer,
        responses={201: ts.PaperTranslationListSerializer},
    )
    @action(detail=False, methods=["post"], url_path="request")
    def request_translations(self, request):
        """Request the version's translation into one or both other languages, in one call.

        Send `Idempotency-Key` to retry safely; 409 when a live translation into one of the
        languages exists (nothing is created then)."""
        return with_idempotency(request, lambda: self._request(request))

    def _request(self, request):
        payload = ts.RequestTranslationsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        created = version_translations_request(actor=request.user, **data)
        rows = translation_sel.paper_translations().filter(pk__in=[t.pk for t in created])
        return Response(
            {"results": ts.PaperTranslationSerializer(rows, many=True).data}, status=201
        )

    def _transition(self, request, name, **extra):
        translation = self.get_object()
        payload = ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        translation = translation_services.translation_transition(
            actor=request.user,
            translation=translation,
            name=name,
            reason=payload.validated_data["reason"],
            **extra,
        )
        return Response(ts.PaperTranslationDetailSerializer(self._fresh(translation)).data)

    @extend_schema(request=ReasonSerializer, responses=ts.PaperTranslationDetailSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        """Start the translation (a translator must be assigned); the translator is told."""
        return self._transition(request, "start")

    @extend_schema(
        request=ts.TranslationSubmitSerializer, responses=ts.PaperTranslationDetailSerializer
    )
    @action(detail=True, methods=["post"], parser_classes=UPLOAD_PARSERS)
    def submit(self, request, pk=None):
        """The translator submits the translated file (PDF/DOCX/ODT) and/or text for review."""
        translation = self.get_object()
        payload = ts.TranslationSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        translation = translation_services.translation_transition(
            actor=request.user,
            translation=translation,
            name="submit",
            reason=data["reason"],
            text=data["text"],
            upload=data["file"],
        )
        return Response(ts.PaperTranslationDetailSerializer(self._fresh(translation)).data)

    @extend_schema(request=ReasonSerializer, responses=ts.PaperTranslationDetailSerializer)
    @action(detail=True, methods=["post"], url_path="return-to-translation")
    def return_to_translation(self, request, pk=None):
        return self._transition(request, "return_to_translation")

    @extend_schema(request=ReasonSerializer, responses=ts.PaperTranslationDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Approve and publish: readers of the version see it from now on."""
        return self._transition(request, "publish")

    @extend_schema(request=ReasonSerializer, responses=ts.PaperTranslationDetailSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(request, "withdraw")

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"], url_name="download")
    def download(self, request, pk=None):
        translation = self.get_object()
        if translation.file:
            return file_response(
                translation.file, translation.original_filename, translation.media_type
            )
        response = HttpResponse(translation.text, content_type="text/plain; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="translation-{translation.pk}-{translation.language}.txt"'
        )
        response["Cache-Control"] = "private, no-store"
        return response
