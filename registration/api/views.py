"""Registration API: registrations open for nomination, their categories and quotas, the
participants (nominate, change, submit, cancel, substitute; staff approve, waitlist,
reject, bulk approve; export) and credentials (upload, staff check)."""

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from gfmd.platform.api.pagination import NewestFirst
from gfmd.platform.api.safe_writes import with_idempotency
from gfmd.platform.api.viewsets import ActivityMixin, RecordViewSet
from gfmd.platform.exports import FORMATS, export_response
from gfmd.platform.roles import is_support_staff
from registration.api import serializers as s
from registration.api.scopes import RegistrationScopesMixin
from registration.enums import PARTICIPANT_TRANSITIONS
from registration.exports import participant_columns
from registration.models import Credential, Participant, ParticipantCategory, Quota, Registration
from registration.selectors import participants as sel
from registration.services.credentials import (
    credential_accept,
    credential_refuse,
    credential_upload,
)
from registration.services.csd import csd_delegates_feed
from registration.services.decisions import (
    participant_approve,
    participant_reject,
    participant_waitlist,
    participants_bulk_approve,
)
from registration.services.participants import (
    Passport,
    participant_cancel,
    participant_nominate,
    participant_submit,
    participant_substitute,
    participant_update,
)


class RegistrationViewSet(RegistrationScopesMixin, RecordViewSet):
    """Meetings' registrations (staff write); anyone may see which are open."""

    queryset = Registration.objects.all()
    serializer_class = s.RegistrationSerializer
    filterset_fields = ["meeting"]
    ordering_fields = ["opens_at", "id"]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    permission_map = {
        "participant_list": "registration.view_participant_list",
        "feed_csd_delegates": "registration.feed_csd_delegates",
    }

    def get_queryset(self):
        return sel.registrations_for_user(self.request.user)

    @extend_schema(responses=s.ParticipantListEntrySerializer(many=True))
    @action(detail=True, methods=["get"], url_path="participant-list")
    def participant_list(self, request, pk=None):
        """Approved participants, as each category's visibility allows; a Chatham House
        meeting's list names delegations and categories only."""
        registration = self.get_object()
        rows = sel.participant_list(request.user, registration)
        page = self.paginate_queryset(rows)
        anonymous = registration.chatham_house and not is_support_staff(request.user)
        spec = s.PARTICIPANT_LIST_ENTRY_ANONYMOUS if anonymous else s.PARTICIPANT_LIST_ENTRY
        return self.get_paginated_response(spec.render_instances(page))

    @extend_schema(request=None, responses=s.CSDFeedResultSerializer)
    @action(detail=True, methods=["post"], url_path="feed-csd-delegates")
    def feed_csd_delegates(self, request, pk=None):
        """Register the edition's selected CSD delegates (idempotent)."""
        added = csd_delegates_feed(actor=request.user, registration=self.get_object())
        return Response({"added": len(added)})


class ParticipantCategoryViewSet(RegistrationScopesMixin, RecordViewSet):
    queryset = ParticipantCategory.objects.all()
    serializer_class = s.ParticipantCategorySerializer
    filterset_fields = ["registration", "kind"]
    ordering_fields = ["position", "id"]

    def get_queryset(self):
        return sel.categories_for_user(self.request.user)


class QuotaViewSet(RegistrationScopesMixin, RecordViewSet):
    queryset = Quota.objects.all()
    serializer_class = s.QuotaSerializer
    filterset_fields = ["category", "category__registration", "scope"]
    ordering_fields = ["id"]

    def get_queryset(self):
        return sel.quotas_for_user(self.request.user)


INCLUDE = OpenApiParameter(
    "include", str, description="`passport`: staff also get each participant's passport data"
)


def _passport(data) -> Passport | None:
    return Passport(**data) if data else None


def _include_passport(request) -> bool:
    return "passport" in request.query_params.get("include", "").split(",") and (
        is_support_staff(request.user)
    )


@extend_schema_view(
    create=extend_schema(
        request=s.ParticipantNominateSerializer, responses={201: s.ParticipantSerializer}
    ),
    update=extend_schema(request=s.ParticipantUpdateSerializer, responses=s.ParticipantSerializer),
    partial_update=extend_schema(
        request=s.ParticipantUpdateSerializer, responses=s.ParticipantSerializer
    ),
    list=extend_schema(parameters=[INCLUDE]),
    retrieve=extend_schema(parameters=[INCLUDE]),
)
class ParticipantViewSet(RegistrationScopesMixin, RecordViewSet):
    """Participants of the caller's delegations (staff: all). Writes honour If-Match
    (updates) and Idempotency-Key (nominations and every state change)."""

    queryset = Participant.objects.all()
    serializer_class = s.ParticipantSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    pagination_class = NewestFirst
    ordering_fields = ["id"]
    filterset_fields = [
        "registration",
        "category",
        "state",
        "country",
        "organisation",
        "visa_letter_needed",
        "is_head_of_delegation",
    ]
    search_fields = ["full_name", "email"]
    permission_map = {
        **PARTICIPANT_TRANSITIONS.permissions(),
        "bulk_approve": "registration.decide_participant",
        "export": "registration.export_participants",
    }
    idempotent_actions = ("submit", "cancel", "substitute", "approve", "waitlist", "reject")

    def get_queryset(self):
        return sel.participants_for_user(
            self.request.user, with_passport=_include_passport(self.request)
        )

    def get_serializer_class(self):
        if self.action == "create":
            return s.ParticipantNominateSerializer
        if self.action in ("update", "partial_update"):
            return s.ParticipantUpdateSerializer
        if _include_passport(self.request):
            return s.ParticipantStaffSerializer
        return s.ParticipantSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "update":
            kwargs["partial"] = True  # every field optional: PUT as PATCH
        return super().get_serializer(*args, **kwargs)

    def _reloaded(self, pk):
        return s.ParticipantSerializer(self.get_queryset().get(pk=pk)).data

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        participant = participant_nominate(
            actor=self.request.user, passport=_passport(data.pop("passport", None)), **data
        )
        serializer.instance = self.get_queryset().get(pk=participant.pk)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        extra = {"passport": _passport(data.pop("passport"))} if "passport" in data else {}
        participant_update(
            actor=self.request.user, participant=serializer.instance, **data, **extra
        )
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def _step(self, request, run, payload_class=None):
        def handler():
            participant = self.get_object()
            data = {}
            if payload_class is not None:
                payload = payload_class(data=request.data)
                payload.is_valid(raise_exception=True)
                data = payload.validated_data
            run(participant, data)
            return Response(self._reloaded(participant.pk))

        return with_idempotency(request, handler)

    @extend_schema(request=None, responses=s.ParticipantSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._step(
            request, lambda p, d: participant_submit(actor=request.user, participant=p)
        )

    @extend_schema(request=s.ParticipantReasonSerializer, responses=s.ParticipantSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Cancel; an approved participant's seat goes to the waitlist."""
        return self._step(
            request,
            lambda p, d: participant_cancel(actor=request.user, participant=p, **d),
            s.ParticipantReasonSerializer,
        )

    @extend_schema(request=s.ParticipantSubstituteSerializer, responses=s.ParticipantSerializer)
    @action(detail=True, methods=["post"])
    def substitute(self, request, pk=None):
        """Name another person in this participant's place (same seat); returns the new one."""

        def handler():
            participant = self.get_object()
            payload = s.ParticipantSubstituteSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
            passport = _passport(data.pop("passport", None))
            substitute = participant_substitute(
                actor=request.user, participant=participant, passport=passport, **data
            )
            return Response(self._reloaded(substitute.pk))

        return with_idempotency(request, handler)

    @extend_schema(request=None, responses=s.DecisionSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        """Approve against the quotas; when one is full the participant is waitlisted and
        the answer says which quota and its counts."""

        def handler():
            decision = participant_approve(actor=request.user, participant=self.get_object())
            return Response(self._decision(decision))

        return with_idempotency(request, handler)

    def _decision(self, decision) -> dict:
        return {
            "participant": self._reloaded(decision.participant.pk),
            "outcome": decision.outcome,
            "explanation": decision.explanation,
            "quotas": decision.quotas,
            "changed": decision.changed,
        }

    @extend_schema(request=s.ParticipantReasonSerializer, responses=s.ParticipantSerializer)
    @action(detail=True, methods=["post"])
    def waitlist(self, request, pk=None):
        return self._step(
            request,
            lambda p, d: participant_waitlist(actor=request.user, participant=p, **d),
            s.ParticipantReasonSerializer,
        )

    @extend_schema(
        request=s.RegistrationRequiredReasonSerializer, responses=s.ParticipantSerializer
    )
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        return self._step(
            request,
            lambda p, d: participant_reject(actor=request.user, participant=p, **d),
            s.RegistrationRequiredReasonSerializer,
        )

    @extend_schema(request=s.BulkApproveSerializer, responses=s.DecisionSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="bulk-approve")
    def bulk_approve(self, request):
        payload = s.BulkApproveSerializer(data=request.data, participants=self.get_queryset())
        payload.is_valid(raise_exception=True)
        decisions = participants_bulk_approve(
            actor=request.user, participants=payload.validated_data["participants"]
        )
        return Response([self._decision(d) for d in decisions])

    @extend_schema(
        parameters=[
            OpenApiParameter("file_format", str, enum=["csv", "xlsx"]),
            INCLUDE,
        ],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (
                200,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ): OpenApiTypes.BINARY,
        },
    )
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The filtered participant list as CSV or XLSX; passport data only for staff who
        ask `?include=passport`."""
        fmt = request.query_params.get("file_format", "csv")
        if fmt not in FORMATS:
            raise ValidationError({"file_format": [_("Choose csv or xlsx.")]})
        rows = self.filter_queryset(self.get_queryset())
        columns = participant_columns(with_passport=_include_passport(request))
        return export_response("participants", columns, rows.iterator(2000), fmt)


class CredentialViewSet(
    RegistrationScopesMixin,
    ActivityMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Credentials of the caller's delegations (staff: all): upload, staff accept/refuse."""

    queryset = Credential.objects.all()
    serializer_class = s.CredentialSerializer
    http_method_names = ["get", "post", "head", "options"]
    filterset_fields = ["registration", "state", "country", "organisation"]
    ordering_fields = ["id"]
    pagination_class = NewestFirst
    permission_map = {
        "accept": "registration.check_credential",
        "refuse": "registration.check_credential",
        "download": "registration.view_credential",
    }

    def get_queryset(self):
        return sel.credentials_for_user(self.request.user)

    def get_serializer_class(self):
        return s.CredentialUploadSerializer if self.action == "create" else s.CredentialSerializer

    @extend_schema(request=s.CredentialUploadSerializer, responses={201: s.CredentialSerializer})
    def create(self, request, *args, **kwargs):
        def handler():
            payload = s.CredentialUploadSerializer(data=request.data)
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
            credential = credential_upload(actor=request.user, upload=data.pop("file"), **data)
            return Response(s.CredentialSerializer(credential).data, status=201)

        return with_idempotency(request, handler)

    @extend_schema(request=None, responses=s.CredentialSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        credential = credential_accept(actor=request.user, credential=self.get_object())
        return Response(s.CredentialSerializer(credential).data)

    @extend_schema(request=s.RegistrationRequiredReasonSerializer, responses=s.CredentialSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        payload = s.RegistrationRequiredReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        credential = credential_refuse(
            actor=request.user, credential=self.get_object(), **payload.validated_data
        )
        return Response(s.CredentialSerializer(credential).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        credential = self.get_object()
        return FileResponse(
            credential.file.open("rb"),
            as_attachment=True,
            filename=credential.original_filename or "credential",
            content_type=credential.content_type,
        )
