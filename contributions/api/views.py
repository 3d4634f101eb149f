"""The contributions ledger's API: thin views over selectors and record_save."""

import re

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.response import Response

from contributions.api import serializers as s
from contributions.exports import PLEDGE_COLUMNS, RECEIPT_COLUMNS
from contributions.models import Budget, BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from contributions.selectors import ledger as sel
from contributions.selectors.report import chairmanship_report
from gfmd.platform.api.viewsets import ExportMixin, RecordViewSet
from gfmd.platform.errors import DomainError
from gfmd.selectors.editions import editions_for_user

READ, WRITE = "contributions:read", "contributions:write"


class LedgerScopes:
    """OAuth2 partner clients need the ledger's own scopes (not plain read / write)."""

    required_scopes = {
        "list": READ,
        "retrieve": READ,
        "export": READ,
        "activity": READ,
        "create": WRITE,
        "update": WRITE,
        "partial_update": WRITE,
        "destroy": WRITE,
    }


class PledgeViewSet(LedgerScopes, ExportMixin, RecordViewSet):
    queryset = Pledge.objects.all()
    serializer_class = s.PledgeSerializer
    require_if_match = True
    export_name, export_columns = "pledges", PLEDGE_COLUMNS
    permission_map = {"export": "contributions.view_pledge"}
    filterset_fields = {
        "edition": ["exact"],
        "kind": ["exact"],
        "currency": ["exact"],
        "country__iso3": ["exact"],
        "organisation": ["exact"],
        "pledging_meeting": ["exact"],
    }

    def get_queryset(self):
        return sel.pledges_for_user(self.request.user)


class ReceiptViewSet(LedgerScopes, ExportMixin, RecordViewSet):
    queryset = Receipt.objects.all()
    serializer_class = s.ReceiptSerializer
    require_if_match = True
    export_name, export_columns = "receipts", RECEIPT_COLUMNS
    permission_map = {"export": "contributions.view_receipt"}
    filterset_fields = {
        "edition": ["exact"],
        "kind": ["exact"],
        "currency": ["exact"],
        "country__iso3": ["exact"],
        "organisation": ["exact"],
        "pledge": ["exact"],
    }

    def get_queryset(self):
        return sel.receipts_for_user(self.request.user)


class BudgetViewSet(LedgerScopes, RecordViewSet):
    queryset = Budget.objects.all()
    serializer_class = s.BudgetSerializer
    require_if_match = True
    filterset_fields = ["edition", "currency"]

    def get_queryset(self):
        return sel.budgets_for_user(self.request.user)


class BudgetLineViewSet(LedgerScopes, RecordViewSet):
    queryset = BudgetLine.objects.all()
    serializer_class = s.BudgetLineSerializer
    require_if_match = True
    filterset_fields = ["budget", "line"]

    def get_queryset(self):
        return sel.budget_lines_for_user(self.request.user)


class CarryOverViewSet(LedgerScopes, RecordViewSet):
    queryset = CarryOver.objects.all()
    serializer_class = s.CarryOverSerializer
    require_if_match = True
    filterset_fields = ["from_edition", "to_edition", "currency"]

    def get_queryset(self):
        return sel.carry_overs_for_user(self.request.user)


class ExchangeRateViewSet(LedgerScopes, RecordViewSet):
    queryset = ExchangeRate.objects.all()
    serializer_class = s.ExchangeRateSerializer
    require_if_match = True
    filterset_fields = ["edition", "currency", "target_currency"]

    def get_queryset(self):
        return sel.exchange_rates_for_user(self.request.user)


class ChairmanshipReportView(viewsets.ViewSet):
    """The ledger per chairmanship: totals per currency; converted only with `to=` and the
    chairmanship's rate table (400 when a rate is missing)."""

    permission_map = {"retrieve": "contributions.view_report"}
    required_scopes = {"retrieve": READ}
    queryset = Budget.objects.none()

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "to", str, description="ISO 4217 code to convert into, with the rate table."
            )
        ],
        responses=s.ChairmanshipReportSerializer,
    )
    def retrieve(self, request, pk=None):
        if not str(pk).isdigit():
            raise Http404
        edition = get_object_or_404(editions_for_user(request.user), pk=pk)
        self.check_object_permissions(request, edition)
        to = request.query_params.get("to") or None
        if to is not None and not re.fullmatch(r"[A-Z]{3}", to):
            raise DomainError(
                _("Give the currency to convert into as an ISO 4217 code, e.g. EUR."), field="to"
            )
        report = chairmanship_report(edition, to=to)
        return Response(s.ChairmanshipReportSerializer(report).data)
