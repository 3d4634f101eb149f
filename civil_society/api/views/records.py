"""CSD editions (with run-selection, report, delegation), committee, programme records."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from civil_society.api import serializers as s
from civil_society.models import (
    AdvisoryCommitteeMember,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    Recommendation,
    SelectionProposal,
)
from civil_society.selectors import records as sel
from civil_society.selectors.selection import delegation, selection_report
from civil_society.services.editions import csd_edition_save
from civil_society.services.programme import (
    friends_representative_register,
    friends_representative_remove,
)
from civil_society.services.selection import proposal_run
from gfmd.api.viewsets import ActivityMixin, RecordViewSet


class CSDEditionViewSet(RecordViewSet):
    """Civil Society Days editions. Anonymous callers get the public list."""

    queryset = CSDEdition.objects.all()
    serializer_class = s.CSDEditionSerializer
    filterset_fields = ["edition", "applications_open"]
    permission_map = {
        "list": "civil_society.list_csdedition",
        "run_selection": "civil_society.run_selection",
        "selection_report": "civil_society.view_selection_report",
        "delegation": "civil_society.view_delegation",
    }

    def get_queryset(self):
        return sel.csd_editions_for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = csd_edition_save(
            actor=self.request.user, csd_edition=CSDEdition(**serializer.validated_data)
        )

    def perform_update(self, serializer):
        for name, value in serializer.validated_data.items():
            setattr(serializer.instance, name, value)
        csd_edition_save(actor=self.request.user, csd_edition=serializer.instance)

    @extend_schema(request=None, responses={201: s.CSDSelectionProposalSerializer})
    @action(detail=True, methods=["post"], url_path="run-selection")
    def run_selection(self, request, pk=None):
        """Propose a selection and waitlist from the reviews and the selection policy."""
        proposal = proposal_run(actor=request.user, csd_edition=self.get_object())
        proposal = sel.proposals_for_user(request.user).get(pk=proposal.pk)
        return Response(
            s.CSDSelectionProposalSerializer(proposal).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "proposal", int, description="A proposal id; default: the confirmed delegation."
            )
        ],
        responses=s.CSDSelectionReportSerializer,
    )
    @action(detail=True, methods=["get"], url_path="selection-report")
    def selection_report(self, request, pk=None):
        """Balance by sector, region, migrant/diaspora-led and gender, against the policy."""
        csd_edition = self.get_object()
        proposal = None
        raw = request.query_params.get("proposal")
        if raw:
            if not raw.isdigit():
                raise ValidationError({"proposal": ["Give a proposal id."]})
            proposal = SelectionProposal.objects.filter(
                pk=int(raw), csd_edition=csd_edition
            ).first()
            if proposal is None:
                raise ValidationError({"proposal": ["No such proposal for this edition."]})
        report = selection_report(csd_edition, proposal)
        return Response(s.CSDSelectionReportSerializer(report).data)

    @extend_schema(responses=s.CSDDelegationMemberSerializer(many=True))
    @action(detail=True, methods=["get"])
    def delegation(self, request, pk=None):
        """The CSD delegation: the selected delegates (no contact details)."""
        page = self.paginate_queryset(delegation(self.get_object()))
        return self.get_paginated_response(s.CSDDelegationMemberSerializer(page, many=True).data)


class AdvisoryCommitteeMemberViewSet(RecordViewSet):
    queryset = AdvisoryCommitteeMember.objects.all()
    serializer_class = s.CSDAdvisoryCommitteeMemberSerializer
    filterset_fields = ["csd_edition", "role", "is_reviewer"]

    def get_queryset(self):
        return sel.committee_for_user(self.request.user)


class CSDSessionViewSet(RecordViewSet):
    """CSD sessions: mirrors of government sessions (named by label) or flagged topics."""

    queryset = CSDSession.objects.all()
    serializer_class = s.CSDSessionSerializer
    filterset_fields = ["csd_edition", "origin"]

    def get_queryset(self):
        return sel.sessions_for_user(self.request.user)


class RecommendationViewSet(RecordViewSet):
    queryset = Recommendation.objects.all()
    serializer_class = s.CSDRecommendationSerializer
    filterset_fields = ["csd_edition", "session", "is_published"]

    def get_queryset(self):
        return sel.recommendations_for_user(self.request.user)


class CommonSpaceSessionViewSet(RecordViewSet):
    queryset = CommonSpaceSession.objects.all()
    serializer_class = s.CSDCommonSpaceSessionSerializer
    filterset_fields = ["csd_edition"]

    def get_queryset(self):
        return sel.common_space_for_user(self.request.user)


class CommonSpaceParticipantViewSet(RecordViewSet):
    queryset = CommonSpaceParticipant.objects.all()
    serializer_class = s.CSDCommonSpaceParticipantSerializer
    filterset_fields = ["session", "side"]

    def get_queryset(self):
        return sel.common_space_participants_for_user(self.request.user)


class PeoplesGlobalActionDocumentViewSet(RecordViewSet):
    queryset = PeoplesGlobalActionDocument.objects.all()
    serializer_class = s.CSDPeoplesGlobalActionDocumentSerializer
    filterset_fields = ["csd_edition"]

    def get_queryset(self):
        return sel.pga_documents_for_user(self.request.user)


class FriendsRepresentativeViewSet(
    ActivityMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Selected delegates registered as CSD representatives (observers) at Friends of the
    Forum meetings."""

    queryset = FriendsRepresentative.objects.all()
    serializer_class = s.CSDFriendsRepresentativeSerializer
    filterset_fields = ["meeting", "delegate"]

    def get_queryset(self):
        return sel.friends_representatives_for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = friends_representative_register(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        friends_representative_remove(actor=self.request.user, representative=instance)
