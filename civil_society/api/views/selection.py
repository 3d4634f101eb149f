"""Selection policies, proposals (confirm) and proposal entries (adjust)."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from civil_society.api import serializers as s
from civil_society.models import (
    ProposalEntry,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.selectors import records as sel
from civil_society.services.selection import proposal_adjust, proposal_confirm
from gfmd.api.viewsets import ActivityMixin, RecordViewSet


class SelectionPolicyViewSet(RecordViewSet):
    queryset = SelectionPolicy.objects.all()
    serializer_class = s.CSDSelectionPolicySerializer
    filterset_fields = ["csd_edition"]

    def get_queryset(self):
        return sel.policies_for_user(self.request.user)


class SelectionProposalViewSet(ActivityMixin, viewsets.ReadOnlyModelViewSet):
    """Runs of the selection; staff confirm one (`POST csd/editions/{id}/run-selection/`
    makes a new one)."""

    queryset = SelectionProposal.objects.all()
    serializer_class = s.CSDSelectionProposalSerializer
    filterset_fields = ["csd_edition", "status"]

    permission_map = {"confirm": "civil_society.confirm_selection"}

    def get_queryset(self):
        return sel.proposals_for_user(self.request.user)

    @extend_schema(request=None, responses=s.CSDSelectionProposalSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm: delegates become selected / waitlisted / declined and are notified."""
        proposal_confirm(actor=request.user, proposal=self.get_object())
        return Response(s.CSDSelectionProposalSerializer(self.get_queryset().get(pk=pk)).data)


class ProposalEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """A proposal's verdict per delegate with its explanation; staff adjust with a note."""

    queryset = ProposalEntry.objects.all()
    serializer_class = s.CSDProposalEntrySerializer
    filterset_fields = ["proposal", "outcome", "proposed_outcome"]
    permission_map = {"adjust": "civil_society.change_proposalentry"}

    def get_queryset(self):
        return sel.proposal_entries_for_user(self.request.user)

    @extend_schema(request=s.CSDProposalAdjustSerializer, responses=s.CSDProposalEntrySerializer)
    @action(detail=True, methods=["post"])
    def adjust(self, request, pk=None):
        payload = s.CSDProposalAdjustSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        proposal_adjust(actor=request.user, entry=self.get_object(), **payload.validated_data)
        return Response(s.CSDProposalEntrySerializer(self.get_queryset().get(pk=pk)).data)
