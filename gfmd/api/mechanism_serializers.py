"""Serializers of mechanisms, local governments and working groups (shape only)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.api.serializers import CountryField
from gfmd.models import (
    LocalGovernment,
    Mechanism,
    MechanismOrganisation,
    MechanismParticipation,
    Organisation,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from gfmd.platform.api.content import TranslatedContentMixin, translated_field_names


class CoordinatorSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = MechanismOrganisation
        fields = [
            "id",
            "mechanism",
            "organisation",
            "organisation_name",
            "role",
            "since_year",
            "until_year",
        ]


class MechanismSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["name", "description"]
    coordinators = CoordinatorSerializer(many=True, read_only=True)

    class Meta:
        model = Mechanism
        fields = [
            "id",
            "code",
            *translated_field_names("name", "description"),
            "since_year",
            "until_year",
            "website",
            "coordinators",
        ]


class MechanismParticipationSerializer(serializers.ModelSerializer):
    mechanism_name = serializers.CharField(source="mechanism.name", read_only=True)

    class Meta:
        model = MechanismParticipation
        fields = ["id", "mechanism", "mechanism_name", "body", "start_date", "end_date", "note"]


class LocalGovernmentSerializer(serializers.ModelSerializer):
    country = CountryField()
    region = serializers.CharField(read_only=True, help_text="M49 region, from the country.")
    networks = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )

    class Meta:
        model = LocalGovernment
        fields = ["id", "name", "kind", "country", "region", "networks", "website"]


class _BodyFields(serializers.ModelSerializer):
    """A row naming exactly one body: the body's name for display."""

    body_name = serializers.SerializerMethodField()

    def get_body_name(self, obj) -> str:
        return str(obj.country or getattr(obj, "organisation", None) or obj.mechanism)


class WorkingGroupChairSerializer(_BodyFields):
    country = CountryField(required=False, allow_null=True)
    mechanism = serializers.PrimaryKeyRelatedField(
        queryset=Mechanism.objects.all(), required=False, allow_null=True, default=None
    )

    class Meta:
        model = WorkingGroupChair
        fields = ["id", "working_group", "country", "mechanism", "body_name"]


class WorkingGroupMemberSerializer(_BodyFields):
    country = CountryField(required=False, allow_null=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True, default=None
    )
    mechanism = serializers.PrimaryKeyRelatedField(
        queryset=Mechanism.objects.all(), required=False, allow_null=True, default=None
    )

    class Meta:
        model = WorkingGroupMember
        fields = ["id", "working_group", "country", "organisation", "mechanism", "body_name"]


class WorkingGroupSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["name", "mandate"]
    chairs = WorkingGroupChairSerializer(many=True, read_only=True)
    members = WorkingGroupMemberSerializer(many=True, read_only=True)

    class Meta:
        model = WorkingGroup
        fields = [
            "id",
            *translated_field_names("name", "mandate"),
            "term_from",
            "term_to",
            "until_deliverable",
            "status",
            "chairs",
            "members",
        ]
        read_only_fields = ["status"]


class TransitionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("Why (kept in the log).")
    )
