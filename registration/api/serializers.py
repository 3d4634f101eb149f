"""Registration payloads. Read and write serializers differ where writes take less (a
participant's category and delegation are set once; passport data are write-only, and read
back only by staff who ask for them)."""

from django.db import models
from django.db.models import Case, F, Value, When
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.models import Country, Organisation
from gfmd.platform.api.outputs import Column, Expr, OutputSpec
from registration.enums import CredentialKind
from registration.models import (
    Credential,
    Participant,
    ParticipantCategory,
    PassportData,
    Quota,
    Registration,
)
from roundtables.models import Session


class RegistrationSerializer(serializers.ModelSerializer):
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)
    meeting_start_date = serializers.DateField(source="meeting.start_date", read_only=True)
    is_open = serializers.SerializerMethodField()

    class Meta:
        model = Registration
        fields = [
            "id",
            "meeting",
            "meeting_title",
            "meeting_start_date",
            "opens_at",
            "closes_at",
            "late_change_deadline",
            "in_person",
            "online",
            "chatham_house",
            "passport_retention_days",
            "is_open",
        ]

    def get_is_open(self, obj) -> bool:
        from django.utils import timezone

        return obj.opens_at <= timezone.now() <= obj.closes_at


class ParticipantCategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = ParticipantCategory
        fields = [
            "id",
            "registration",
            "code",
            "name",
            "name_fr",
            "name_es",
            "kind",
            "organisation_kind",
            "colour",
            "list_visibility",
            "position",
        ]


class QuotaSerializer(serializers.ModelSerializer):
    # A default, not only required=False: DRF makes every field of a unique constraint
    # required (quota_country_once, quota_organisation_once), so a whole-category or
    # default quota had to send "country": null explicitly.
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), allow_null=True, default=None
    )

    class Meta:
        model = Quota
        fields = [
            "id",
            "category",
            "scope",
            "seats",
            "plus_head_of_delegation",
            "country",
            "organisation",
        ]
        extra_kwargs = {"organisation": {"default": None}}


class PassportSerializer(serializers.ModelSerializer):
    nationality = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())

    class Meta:
        model = PassportData
        fields = ["nationality", "passport_number", "date_of_birth", "passport_expires"]


class ParticipantSerializer(serializers.ModelSerializer):
    category_code = serializers.CharField(source="category.code", read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)
    speaking_sessions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Participant
        fields = [
            "id",
            "registration",
            "category",
            "category_code",
            "country",
            "organisation",
            "full_name",
            "title",
            "function",
            "email",
            "language",
            "is_head_of_delegation",
            "attendance_format",
            "speaking_sessions",
            "accessibility_needs",
            "visa_letter_needed",
            "state",
            "reason",
            "explanation",
            "waitlist_position",
            "substitutes",
            "csd_delegate",
            "created_at",
            "submitted_at",
            "state_changed_at",
        ]
        read_only_fields = fields


class ParticipantStaffSerializer(ParticipantSerializer):
    """Staff asking `?include=passport` get the passport data too."""

    passport = serializers.SerializerMethodField()

    class Meta(ParticipantSerializer.Meta):
        fields = [*ParticipantSerializer.Meta.fields, "passport"]
        read_only_fields = fields

    def get_passport(self, obj) -> PassportSerializer(allow_null=True):
        passport = getattr(obj, "passport", None) if hasattr(obj, "passport") else None
        return PassportSerializer(passport).data if passport else None


class _ParticipantFields(serializers.Serializer):
    full_name = serializers.CharField(max_length=200)
    title = serializers.CharField(max_length=50, required=False, allow_blank=True)
    function = serializers.CharField(max_length=200, required=False, allow_blank=True)
    email = serializers.EmailField()
    language = serializers.ChoiceField(
        choices=Participant._meta.get_field("language").choices, required=False
    )
    accessibility_needs = serializers.CharField(required=False, allow_blank=True)
    visa_letter_needed = serializers.BooleanField(required=False)
    speaking_sessions = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Session.objects.select_related("roundtable"), required=False
    )
    passport = PassportSerializer(required=False, allow_null=True)

    def to_representation(self, instance):
        # The answer to a write is the participant as read (never the passport data).
        return ParticipantSerializer(instance, context=self.context).data


class ParticipantNominateSerializer(_ParticipantFields):
    registration = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    category = serializers.PrimaryKeyRelatedField(queryset=ParticipantCategory.objects.all())
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    is_head_of_delegation = serializers.BooleanField(required=False)
    attendance_format = serializers.ChoiceField(
        choices=Participant._meta.get_field("attendance_format").choices, required=False
    )
    submit = serializers.BooleanField(
        required=False, default=False, help_text=_("Submit at once (else a draft).")
    )


class ParticipantUpdateSerializer(_ParticipantFields):
    full_name = serializers.CharField(max_length=200, required=False)
    email = serializers.EmailField(required=False)
    is_head_of_delegation = serializers.BooleanField(required=False)
    attendance_format = serializers.ChoiceField(
        choices=Participant._meta.get_field("attendance_format").choices, required=False
    )


class ParticipantSubstituteSerializer(_ParticipantFields):
    reason = serializers.CharField(required=False, allow_blank=True)


class ParticipantReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True)


class RegistrationRequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class QuotaLineSerializer(serializers.Serializer):
    quota_id = serializers.IntegerField()
    label = serializers.CharField()
    seats = serializers.IntegerField()
    taken = serializers.IntegerField()
    full = serializers.BooleanField()


class DecisionSerializer(serializers.Serializer):
    """The outcome of an approval: approved or waitlisted, and why (the quotas' counts)."""

    participant = ParticipantSerializer()
    outcome = serializers.CharField()
    explanation = serializers.CharField()
    quotas = QuotaLineSerializer(many=True)
    changed = serializers.BooleanField()


class BulkApproveSerializer(serializers.Serializer):
    participants = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Participant.objects.all(), allow_empty=False
    )

    def __init__(self, *args, participants=None, **kwargs):
        super().__init__(*args, **kwargs)
        if participants is not None:
            self.fields["participants"].child_relation.queryset = participants


def _delegation():
    """The delegation as `Participant.delegation` prints it: the government's name, else the
    organisation's "name (acronym)"; null for media, guests and the Support Unit."""
    return Case(
        When(country__isnull=False, then=F("country__name")),
        When(organisation__isnull=True, then=Value(None)),
        When(organisation__acronym="", then=F("organisation__name")),
        default=Concat(
            F("organisation__name"), Value(" ("), F("organisation__acronym"), Value(")")
        ),
        output_field=models.CharField(),
    )


def _list_entry(*, anonymous: bool) -> OutputSpec:
    # a typed NULL: PostgreSQL's to_json cannot take an untyped one
    hidden = (lambda: Cast(Value(None), models.CharField())) if anonymous else None
    return OutputSpec(
        Participant,
        "ParticipantListEntryAnonymous" if anonymous else "ParticipantListEntry",
        {
            "category": Column("category__name", serializers.CharField(), translated=True),
            "delegation": Expr(_delegation, serializers.CharField(allow_null=True)),
            "name": Expr(hidden, serializers.CharField(allow_null=True))
            if anonymous
            else Column("full_name", serializers.CharField(allow_null=True)),
            "function": Expr(hidden, serializers.CharField(allow_null=True))
            if anonymous
            else Column("function", serializers.CharField(allow_null=True)),
        },
        doc="One line of the public participant list (no name on a Chatham House meeting).",
    )


# The public participant list: one spec, and its Chatham House form without names.
PARTICIPANT_LIST_ENTRY = _list_entry(anonymous=False)
PARTICIPANT_LIST_ENTRY_ANONYMOUS = _list_entry(anonymous=True)
ParticipantListEntrySerializer = PARTICIPANT_LIST_ENTRY.serializer()


class CredentialSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True, allow_null=True)

    class Meta:
        model = Credential
        fields = [
            "id",
            "registration",
            "country",
            "organisation",
            "kind",
            "original_filename",
            "content_type",
            "size",
            "checksum",
            "state",
            "reason",
            "uploaded_at",
            "state_changed_at",
        ]
        read_only_fields = fields


class CredentialUploadSerializer(serializers.Serializer):
    registration = serializers.PrimaryKeyRelatedField(queryset=Registration.objects.all())
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    kind = serializers.ChoiceField(choices=CredentialKind.choices)
    file = serializers.FileField()


class CSDFeedResultSerializer(serializers.Serializer):
    added = serializers.IntegerField()
