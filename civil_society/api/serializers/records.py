"""CSD editions, the advisory committee, the programme and its outputs."""

from rest_framework import serializers

from civil_society.models import (
    AdvisoryCommitteeMember,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    Recommendation,
)
from gfmd.api.serializers import CountryField
from gfmd.platform.api.content import TranslatedContentMixin, translated_field_names


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
            "government_session",
            "description",
            "starts_at",
        ]


class CSDRecommendationSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["title", "text"]

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "csd_edition",
            "session",
            *translated_field_names("title", "text"),
            "addressed_theme",
            "addressed_session_label",
            "addressed_session",
            "is_published",
        ]


class CSDCommonSpaceParticipantSerializer(serializers.ModelSerializer):
    country = CountryField(required=False, allow_null=True)
    name = serializers.SerializerMethodField()

    class Meta:
        model = CommonSpaceParticipant
        fields = [
            "id",
            "session",
            "side",
            "country",
            "delegate",
            "organisation",
            "mechanism",
            "role",
            "name",
        ]

    def get_name(self, obj) -> str:
        if obj.delegate_id:
            return obj.delegate.full_name
        return str(obj.country or obj.organisation or obj.mechanism)


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
