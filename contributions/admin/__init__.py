"""Admin pages of the contributions ledger (saves through record_save: validation, audit)."""

from django.contrib import admin

from contributions.exports import PLEDGE_COLUMNS, RECEIPT_COLUMNS
from contributions.models import Budget, BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.admin.exports import ExportActionsMixin


class BudgetLineInline(AuditedInline):
    model = BudgetLine


@admin.register(Budget)
class BudgetAdmin(AuditedAdmin):
    list_display = ["edition", "currency"]
    list_select_related = ["edition"]
    autocomplete_fields = ["edition"]
    search_fields = ["edition__title"]
    inlines = [BudgetLineInline]


class _ContributionAdmin(ExportActionsMixin, AuditedAdmin):
    list_filter = ["kind", "in_kind_type", "currency", "earmarked", "edition"]
    list_select_related = ["edition", "country", "organisation"]
    autocomplete_fields = ["edition", "country", "organisation"]
    search_fields = ["country__name", "organisation__name", "earmark", "description"]


@admin.register(Pledge)
class PledgeAdmin(_ContributionAdmin):
    list_display = ["edition", "body", "kind", "in_kind_type", "amount", "currency", "pledged_on"]
    export_name, export_columns = "pledges", PLEDGE_COLUMNS
    raw_id_fields = ["pledging_meeting"]


@admin.register(Receipt)
class ReceiptAdmin(_ContributionAdmin):
    list_display = ["edition", "body", "kind", "in_kind_type", "amount", "currency", "received_on"]
    export_name, export_columns = "receipts", RECEIPT_COLUMNS
    raw_id_fields = ["pledge"]


@admin.register(CarryOver)
class CarryOverAdmin(AuditedAdmin):
    list_display = ["from_edition", "to_edition", "amount", "currency", "on"]
    list_select_related = ["from_edition", "to_edition"]
    autocomplete_fields = ["from_edition", "to_edition"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AuditedAdmin):
    list_display = ["edition", "currency", "target_currency", "rate", "as_of"]
    list_select_related = ["edition"]
    autocomplete_fields = ["edition"]


# how its activity entries read (gfmd/platform/plain.py)
from contributions.admin import plain  # noqa: E402, F401
