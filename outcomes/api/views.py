"""Outcomes API: reference data, tagging, opt-outs, recommendations and follow-up, the
IMRF report. Thin: parse, call a service or a selector, answer."""

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from gfmd.platform.api.safe_writes import IdempotentCreateMixin
from gfmd.platform.api.viewsets import ActivityMixin, CreateMixin, RecordViewSet
from gfmd.platform.pdf import pdf_download
from outcomes import exports
from outcomes.api import serializers as s
from outcomes.enums import REPORT_TRANSITIONS, Addressee, FollowUpStatus
from outcomes.models import (
    EditionTagging,
    FollowUp,
    IMRFReport,
    Objective,
    Recommendation,
    ReportingOptOut,
    ReportSection,
    SDGTarget,
)
from outcomes.registry import subject_for
from outcomes.selectors import recommendations as rec_sel
from outcomes.selectors import reports as report_sel
from outcomes.services import recommendations as rec_services
from outcomes.services import reports as report_services
from outcomes.services import tagging as tag_services


def _int_param(request, name: str) -> int | None:
    value = request.query_params.get(name)
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except ValueError:
        raise ValidationError({name: [_("Give a whole number.")]}) from None
    if not 0 <= number < 2**31:  # beyond any key or year: a 400, never a database error
        raise ValidationError({name: [_("Give a whole number.")]})
    return number


class ObjectiveViewSet(viewsets.ReadOnlyModelViewSet):
    """The Global Compact's 23 objectives (public)."""

    queryset = Objective.objects.order_by("number")
    serializer_class = s.ObjectiveSerializer
    lookup_field = "number"


class SDGTargetViewSet(
    IdempotentCreateMixin, CreateMixin, viewsets.ReadOnlyModelViewSet, viewsets.GenericViewSet
):
    """Migration-related SDG targets (public); the Support Unit adds targets."""

    queryset = SDGTarget.objects.order_by("goal", "code")
    serializer_class = s.SDGTargetSerializer
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{1,2}\.[0-9a-z]{1,2}"

    def get_serializer_class(self):
        return s.SDGTargetWriteSerializer if self.action == "create" else s.SDGTargetSerializer

    def perform_create(self, serializer):
        from gfmd.platform.services.records import record_save

        code = serializer.validated_data["code"]
        target = SDGTarget(goal=int(code.split(".")[0]), **serializer.validated_data)
        serializer.instance = record_save(actor=self.request.user, instance=target)


class EditionTaggingViewSet(
    IdempotentCreateMixin,
    CreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Per-edition tagging policy: a row = that scheme is on. POST switches on, DELETE
    off (409 while tags of the scheme exist in the edition)."""

    queryset = EditionTagging.objects.order_by("edition_id", "scheme")
    serializer_class = s.EditionTaggingSerializer
    filterset_fields = ["edition", "scheme"]

    def perform_create(self, serializer):
        serializer.instance = tag_services.tagging_policy_switch(
            actor=self.request.user, on=True, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        tag_services.tagging_policy_switch(
            actor=self.request.user, edition=instance.edition, scheme=instance.scheme, on=False
        )


class OptOutViewSet(
    IdempotentCreateMixin,
    CreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Governments that asked not to be counted in GCM reports (Support Unit only)."""

    queryset = ReportingOptOut.objects.select_related("country").order_by("country__name", "id")
    serializer_class = s.OptOutSerializer
    filterset_fields = ["edition"]

    def perform_create(self, serializer):
        serializer.instance = tag_services.optout_record(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        tag_services.optout_remove(actor=self.request.user, optout=instance)


class TagsViewSet(viewsets.GenericViewSet):
    """GET / PUT /outcomes/tags/{subject}/{id}/: a subject's GCM objectives and SDG
    targets. PUT replaces the lists it names (400 `tagging_off` when the edition's policy
    is off). The subject must be visible to the caller (else 404)."""

    serializer_class = s.TagsSerializer
    permission_map = {"read": "outcomes.view_tags", "replace": "outcomes.tag_content"}

    def _subject(self, subject: str, pk: str):
        kind = subject_for(subject)
        if kind is None:
            raise Http404
        model = kind.subject_model()
        found = pk.isdigit() and len(pk) < 19
        obj = model._default_manager.filter(pk=int(pk)).first() if found else None
        view_perm = f"{model._meta.app_label}.view_{model._meta.model_name}"
        if obj is None or not self.request.user.has_perm(view_perm, obj):
            raise Http404
        return kind, obj

    @extend_schema(responses=s.TagsSerializer)
    def read(self, request, subject: str, pk: str):
        kind, obj = self._subject(subject, pk)
        return Response(tag_services.tags_of(kind, obj))

    @extend_schema(request=s.TagsSerializer, responses=s.TagsSerializer)
    def replace(self, request, subject: str, pk: str):
        kind, obj = self._subject(subject, pk)
        payload = s.TagsSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return Response(
            tag_services.tags_set(
                actor=request.user, subject=kind, obj=obj, **payload.validated_data
            )
        )


class RecommendationViewSet(RecordViewSet):
    """Recommendations of the government meeting with their follow-up and tags.
    Filters: since (year), edition, addressed_to, status (latest follow-up; "none"),
    objective (GCM number)."""

    queryset = Recommendation.objects.all()
    serializer_class = s.RecommendationSerializer

    def get_queryset(self):
        params = self.request.query_params
        addressed_to = params.get("addressed_to") or None
        if addressed_to and addressed_to not in Addressee.values:
            raise ValidationError({"addressed_to": [_("Unknown addressee.")]})
        status = params.get("status") or None
        if status and status not in [*FollowUpStatus.values, "none"]:
            raise ValidationError({"status": [_("Unknown follow-up status.")]})
        return rec_sel.recommendations_for_user(
            self.request.user,
            since=_int_param(self.request, "since") if self.action == "list" else None,
            edition_id=_int_param(self.request, "edition") if self.action == "list" else None,
            addressed_to=addressed_to if self.action == "list" else None,
            status=status if self.action == "list" else None,
            objective=_int_param(self.request, "objective") if self.action == "list" else None,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("since", int, description="Editions that began in or after"),
            OpenApiParameter("edition", int),
            OpenApiParameter("addressed_to", str, enum=Addressee.values),
            OpenApiParameter("status", str, enum=[*FollowUpStatus.values, "none"]),
            OpenApiParameter("objective", int),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = rec_services.recommendation_create(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        if "edition" in data and data["edition"] != serializer.instance.edition:
            raise ValidationError({"edition": [_("This field cannot be changed.")]})
        data.pop("edition", None)
        serializer.instance = rec_services.recommendation_update(
            actor=self.request.user, recommendation=serializer.instance, **data
        )


class FollowUpViewSet(
    IdempotentCreateMixin,
    CreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Follow-up entries: appended, never changed (a new status is a new entry)."""

    queryset = FollowUp.objects.all()
    serializer_class = s.FollowUpSerializer

    def get_queryset(self):
        return rec_sel.followups_for_user(
            self.request.user,
            recommendation_id=_int_param(self.request, "recommendation"),
            since=_int_param(self.request, "since"),
        )

    @extend_schema(
        parameters=[OpenApiParameter("recommendation", int), OpenApiParameter("since", int)]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer):
        serializer.instance = rec_services.followup_record(
            actor=self.request.user, **serializer.validated_data
        )


class IMRFReportViewSet(
    IdempotentCreateMixin,
    ActivityMixin,
    CreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """The GFMD contribution to the IMRF. Creating one queues its generation (Celery;
    `progress` moves to 100). Approved reports are public."""

    queryset = IMRFReport.objects.all()
    serializer_class = s.IMRFReportSerializer
    permission_map = {
        **REPORT_TRANSITIONS.permissions(),
        "generate": "outcomes.generate_imrfreport",
        "export": "outcomes.export_imrfreport",
    }

    def get_queryset(self):
        return report_sel.reports_for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = report_services.report_create(
            actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(request=None, responses=s.IMRFReportSerializer)
    @action(detail=True, methods=["post"])
    def generate(self, request, pk=None):
        """Regenerate: generated texts are rewritten, staff edits kept."""
        report = report_services.report_generation_request(
            actor=request.user, report=self.get_object()
        )
        return Response(s.IMRFReportSerializer(report).data, status=202)

    def _transition(self, request, name):
        payload = s.ReportReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = report_services.report_transition(
            actor=request.user,
            report=self.get_object(),
            name=name,
            reason=payload.validated_data["reason"],
        )
        return Response(s.IMRFReportSerializer(report).data)

    @extend_schema(request=s.ReportReasonSerializer, responses=s.IMRFReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._transition(request, "submit")

    @extend_schema(request=s.ReportReasonSerializer, responses=s.IMRFReportSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request, pk=None):
        return self._transition(request, "return")

    @extend_schema(request=s.ReportReasonSerializer, responses=s.IMRFReportSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        return self._transition(request, "approve")

    @extend_schema(
        parameters=[
            OpenApiParameter("file_format", str, enum=["docx", "html", "pdf"]),
            OpenApiParameter("lang", str, enum=["en", "fr", "es"]),
        ],
        responses={
            (200, "text/html"): OpenApiTypes.STR,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ): OpenApiTypes.BINARY,
        },
    )
    @action(detail=True, methods=["get"])
    def export(self, request, pk=None):
        report = self.get_object()
        fmt = request.query_params.get("file_format", "docx")
        language = request.query_params.get("lang", "en")
        if fmt not in ("docx", "html", "pdf"):
            raise ValidationError({"file_format": [_("Choose docx, html or pdf.")]})
        if language not in ("en", "fr", "es"):
            raise ValidationError({"lang": [_("Choose en, fr or es.")]})
        sections = list(report_sel.sections_for_user(request.user, report_id=report.pk))
        name = f"gfmd-imrf-{report.year_from}-{report.year_to}-{language}"
        if fmt == "pdf":
            return pdf_download(exports.report_pdf(report, sections, language), f"{name}.pdf")
        if fmt == "html":
            body = exports.report_html(report, sections, language)
            response = HttpResponse(body, content_type="text/html; charset=utf-8")
        else:
            response = HttpResponse(
                exports.report_docx(report, sections, language),
                content_type=(
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                ),
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
        return response


class ReportSectionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A report's sections (staff; those of approved reports are public). `edit` stores a
    staff text that regenerating never overwrites; `revert` drops it."""

    queryset = ReportSection.objects.all()
    serializer_class = s.ReportSectionSerializer
    permission_map = {
        "list": "outcomes.view_imrfreport",
        "retrieve": "outcomes.view_imrfreport",
        "edit": "outcomes.change_reportsection",
        "revert": "outcomes.change_reportsection",
    }

    def get_queryset(self):
        return report_sel.sections_for_user(
            self.request.user, report_id=_int_param(self.request, "report")
        )

    def check_object_permissions(self, request, obj):
        # A section is read as its report is (public once approved).
        return super().check_object_permissions(
            request, obj.report if self.action == "retrieve" else obj
        )

    @extend_schema(parameters=[OpenApiParameter("report", int)])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.SectionEditSerializer, responses=s.ReportSectionSerializer)
    @action(detail=True, methods=["post"])
    def edit(self, request, pk=None):
        payload = s.SectionEditSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        section = report_services.section_edit(
            actor=request.user, section=self.get_object(), **payload.validated_data
        )
        return Response(s.ReportSectionSerializer(section).data)

    @extend_schema(request=None, responses=s.ReportSectionSerializer)
    @action(detail=True, methods=["post"])
    def revert(self, request, pk=None):
        section = report_services.section_revert(actor=request.user, section=self.get_object())
        return Response(s.ReportSectionSerializer(section).data)
