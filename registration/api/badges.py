"""API: badges (single PDFs, revocation) and badge sheet batches (Support Unit only)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from gfmd.platform.api.safe_writes import with_idempotency
from registration.api.common import DocumentsPagination, pdf_response
from registration.models import Badge, BadgeBatch, BatchState, Participant, Registration
from registration.selectors.documents import badge_batches_for_user, badges_for_user
from registration.services.badges import (
    badge_batch_start,
    badge_for,
    badge_pdf,
    badge_reissue,
    badge_revoke,
)


class BadgeSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.full_name", read_only=True)
    category = serializers.CharField(source="participant.category.name", read_only=True)
    is_revoked = serializers.SerializerMethodField()

    class Meta:
        model = Badge
        fields = [
            "id",
            "participant",
            "participant_name",
            "category",
            "version",
            "is_revoked",
            "revoked_at",
            "revoked_reason",
            "created_at",
        ]
        read_only_fields = fields

    def get_is_revoked(self, badge) -> bool:
        return badge.revoked_at is not None


class ParticipantRefSerializer(serializers.Serializer):
    participant = serializers.IntegerField(min_value=1)


class RevokeSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class BadgeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """`POST issue/` makes (or returns) an approved participant's badge; `pdf/` prints it;
    `revoke/` and `reissue/` bump its version so earlier printouts stop verifying."""

    queryset = Badge.objects.none()
    serializer_class = BadgeSerializer
    pagination_class = DocumentsPagination
    filterset_fields = ["participant", "participant__registration"]
    permission_map = {
        "issue": "registration.add_badge",
        "pdf": "registration.download_badge",
        "revoke": "registration.revoke_badge",
        "reissue": "registration.revoke_badge",
    }

    def get_queryset(self):
        return badges_for_user(self.request.user)

    @extend_schema(request=ParticipantRefSerializer, responses={201: BadgeSerializer})
    @action(detail=False, methods=["post"])
    def issue(self, request):
        data = ParticipantRefSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = get_object_or_404(Participant, pk=data.validated_data["participant"])
        badge = badge_for(participant)
        return Response(BadgeSerializer(badge).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def pdf(self, request, pk=None):
        badge = self.get_object()
        content = badge_pdf(participant=badge.participant)
        return pdf_response(content, f"badge-{badge.participant_id}.pdf")

    @extend_schema(request=RevokeSerializer, responses={200: BadgeSerializer})
    @action(detail=True, methods=["post"])
    def revoke(self, request, pk=None):
        badge = self.get_object()
        data = RevokeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        badge = badge_revoke(
            actor=request.user, participant=badge.participant, reason=data.validated_data["reason"]
        )
        return Response(BadgeSerializer(badge).data)

    @extend_schema(request=None, responses={200: BadgeSerializer})
    @action(detail=True, methods=["post"])
    def reissue(self, request, pk=None):
        badge = self.get_object()
        badge = badge_reissue(actor=request.user, participant=badge.participant)
        return Response(BadgeSerializer(badge).data)


class BadgeBatchSerializer(serializers.ModelSerializer):
    progress = serializers.SerializerMethodField()

    class Meta:
        model = BadgeBatch
        fields = ["id", "registration", "state", "total", "done", "progress", "error"]
        fields += ["created_at", "finished_at"]
        read_only_fields = [f for f in fields if f != "registration"]

    def get_progress(self, batch) -> float:
        return round(batch.done / batch.total, 3) if batch.total else 0.0


class BadgeBatchViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """`POST` starts sheets for a registration's approved in-person participants (a Celery
    task); poll the batch for `done`/`total`; `download/` once its state is `done`."""

    queryset = BadgeBatch.objects.none()
    serializer_class = BadgeBatchSerializer
    pagination_class = DocumentsPagination
    filterset_fields = ["registration", "state"]
    permission_map = {"download": "registration.download_badgebatch"}

    def get_queryset(self):
        return badge_batches_for_user(self.request.user)

    def create(self, request, *args, **kwargs):
        def handler():
            data = BadgeBatchSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            registration: Registration = data.validated_data["registration"]
            batch = badge_batch_start(actor=request.user, registration=registration)
            return Response(BadgeBatchSerializer(batch).data, status=status.HTTP_201_CREATED)

        return with_idempotency(request, handler)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        batch = self.get_object()
        if batch.state != BatchState.DONE:
            raise NotFound(_("The sheets are not ready yet."))
        return pdf_response(batch.file, f"badges-{batch.registration_id}-{batch.pk}.pdf")
