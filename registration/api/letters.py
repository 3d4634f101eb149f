"""API: visa invitation letters (Support Unit only: they carry passport data)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from gfmd.platform.api.safe_writes import with_idempotency
from registration.api.common import DocumentsPagination, pdf_response
from registration.models import Participant, VisaLetter
from registration.selectors.documents import visa_letters_for_user
from registration.services.letters import visa_letter_issue


class VisaLetterSerializer(serializers.ModelSerializer):
    participant_name = serializers.CharField(source="participant.full_name", read_only=True)
    issued_by = serializers.CharField(source="issued_by.get_username", read_only=True, default="")
    is_current = serializers.SerializerMethodField()

    class Meta:
        model = VisaLetter
        fields = [
            "id",
            "registration",
            "participant",
            "participant_name",
            "number",
            "language",
            "template_version",
            "reissue_of",
            "reason",
            "issued_by",
            "issued_at",
            "superseded_at",
            "is_current",
        ]
        read_only_fields = fields

    def get_is_current(self, letter) -> bool:
        return letter.superseded_at is None


class VisaLetterIssueSerializer(serializers.Serializer):
    participant = serializers.IntegerField(min_value=1)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class VisaLetterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Letters per participant (`?participant=`) or registration (`?registration=`);
    `POST issue/` issues one, or re-issues it with a reason (a new number)."""

    queryset = VisaLetter.objects.none()
    serializer_class = VisaLetterSerializer
    pagination_class = DocumentsPagination
    filterset_fields = ["participant", "registration"]
    permission_map = {
        "issue": "registration.issue_visaletter",
        "download": "registration.download_visaletter",
    }

    def get_queryset(self):
        return visa_letters_for_user(self.request.user)

    @extend_schema(request=VisaLetterIssueSerializer, responses={201: VisaLetterSerializer})
    @action(detail=False, methods=["post"])
    def issue(self, request):
        def handler():
            data = VisaLetterIssueSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            participant = get_object_or_404(Participant, pk=data.validated_data["participant"])
            letter = visa_letter_issue(
                actor=request.user, participant=participant, reason=data.validated_data["reason"]
            )
            return Response(VisaLetterSerializer(letter).data, status=status.HTTP_201_CREATED)

        return with_idempotency(request, handler)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        letter = self.get_object()
        return pdf_response(letter.file, f"{letter.number}.pdf")
