"""API views of the platform's own records: the activity log and outgoing notifications."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gfmd.platform import selectors as sel
from gfmd.platform.api import serializers as s
from gfmd.platform.api.pagination import NewestFirst
from gfmd.platform.models import ActivityLog, Notification
from gfmd.platform.services.notifications import notifications_retry


class ActivityLogViewSet(viewsets.ReadOnlyModelViewSet):
    """The whole activity log, newest first (staff)."""

    queryset = ActivityLog.objects.all()
    serializer_class = s.ActivityLogSerializer
    pagination_class = NewestFirst
    filterset_fields = {
        "action": ["exact", "startswith"],
        "actor_label": ["exact"],
        "object_id": ["exact"],
        "created_at": ["gte", "lte"],
    }

    def get_queryset(self):
        return sel.activity_for_user(self.request.user)


class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Outgoing emails and their delivery state (staff), with retry."""

    queryset = Notification.objects.all()
    serializer_class = s.NotificationSerializer
    filterset_fields = ["status"]
    permission_map = {"retry": "gfmd.retry_notification"}

    def get_queryset(self):
        return sel.notifications_for_user(self.request.user)

    @extend_schema(request=None, responses=s.NotificationSerializer)
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        notification = self.get_object()
        notifications_retry(notifications=[notification])
        notification.refresh_from_db()
        return Response(s.NotificationSerializer(notification).data)
