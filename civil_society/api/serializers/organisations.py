"""Civil-society organisations: read, register (with duplicate check), check, merge."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from civil_society.enums import Sector
from civil_society.models import (
    CivilSocietyOrganisation,
)
from gfmd.api.serializers import CountryField
from gfmd.platform.api.serializers import AnswersWithReadPayload


class CSDCivilSocietyOrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name", read_only=True)
    acronym = serializers.CharField(source="organisation.acronym", read_only=True)
    website = serializers.CharField(source="organisation.website", read_only=True)
    headquarters = CountryField(source="organisation.headquarters", read_only=True, allow_null=True)
    countries_of_work = CountryField(many=True, read_only=True)

    class Meta:
        model = CivilSocietyOrganisation
        fields = [
            "id",
            "organisation",
            "name",
            "acronym",
            "website",
            "website_domain",
            "normalised_name",
            "headquarters",
            "sector",
            "migrant_led",
            "diaspora_led",
            "led_check",
            "led_check_note",
            "countries_of_work",
        ]
        read_only_fields = fields


class CSDCivilSocietyOrganisationWriteSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = CSDCivilSocietyOrganisationSerializer

    name = serializers.CharField(max_length=200)
    acronym = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    website = serializers.URLField(required=False, allow_blank=True, default="")
    headquarters = CountryField(required=False, allow_null=True, default=None)
    sector = serializers.ChoiceField(choices=Sector.choices)
    migrant_led = serializers.BooleanField(required=False, default=False)
    diaspora_led = serializers.BooleanField(required=False, default=False)
    countries_of_work = CountryField(many=True, required=False, default=list)
    allow_duplicate = serializers.BooleanField(
        required=False,
        default=False,
        help_text=_("Staff only: register although it resembles an existing organisation."),
    )


class CSDCivilSocietyOrganisationUpdateSerializer(CSDCivilSocietyOrganisationWriteSerializer):
    name = serializers.CharField(max_length=200, required=False)
    sector = serializers.ChoiceField(choices=Sector.choices, required=False)
    allow_duplicate = None


class CSDDuplicateMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation.pk")
    name = serializers.CharField(source="organisation.organisation.name")
    website = serializers.CharField(source="organisation.organisation.website")
    reasons = serializers.ListField(child=serializers.CharField())


class CSDLedCheckSerializer(serializers.Serializer):
    confirmed = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CSDMergeSerializer(serializers.Serializer):
    duplicate = serializers.PrimaryKeyRelatedField(
        queryset=CivilSocietyOrganisation.objects.select_related("organisation"),
        help_text=_("The profile folded into this one and then deleted."),
    )
