"""Serializers: shape and field validation only. Saving goes through services (views)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.enums import MigrationPerspective
from gfmd.models import (
    AgendaItem,
    Attendance,
    BalancePolicy,
    Country,
    Edition,
    FocalPoint,
    FriendsParticipation,
    Meeting,
    Organisation,
    SteeringGroupMembership,
)
from gfmd.models.editions import YEAR_MESSAGE
from gfmd.platform.api.content import TranslatedContentMixin, translated_field_names


class CountryField(serializers.SlugRelatedField):
    """Countries are named by ISO alpha-3 code in every payload ("DEU", "MAR")."""

    default_error_messages = {
        "does_not_exist": _("Unknown country code: {value}."),
        "invalid": _("Give an ISO alpha-3 country code, e.g. DEU."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "iso3")
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Country.objects.all())
        if kwargs.get("required") is False and kwargs.get("allow_null"):
            kwargs.setdefault("default", None)  # lets DRF's conditional unique checks run
        super().__init__(**kwargs)


class CountrySerializer(serializers.ModelSerializer):
    development_override = serializers.CharField(
        read_only=True, help_text="Staff override: developed, developing, or empty (default)."
    )
    development_status = serializers.CharField(read_only=True)
    is_overridden = serializers.BooleanField(read_only=True)
    is_state = serializers.BooleanField(read_only=True)
    perspective = serializers.CharField(
        read_only=True, help_text="Migration perspective: the staff override, else the policy data."
    )

    class Meta:
        model = Country
        fields = [
            "iso2",
            "iso3",
            "m49",
            "name",
            "official_name",
            "region",
            "sub_region",
            "intermediate_region",
            "un_status",
            "un_member_since",
            "is_state",
            "development_default",
            "development_override",
            "override_reason",
            "override_at",
            "development_status",
            "is_overridden",
            "migration_perspective",
            "perspective_override",
            "perspective_override_reason",
            "perspective",
        ]
        read_only_fields = fields


class CountryOverrideSerializer(serializers.Serializer):
    development_override = serializers.ChoiceField(
        choices=[
            ("", _("Use the default")),
            *Country._meta.get_field("development_default").choices,
        ]
    )
    override_reason = serializers.CharField(allow_blank=True, required=False, default="")


class CountryPerspectiveSerializer(serializers.Serializer):
    perspective_override = serializers.ChoiceField(
        choices=[("", _("Use the policy data")), *MigrationPerspective.choices]
    )
    override_reason = serializers.CharField(allow_blank=True, required=False, default="")


class OrganisationSerializer(serializers.ModelSerializer):
    headquarters = CountryField(required=False, allow_null=True)

    class Meta:
        model = Organisation
        fields = ["id", "name", "acronym", "kind", "gmg_member", "headquarters", "website"]


class FocalPointSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)
    user_name = serializers.SerializerMethodField()

    class Meta:
        model = FocalPoint
        fields = [
            "id",
            "user",
            "user_name",
            "country",
            "organisation",
            "mechanism",
            "role",
            "start_date",
            "end_date",
            "language",
        ]

    def get_user_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.get_username()


class EditionChairSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Country
        fields = ["iso3", "name", "development_status"]


class EditionSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["title", "theme"]
    chairs = CountryField(many=True, help_text="ISO alpha-3 codes of the chair governments.")
    chair_details = EditionChairSummarySerializer(source="chairs", many=True, read_only=True)
    venue_country = CountryField(required=False, allow_null=True)
    years = serializers.CharField(source="years_label", read_only=True)

    class Meta:
        model = Edition
        fields = [
            "id",
            "ordinal",
            "year_start",
            "year_end",
            "years",
            *translated_field_names("title", "theme"),
            "start_date",
            "end_date",
            "venue_city",
            "venue_country",
            "is_public",
            "chairs",
            "chair_details",
        ]
        # DRF turns the model's year bounds into min/max with its own wording; keep ours
        extra_kwargs = {
            "year_start": {
                "error_messages": {"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE}
            },
            "year_end": {"error_messages": {"min_value": YEAR_MESSAGE, "max_value": YEAR_MESSAGE}},
        }

    def validate_chairs(self, value):
        if not value:
            raise serializers.ValidationError(_("An edition has at least one chair government."))
        return value


class TroikaSeatSerializer(serializers.Serializer):
    position = serializers.CharField()
    edition = serializers.SerializerMethodField()
    chairs = EditionChairSummarySerializer(many=True)
    candidates = EditionChairSummarySerializer(
        many=True, help_text="Governments offering or considering to chair: not chairs yet."
    )
    known = serializers.BooleanField()
    note = serializers.CharField()

    def get_edition(self, seat) -> dict | None:
        if seat.edition is None:
            return None
        e = seat.edition
        return {"id": e.id, "ordinal": e.ordinal, "title": e.title, "years": e.years_label}


class BalancePolicySerializer(serializers.ModelSerializer):
    class Meta:
        model = BalancePolicy
        fields = [
            "id",
            "effective_from",
            "target_developed_share",
            "tolerance",
            "required_regions",
            "max_consecutive_years",
            "note",
        ]


class BalanceMemberSerializer(serializers.Serializer):
    iso3 = serializers.CharField(source="country.iso3")
    name = serializers.CharField(source="country.name")
    region = serializers.CharField(source="country.region")
    development_status = serializers.CharField(source="country.development_status")
    development_default = serializers.CharField(source="country.development_default")
    is_overridden = serializers.BooleanField(source="country.is_overridden")
    override_reason = serializers.CharField(source="country.override_reason")
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True, help_text="Empty while the seat is held.")


class BalanceSeatSerializer(serializers.Serializer):
    """A Steering Group member's perspective, years served and rotation (BalanceSeat)."""

    iso3 = serializers.CharField()
    perspective = serializers.CharField(help_text="origin, transit, destination or empty.")
    perspective_overridden = serializers.BooleanField()
    perspective_override_reason = serializers.CharField()
    serving_since = serializers.DateField(help_text="Start of the unbroken run of terms.")
    consecutive_years = serializers.IntegerField()
    due_to_rotate = serializers.BooleanField()


class BalanceMechanismSerializer(serializers.Serializer):
    """A mechanism in the Steering Group: its own role, not counted with governments."""

    id = serializers.IntegerField(source="mechanism.id")
    code = serializers.CharField(source="mechanism.code")
    name = serializers.CharField(source="mechanism.name")
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)


class BalanceOverrideSerializer(serializers.Serializer):
    country = serializers.CharField()
    iso3 = serializers.CharField()
    default = serializers.CharField()
    override = serializers.CharField()
    reason = serializers.CharField()


class BalanceReportSerializer(serializers.Serializer):
    on = serializers.DateField()
    policy = BalancePolicySerializer(allow_null=True)
    total = serializers.IntegerField()
    developed = serializers.IntegerField()
    developing = serializers.IntegerField()
    developed_share = serializers.DecimalField(max_digits=3, decimal_places=2, allow_null=True)
    regions_represented = serializers.ListField(child=serializers.CharField())
    regions_missing = serializers.ListField(child=serializers.CharField())
    required_regions_missing = serializers.ListField(child=serializers.CharField())
    overrides = BalanceOverrideSerializer(many=True)
    warnings = serializers.ListField(child=serializers.CharField())
    is_balanced = serializers.BooleanField()
    members = BalanceMemberSerializer(many=True)
    seats = BalanceSeatSerializer(many=True)
    perspectives = serializers.DictField(
        child=serializers.IntegerField(), help_text="Members per migration perspective."
    )
    due_to_rotate = serializers.ListField(child=serializers.CharField(), help_text="ISO3 codes.")
    mechanisms = BalanceMechanismSerializer(
        many=True, help_text="Mechanisms in the Steering Group: listed, never counted."
    )


class SteeringGroupMembershipSerializer(serializers.ModelSerializer):
    country = CountryField()
    country_name = serializers.CharField(source="country.name", read_only=True)

    class Meta:
        model = SteeringGroupMembership
        fields = [
            "id",
            "country",
            "country_name",
            "start_date",
            "end_date",
            "joined_edition",
            "left_edition",
            "note",
        ]


class FriendsParticipationSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)

    class Meta:
        model = FriendsParticipation
        fields = ["id", "edition", "country", "organisation", "role"]


class AgendaItemSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["title", "description"]

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "position", *translated_field_names("title", "description")]


class MeetingAgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["id", "position", "title", "description"]


class AttendanceSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "country", "organisation", "mechanism", "role", "attended"]


class MeetingSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)
    agenda = MeetingAgendaItemSerializer(source="agenda_items", many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "edition",
            "body",
            "title",
            "start_date",
            "end_date",
            "is_virtual",
            "city",
            "country",
            "working_group",
            "virtual_link",
            "notes",
            "agenda",
        ]
