"""Selection policy, proposals with their explanations, the selection report."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from civil_society.enums import Outcome
from civil_society.models import (
    Delegate,
    ProposalEntry,
    SelectionPolicy,
    SelectionProposal,
)
from gfmd.api.serializers import CountryField


class CSDSelectionPolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = SelectionPolicy
        fields = [
            "id",
            "csd_edition",
            "places",
            "waitlist_size",
            "sector_minimums",
            "sector_min_shares",
            "priority_bonus",
            "min_per_region",
            "max_region_share",
            "max_per_organisation",
            "min_reviews",
            "note",
        ]


class CSDSelectionProposalSerializer(serializers.ModelSerializer):
    entry_count = serializers.IntegerField(source="entry_total", read_only=True, default=None)

    class Meta:
        model = SelectionProposal
        fields = [
            "id",
            "csd_edition",
            "status",
            "places",
            "policy_snapshot",
            "created_by",
            "created_at",
            "confirmed_by",
            "confirmed_at",
            "entry_count",
        ]
        read_only_fields = fields


class CSDProposalEntrySerializer(serializers.ModelSerializer):
    delegate_name = serializers.CharField(source="delegate.full_name", read_only=True)
    organisation = serializers.CharField(
        source="delegate.application.organisation.organisation.name", read_only=True
    )
    sector = serializers.CharField(
        source="delegate.application.organisation.sector", read_only=True
    )
    region = serializers.CharField(source="delegate.country.region", read_only=True)
    is_adjusted = serializers.BooleanField(read_only=True)
    proposed_outcome = serializers.CharField(
        read_only=True,
        help_text=_("The policy's verdict before staff adjustments (same values as outcome)."),
    )

    class Meta:
        model = ProposalEntry
        fields = [
            "id",
            "proposal",
            "delegate",
            "delegate_name",
            "organisation",
            "sector",
            "region",
            "rank",
            "average_score",
            "effective_score",
            "review_count",
            "proposed_outcome",
            "outcome",
            "waitlist_position",
            "reason",
            "adjustment_note",
            "is_adjusted",
        ]
        read_only_fields = fields


class CSDProposalAdjustSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    note = serializers.CharField()


class CSDBalanceLineSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    target = serializers.IntegerField(allow_null=True)
    short = serializers.BooleanField()


class CSDSelectionReportSerializer(serializers.Serializer):
    source = serializers.CharField()
    total = serializers.IntegerField()
    places = serializers.IntegerField(allow_null=True)
    by_sector = CSDBalanceLineSerializer(many=True)
    by_region = CSDBalanceLineSerializer(many=True)
    by_led = CSDBalanceLineSerializer(many=True)
    by_gender = CSDBalanceLineSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())


class CSDDelegationMemberSerializer(serializers.ModelSerializer):
    """A member of the CSD delegation, as governments and observers see it (no email)."""

    country = CountryField(read_only=True)
    organisation = serializers.CharField(
        source="application.organisation.organisation.name", read_only=True
    )
    sector = serializers.CharField(source="application.organisation.sector", read_only=True)

    class Meta:
        model = Delegate
        fields = ["id", "full_name", "organisation", "sector", "country"]
        read_only_fields = fields
