"""API: check-in desks and devices (Support Unit accounts).

`POST scan/` with a badge's code, or `POST participant/` with a participant found by name
(`GET candidates/?registration=&q=`): 201 when checked in now, 200 with "already checked
in at 09:12" when earlier that day, 409 with the reason for a revoked, cancelled or
substituted badge, 400 for a code that is not genuine. `POST offline-batch/`: a device's
scans made offline, applied once each (by device and scan id), in the order made."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from registration.api.common import DocumentsPagination
from registration.models import CheckIn, Participant, ScanOutcome
from registration.selectors.documents import check_in_candidates, check_ins_for_user
from registration.services.checkin import (
    MAX_BATCH,
    CheckInResult,
    badge_check_in,
    offline_batch_apply,
    participant_check_in,
)


class CheckInSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.full_name", read_only=True)
    category = serializers.CharField(source="participant.category.name", read_only=True)

    class Meta:
        model = CheckIn
        fields = [
            "id",
            "registration",
            "participant",
            "participant_name",
            "category",
            "day",
            "checked_in_at",
            "method",
        ]
        read_only_fields = fields


class CheckInResultSerializer(serializers.Serializer):
    created = serializers.BooleanField()
    message = serializers.CharField()
    check_in = CheckInSerializer()


class ScanSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=200)


class ParticipantCheckInSerializer(serializers.Serializer):
    participant = serializers.IntegerField(min_value=1)


class OfflineScanInSerializer(serializers.Serializer):
    scan_id = serializers.CharField(max_length=64)
    code = serializers.CharField(max_length=200)
    scanned_at = serializers.DateTimeField()


class OfflineBatchSerializer(serializers.Serializer):
    device = serializers.CharField(max_length=64)
    scans = OfflineScanInSerializer(many=True, max_length=MAX_BATCH, allow_empty=False)


class ScanReportSerializer(serializers.Serializer):
    scan_id = serializers.CharField()
    outcome = serializers.ChoiceField(choices=ScanOutcome.choices)
    message = serializers.CharField()
    error_code = serializers.CharField(allow_blank=True)
    participant = serializers.IntegerField(source="participant_id", allow_null=True)
    replayed = serializers.BooleanField()


class OfflineBatchResultSerializer(serializers.Serializer):
    results = ScanReportSerializer(many=True)


class CandidateSerializer(serializers.ModelSerializer):
    category = serializers.CharField(source="category.name")
    delegation = serializers.SerializerMethodField()

    class Meta:
        model = Participant
        fields = ["id", "full_name", "category", "delegation"]

    def get_delegation(self, participant) -> str:
        delegation = participant.delegation
        return str(delegation) if delegation else ""


def _result(result: CheckInResult) -> Response:
    body = CheckInResultSerializer(
        {"created": result.created, "message": result.message, "check_in": result.check_in}
    ).data
    return Response(body, status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK)


class CheckInViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    queryset = CheckIn.objects.none()
    serializer_class = CheckInSerializer
    pagination_class = DocumentsPagination
    filterset_fields = ["registration", "participant", "day"]
    permission_map = {
        "scan": "registration.check_in_participant",
        "participant": "registration.check_in_participant",
        "offline_batch": "registration.check_in_participant",
        "candidates": "registration.check_in_participant",
    }

    def get_queryset(self):
        return check_ins_for_user(self.request.user)

    @extend_schema(
        request=ScanSerializer,
        responses={200: CheckInResultSerializer, 201: CheckInResultSerializer},
    )
    @action(detail=False, methods=["post"])
    def scan(self, request):
        data = ScanSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _result(badge_check_in(actor=request.user, code=data.validated_data["code"]))

    @extend_schema(
        request=ParticipantCheckInSerializer,
        responses={200: CheckInResultSerializer, 201: CheckInResultSerializer},
    )
    @action(detail=False, methods=["post"])
    def participant(self, request):
        data = ParticipantCheckInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        participant = get_object_or_404(Participant, pk=data.validated_data["participant"])
        return _result(
            participant_check_in(actor=request.user, participant=participant, method="search")
        )

    @extend_schema(request=OfflineBatchSerializer, responses={200: OfflineBatchResultSerializer})
    @action(detail=False, methods=["post"], url_path="offline-batch")
    def offline_batch(self, request):
        data = OfflineBatchSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reports = offline_batch_apply(
            actor=request.user,
            device=data.validated_data["device"],
            scans=data.validated_data["scans"],
        )
        return Response(OfflineBatchResultSerializer({"results": reports}).data)

    @extend_schema(responses={200: CandidateSerializer(many=True)})
    @action(detail=False, methods=["get"], pagination_class=None)
    def candidates(self, request):
        try:
            registration = int(request.query_params.get("registration", ""))
        except ValueError:
            raise ValidationError({"registration": [_("Give the registration's id.")]}) from None
        found = check_in_candidates(
            registration_id=registration, query=request.query_params.get("q", "")
        )
        return Response(CandidateSerializer(found, many=True).data)
