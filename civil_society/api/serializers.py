"""Serializers: shape and field validation only. Saving goes through services (views)."""

from rest_framework import serializers

from civil_society.enums import Gender, Outcome, Sector
from civil_society.models import (
    AdvisoryCommitteeMember,
    Application,
    CivilSocietyOrganisation,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    Delegate,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    ProposalEntry,
    Recommendation,
    Review,
    SelectionPolicy,
    SelectionProposal,
)
from civil_society.models.applications import SCORE_MAX, SCORE_MIN
from gfmd.api.serializers import CountryField


class CSDEditionSerializer(serializers.ModelSerializer):
    edition_title = serializers.CharField(source="edition.title", read_only=True)

    class Meta:
        model = CSDEdition
        fields = [
            "id",
            "edition",
            "edition_title",
            "title",
            "start_date",
            "end_date",
            "city",
            "is_virtual",
            "organising_body",
            "forum_start_date",
            "applications_open",
        ]
        read_only_fields = ["forum_start_date"]


class CSDAdvisoryCommitteeMemberSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = AdvisoryCommitteeMember
        fields = [
            "id",
            "csd_edition",
            "user",
            "name",
            "organisation",
            "organisation_name",
            "role",
            "term_start",
            "term_end",
            "is_reviewer",
        ]

    def get_name(self, obj) -> str:
        return obj.user.get_full_name() or obj.user.get_username()


class CSDCivilSocietyOrganisationSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="organisation.name", read_only=True)
    acronym = serializers.CharField(source="organisation.acronym", read_only=True)
    website = serializers.CharField(source="organisation.website", read_only=True)
    headquarters = CountryField(source="organisation.headquarters", read_only=True)
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


class CSDCivilSocietyOrganisationWriteSerializer(serializers.Serializer):
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
        help_text="Staff only: register although it resembles an existing organisation.",
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
        help_text="The profile folded into this one and then deleted.",
    )


class CSDDelegateSerializer(serializers.ModelSerializer):
    country = CountryField(read_only=True)
    organisation = serializers.CharField(
        source="application.organisation.organisation.name", read_only=True
    )

    class Meta:
        model = Delegate
        fields = [
            "id",
            "application",
            "csd_edition",
            "organisation",
            "position",
            "full_name",
            "email",
            "gender",
            "country",
            "expertise",
            "roundtable_interests",
            "status",
            "waitlist_position",
            "decided_at",
        ]
        read_only_fields = fields


class CSDNominationSerializer(serializers.Serializer):
    """A delegate nominated in an application (write)."""

    full_name = serializers.CharField(max_length=200)
    email = serializers.EmailField()
    gender = serializers.ChoiceField(
        choices=[("", "Not given"), *Gender.choices], required=False, default=""
    )
    country = CountryField()
    expertise = serializers.CharField(required=False, allow_blank=True, default="")
    roundtable_interests = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, default=list
    )


class CSDApplicationSerializer(serializers.ModelSerializer):
    organisation_name = serializers.CharField(
        source="organisation.organisation.name", read_only=True
    )
    sector = serializers.CharField(source="organisation.sector", read_only=True)
    delegates = CSDDelegateSerializer(many=True, read_only=True)
    review_count = serializers.IntegerField(source="review_total", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "csd_edition",
            "organisation",
            "organisation_name",
            "sector",
            "motivation",
            "contact_email",
            "status",
            "source",
            "external_ref",
            "submitted_at",
            "review_count",
            "delegates",
        ]
        read_only_fields = fields


class CSDApplicationSubmitSerializer(serializers.Serializer):
    csd_edition = serializers.PrimaryKeyRelatedField(queryset=CSDEdition.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=CivilSocietyOrganisation.objects.select_related("organisation")
    )
    motivation = serializers.CharField()
    contact_email = serializers.EmailField(required=False, allow_blank=True, default="")
    external_ref = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text="Partner systems: your id; resubmitting it returns the same application.",
    )
    delegates = CSDNominationSerializer(many=True)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class CSDApplicationUpdateSerializer(serializers.Serializer):
    motivation = serializers.CharField(required=False)
    contact_email = serializers.EmailField(required=False, allow_blank=True)


class CSDReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CSDReleaseResultSerializer(serializers.Serializer):
    released = CSDDelegateSerializer()
    promoted = CSDDelegateSerializer(allow_null=True)


class CSDReviewSerializer(serializers.ModelSerializer):
    reviewer_name = serializers.SerializerMethodField()

    class Meta:
        model = Review
        fields = [
            "id",
            "application",
            "reviewer",
            "reviewer_name",
            "score",
            "comment",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_reviewer_name(self, obj) -> str:
        user = obj.reviewer.user
        return user.get_full_name() or user.get_username()


class CSDReviewWriteSerializer(serializers.Serializer):
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.none())
    score = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        if applications is not None:
            self.fields["application"].queryset = applications


class CSDReviewUpdateSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    comment = serializers.CharField(required=False, allow_blank=True, default="")


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
        help_text="The policy's verdict before staff adjustments (same values as outcome).",
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


class CSDSessionSerializer(serializers.ModelSerializer):
    is_flagged = serializers.BooleanField(read_only=True)

    class Meta:
        model = CSDSession
        fields = [
            "id",
            "csd_edition",
            "code",
            "title",
            "theme",
            "origin",
            "is_flagged",
            "government_session_label",
            "description",
            "starts_at",
        ]


class CSDRecommendationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Recommendation
        fields = [
            "id",
            "csd_edition",
            "session",
            "title",
            "text",
            "addressed_theme",
            "addressed_session_label",
            "is_published",
        ]


class CSDCommonSpaceParticipantSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = CommonSpaceParticipant
        fields = ["id", "session", "side", "country", "delegate", "organisation", "role", "name"]

    def get_name(self, obj) -> str:
        if obj.delegate_id:
            return obj.delegate.full_name
        return str(obj.country or obj.organisation)


class CSDCommonSpaceSessionSerializer(serializers.ModelSerializer):
    participants = CSDCommonSpaceParticipantSerializer(many=True, read_only=True)
    has_both_sides = serializers.SerializerMethodField()

    class Meta:
        model = CommonSpaceSession
        fields = [
            "id",
            "csd_edition",
            "title",
            "theme",
            "date",
            "description",
            "has_both_sides",
            "participants",
        ]

    def get_has_both_sides(self, obj) -> bool:
        sides = {p.side for p in obj.participants.all()}
        return {"government", "civil_society"} <= sides


class CSDPeoplesGlobalActionDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PeoplesGlobalActionDocument
        fields = ["id", "csd_edition", "title", "summary", "url", "presented_on"]


class CSDFriendsRepresentativeSerializer(serializers.ModelSerializer):
    delegate_name = serializers.CharField(source="delegate.full_name", read_only=True)
    meeting_title = serializers.CharField(source="meeting.title", read_only=True)

    class Meta:
        model = FriendsRepresentative
        fields = ["id", "delegate", "delegate_name", "meeting", "meeting_title", "attendance"]
        read_only_fields = ["attendance"]
