"""Consultation inputs: read by the paper's managers and the submitting body, decided
with a reason; their attachments served only here."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from gfmd.platform.api.conditional import NotModifiedMixin
from gfmd.platform.api.pagination import NewestFirst
from gfmd.platform.api.viewsets import ActivityMixin, SpecListMixin
from roundtables.api import paper_serializers as ps
from roundtables.api.views.common import FreshReachMixin, file_response
from roundtables.models import Input
from roundtables.selectors import papers as paper_sel
from roundtables.services import inputs as input_services


class InputViewSet(
    NotModifiedMixin, FreshReachMixin, ActivityMixin, SpecListMixin, viewsets.ReadOnlyModelViewSet
):
    """Inputs: seen by the paper's managers and the submitting body; once the paper is
    final, by everyone who sees it (to trace the final paper back to its inputs)."""

    queryset = Input.objects.all()
    serializer_class = ps.InputSerializer
    filterset_fields = ["paper", "decision", "consultation_round"]
    pagination_class = NewestFirst  # cursor pages, newest first: no COUNT, stable pages
    ordering_fields = ["id"]

    permission_map = {
        "list": "roundtables.list_input",
        "decide": "roundtables.decide_input",
        "attachment": "roundtables.download_input",
    }

    def get_queryset(self):
        if self.action == "decide":  # input_decide locks and reads the input it needs
            return paper_sel.inputs_to_check(self.request.user)
        # a list's payload is the output spec's: the page needs the keys only
        return paper_sel.inputs_for_user(self.request.user, keys_only=self.action == "list")

    @extend_schema(request=ps.DecisionSerializer, responses=ps.InputSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record the decision (included, partly included, not included) with a reason."""
        item = self.get_object()
        payload = ps.DecisionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = input_services.input_decide(
            actor=request.user,
            item=item,
            decision=payload.validated_data["decision"],
            reason=payload.validated_data["reason"],
        )
        return Response(ps.InputSerializer(item).data)

    @extend_schema(responses={(200, "application/octet-stream"): bytes})
    @action(detail=True, methods=["get"], url_name="attachment")
    def attachment(self, request, pk=None):
        item = self.get_object()
        if not item.attachment:
            raise NotFound(_("This input has no attachment."))
        return file_response(item.attachment, item.attachment_name, item.attachment_content_type)
