"""Base viewsets every app's API builds on: audited writes and per-object activity."""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connections
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from gfmd.platform.api.filters import check_pending_keys
from gfmd.platform.api.output_sql import JSON_COLUMN
from gfmd.platform.api.outputs import RawJSON, SpecJSONRenderer
from gfmd.platform.api.safe_writes import (
    ConditionalUpdateMixin,
    IdempotentCreateMixin,
    detail_response,
)
from gfmd.platform.api.serializers import ActivityLogSerializer
from gfmd.platform.exports import FORMATS, export_response
from gfmd.platform.models import ActivityLog
from gfmd.platform.services.records import record_delete, record_save


class ActivityMixin:
    """Adds GET {detail}/activity/: the object's audit entries (staff only)."""

    @extend_schema(responses=ActivityLogSerializer(many=True))
    @action(detail=True, methods=["get"], url_path="activity")
    def activity(self, request, *args, **kwargs):
        obj = self.get_object()
        ct = ContentType.objects.get_for_model(obj, for_concrete_model=False)
        entries = ActivityLog.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("-id")
        page = self.paginate_queryset(entries)
        return self.get_paginated_response(ActivityLogSerializer(page, many=True).data)

    permission_map = {"activity": "gfmd.view_activitylog"}


class SpecListMixin:
    """List through the serializer's output spec (gfmd/platform/api/outputs.py): the scoped,
    filtered, ordered queryset gets one more column, each row's JSON built by the
    database, and the page's texts go into the envelope unread (SpecJSONRenderer).
    Filters, ordering, pagination and permissions are the viewset's own."""

    renderer_classes = [
        SpecJSONRenderer if renderer is JSONRenderer else renderer
        for renderer in api_settings.DEFAULT_RENDERER_CLASSES
    ]

    def list(self, request, *args, **kwargs):
        # foreign-key filters' keys are checked only if the page is empty (filters.py)
        self.pending_keys = []
        queryset = self.filter_queryset(self.get_queryset())
        spec = self.get_serializer_class().spec
        pk = queryset.model._meta.pk.attname
        if connections[queryset.db].vendor != "postgresql":  # SQLite: the page with its JSON
            rows = spec.json_rows(queryset, pk)
        else:
            # The page's keys (and the cursor's ordering fields) by the view's own query,
            # each with its JSON text by the spec's statement (compiled once), together.
            rows = spec.with_texts(queryset.values(pk, *self._cursor_fields(queryset)))
        try:
            page = self.paginate_queryset(rows)
        except NotFound:  # past the end: an unknown key is the 400 it was before
            check_pending_keys(self.pending_keys)
            raise
        texts = [row[JSON_COLUMN] for row in (rows if page is None else page)]
        if not texts:
            check_pending_keys(self.pending_keys)
        results = RawJSON.join(texts)
        if not isinstance(request.accepted_renderer, SpecJSONRenderer):
            results = json.loads(results)  # the browsable API
        if page is None:
            return Response(results)
        return self.get_paginated_response(results)

    def retrieve(self, request, *args, **kwargs):
        # The record as get_object finds it (the scoped, filtered queryset, the lookup,
        # the object permission), its payload read in the same statement, when the object
        # permission's rule does not read the object (the check gets a bare record).
        # Otherwise, and on SQLite, DRF's get_object and the serializer's own statement.
        # (Comments, not a docstring: the schema would show it on every detail.)
        model = self.queryset.model
        if connections[self.queryset.db].vendor != "postgresql" or any(
            getattr(permission, "reads_object", lambda view: True)(self)
            for permission in self.get_permissions()
        ):
            return super().retrieve(request, *args, **kwargs)
        pk = model._meta.pk.attname
        queryset = self.filter_queryset(self.get_queryset())
        lookup = {self.lookup_field: self.kwargs[self.lookup_url_kwarg or self.lookup_field]}
        spec = self.get_serializer_class().spec
        row = get_object_or_404(spec.with_texts(queryset.values(pk)), **lookup)
        self.check_object_permissions(request, model(pk=row[pk]))
        text = row[JSON_COLUMN]
        body = RawJSON.of(text)
        data = json.loads(text)
        if not isinstance(request.accepted_renderer, SpecJSONRenderer):
            body = data  # the browsable API
        return detail_response(request, data, body)

    def _cursor_fields(self, queryset) -> tuple:
        """Fields a cursor paginator reads from each row to write the next position."""
        paginator = self.paginator
        if paginator is None or not hasattr(paginator, "get_ordering"):
            return ()
        ordering = paginator.get_ordering(self.request, queryset, self)
        return tuple(name.lstrip("-") for name in ordering if name.lstrip("-") != "pk")


class CreateMixin(mixins.CreateModelMixin):
    # DRF's create, whose write is `perform_create` (views never override create/update:
    # the safe-write mixins wrap them). A hook that found the record already there (a
    # partner resubmitting its external_ref) sets `self.created = False`: the answer is 200,
    # and that is what Idempotency-Key stores. (Comments, not a docstring: the schema would
    # show one on every create.)

    created = True

    def create(self, request, *args, **kwargs):
        response = super().create(request, *args, **kwargs)
        if not self.created:
            response.status_code = status.HTTP_200_OK
        return response


class RecordViewSet(
    ConditionalUpdateMixin,
    IdempotentCreateMixin,
    ActivityMixin,
    CreateMixin,
    viewsets.ModelViewSet,
):
    """List, read, create, update and delete. Detail responses carry an ETag; updates
    honour If-Match (412 when the record changed); creates honour Idempotency-Key."""

    # Every write goes through record_save / record_delete: validation and audit.

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def perform_create(self, serializer):
        model = serializer.Meta.model
        instance = model(**serializer.validated_data)
        serializer.instance = record_save(actor=self.request.user, instance=instance)

    def perform_update(self, serializer):
        instance = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(instance, name, value)
        serializer.instance = record_save(actor=self.request.user, instance=instance)

    def perform_destroy(self, instance):
        record_delete(actor=self.request.user, instance=instance)


class ExportMixin:
    """GET {list}/export/?file_format=csv|xlsx: the filtered list as a spreadsheet.
    The view names `export_name` and `export_columns` (see gfmd/platform/exports.py)."""

    export_name = "export"
    export_columns: list = []

    @extend_schema(
        parameters=[OpenApiParameter("file_format", str, enum=["csv", "xlsx"])],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY,
        },
    )
    @action(detail=False, methods=["get"])
    def export(self, request, *args, **kwargs):
        fmt = request.query_params.get("file_format", "csv")
        if fmt not in FORMATS:
            raise ValidationError({"file_format": [_("Choose csv or xlsx.")]})
        rows = self.filter_queryset(self.get_queryset())
        return export_response(self.export_name, self.export_columns, rows.iterator(2000), fmt)
