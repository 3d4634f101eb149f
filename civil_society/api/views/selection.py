"""The CSD selection endpoints, all here: an edition's run-selection, selection report and
delegation (EditionSelectionActions, mixed into CSDEditionViewSet), selection policies,
proposals (confirm), proposal entries (adjust) and delegates (release, waitlist, the
delegation export)."""

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from civil_society.api import serializers as s
from civil_society.exports import DELEGATION_COLUMNS
from civil_society.models import (
    Delegate,
    ProposalEntry,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.selectors import records as sel
from civil_society.selectors.selection import delegation, selection_report
from civil_society.services.selection import proposal_adjust, proposal_confirm, proposal_run
from civil_society.services.waitlist import delegate_release
from gfmd.platform.api.viewsets import ActivityMixin, ExportMixin, RecordViewSet, SpecListMixin


class EditionSelectionActions:
    """The selection actions of /csd/editions/{id}/ (CSDEditionViewSet inherits them)."""

    permission_map = {
        "run_selection": "civil_society.run_selection",
        "selection_report": "civil_society.view_selection_report",
        "delegation": "civil_society.view_delegation",
    }

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
                raise ValidationError({"proposal": [gettext("Give a proposal id.")]})
            proposal = SelectionProposal.objects.filter(
                pk=int(raw), csd_edition=csd_edition
            ).first()
            if proposal is None:
                raise ValidationError({"proposal": [gettext("No such proposal for this edition.")]})
        report = selection_report(csd_edition, proposal)
        return Response(s.CSDSelectionReportSerializer(report).data)

    @extend_schema(responses=s.CSDDelegationMemberSerializer(many=True))
    @action(detail=True, methods=["get"])
    def delegation(self, request, pk=None):
        """The CSD delegation: the selected delegates (no contact details)."""
        page = self.paginate_queryset(delegation(self.get_object()))
        return self.get_paginated_response(s.CSDDelegationMemberSerializer(page, many=True).data)


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


class DelegateViewSet(ExportMixin, ActivityMixin, SpecListMixin, viewsets.ReadOnlyModelViewSet):
    """Nominated delegates, their status and waitlist position. `export/` downloads the
    delegation (the selected delegates, with contact details) as CSV or XLSX."""

    queryset = Delegate.objects.all()
    serializer_class = s.CSDDelegateSerializer
    filterset_fields = ["csd_edition", "application", "status"]
    export_name = "csd-delegation"
    export_columns = DELEGATION_COLUMNS

    permission_map = {
        "release": "civil_society.release_delegate",
        "export": "civil_society.export_delegation",
    }

    def get_queryset(self):
        if self.action == "export":
            return sel.delegation_export_for_user(self.request.user)
        return sel.delegates_for_user(self.request.user)

    @extend_schema(request=s.CSDReasonSerializer, responses=s.CSDReleaseResultSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        """Release a selected delegate's place; the waitlist moves up."""
        payload = s.CSDReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        delegate = self.get_object()
        promoted = delegate_release(actor=request.user, delegate=delegate, **payload.validated_data)
        queryset = sel.delegates_for_user(request.user)
        released = queryset.get(pk=delegate.pk)
        promoted = (
            Delegate.objects.select_related(
                "country", "application__organisation__organisation"
            ).get(pk=promoted.pk)
            if promoted
            else None
        )
        return Response(
            s.CSDReleaseResultSerializer({"released": released, "promoted": promoted}).data
        )
