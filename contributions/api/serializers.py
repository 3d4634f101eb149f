"""Serializers of the ledger: shape and field validation; saving goes through record_save
(model validation and the audit entry)."""

from rest_framework import serializers

from contributions.models import Budget, BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from gfmd.api.serializers import CountryField

CONTRIBUTION_FIELDS = [
    "id",
    "edition",
    "country",
    "organisation",
    "kind",
    "in_kind_type",
    "currency",
    "amount",
    "value_estimate",
    "earmarked",
    "earmark",
    "description",
]


class PledgeSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)

    class Meta:
        model = Pledge
        fields = [*CONTRIBUTION_FIELDS, "pledged_on", "pledging_meeting"]


class ReceiptSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)

    class Meta:
        model = Receipt
        fields = [*CONTRIBUTION_FIELDS, "received_on", "pledge"]


class BudgetSerializer(serializers.ModelSerializer):
    class Meta:
        model = Budget
        fields = ["id", "edition", "currency", "note"]


class BudgetLineSerializer(serializers.ModelSerializer):
    external_funding = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = BudgetLine
        fields = ["id", "budget", "line", "label", "amount", "chair_covers", "external_funding"]


class CarryOverSerializer(serializers.ModelSerializer):
    class Meta:
        model = CarryOver
        fields = ["id", "from_edition", "to_edition", "currency", "amount", "on", "earmark", "note"]


class ExchangeRateSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExchangeRate
        fields = ["id", "edition", "currency", "target_currency", "rate", "as_of", "source"]


def _money():
    return serializers.DictField(
        child=serializers.DecimalField(max_digits=18, decimal_places=2),
        help_text="Amounts per ISO 4217 currency code.",
    )


class ReportBudgetLineSerializer(serializers.Serializer):
    line = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)
    chair_covers = serializers.DecimalField(max_digits=16, decimal_places=2)
    external_funding = serializers.DecimalField(max_digits=16, decimal_places=2)


class ReportBudgetSerializer(serializers.Serializer):
    currency = serializers.CharField()
    lines = ReportBudgetLineSerializer(many=True)
    total = serializers.DecimalField(max_digits=18, decimal_places=2)
    chair_covers = serializers.DecimalField(max_digits=18, decimal_places=2)
    external_funding = serializers.DecimalField(max_digits=18, decimal_places=2)


class ReportInKindSerializer(serializers.Serializer):
    pledges = serializers.IntegerField()
    receipts = serializers.IntegerField()
    estimates = _money()


class ReportContributorSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="government or organisation")
    iso3 = serializers.CharField()
    name = serializers.CharField()
    pledged = _money()
    received = _money()
    in_kind = serializers.IntegerField(help_text="Number of in-kind pledges and receipts.")
    steering_group_member = serializers.BooleanField()


class ReportConvertedSerializer(serializers.Serializer):
    currency = serializers.CharField()
    pledged = serializers.DecimalField(max_digits=18, decimal_places=2)
    received = serializers.DecimalField(max_digits=18, decimal_places=2)
    outstanding = serializers.DecimalField(max_digits=18, decimal_places=2)
    carried_in = serializers.DecimalField(max_digits=18, decimal_places=2)
    carried_out = serializers.DecimalField(max_digits=18, decimal_places=2)
    available = serializers.DecimalField(max_digits=18, decimal_places=2)
    budget_external_funding = serializers.DecimalField(
        max_digits=18, decimal_places=2, required=False
    )


class ChairmanshipReportSerializer(serializers.Serializer):
    edition = serializers.IntegerField(source="edition.pk")
    edition_title = serializers.CharField(source="edition.title")
    report_date = serializers.DateField()
    budget = ReportBudgetSerializer(allow_null=True)
    pledged = _money()
    received = _money()
    outstanding = _money()
    in_kind = ReportInKindSerializer()
    carried_in = _money()
    carried_out = _money()
    available = _money()
    donor_count = serializers.IntegerField()
    contributors = ReportContributorSerializer(many=True)
    converted = ReportConvertedSerializer(allow_null=True)
