"""Base viewsets every app's API builds on: audited writes and per-object activity."""

from django.contrib.contenttypes.models import ContentType
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action

from gfmd.api.serializers import ActivityLogSerializer
from gfmd.models import ActivityLog
from gfmd.services.records import record_delete, record_save


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

    def get_permission_map(self):
        return {"activity": "gfmd.view_activitylog"}


class RecordViewSet(ActivityMixin, viewsets.ModelViewSet):
    """CRUD where every write goes through record_save / record_delete (validate + audit)."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    @property
    def permission_map(self):
        return {**self.get_permission_map(), **getattr(self, "extra_permissions", {})}

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
