"""Serializers of the platform's own records, and the read-payload mixin write views share."""

from rest_framework import serializers

from gfmd.platform.models import ActivityLog, Notification


class AnswersWithReadPayload:
    # For a write serializer whose input differs from the resource's read shape: a write
    # through DRF's create/update mixins (and so through the safe-write mixins around them)
    # answers with `read_serializer`'s payload, the one a GET gives. (A comment, not a
    # docstring: the schema would show a docstring on every serializer using it.)

    read_serializer: type[serializers.BaseSerializer]

    def to_representation(self, instance):
        return self.read_serializer(instance, context=self.context).data


_REPORT_SERIALIZERS: dict = {}


def represent(serializer_class, data, *, many: bool = False):
    """The payload of a report (values a selector computed: a balance, a troika), written
    by one serializer instance per class and process. Building a serializer's fields (deep
    copies of the declared ones, a nested ModelSerializer's model introspection) cost
    more than writing a 30-seat report; writing reads no state but the fields. Only for
    serializers that read no context (no request, no URLs)."""
    key = (serializer_class, many)
    serializer = _REPORT_SERIALIZERS.get(key)
    if serializer is None:
        serializer = _REPORT_SERIALIZERS[key] = serializer_class(many=many)
    return serializer.to_representation(data)


class ActivityLogSerializer(serializers.ModelSerializer):
    object_type = serializers.SerializerMethodField()

    class Meta:
        model = ActivityLog
        fields = [
            "id",
            "created_at",
            "actor_kind",
            "actor_label",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "data",
            "prev_hash",
            "hash",
        ]

    def get_object_type(self, obj) -> str:
        # content types are cached by Django: no query per row
        from django.contrib.contenttypes.models import ContentType

        ct = ContentType.objects.get_for_id(obj.content_type_id)
        return f"{ct.app_label}.{ct.model}"


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notification
        fields = [
            "id",
            "key",
            "recipient_email",
            "subject",
            "status",
            "attempts",
            "last_error",
            "created_at",
            "sent_at",
        ]
