"""Applications, nominated delegates and reviews."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from civil_society.enums import Gender
from civil_society.models import (
    Application,
    CivilSocietyOrganisation,
    CSDEdition,
    Delegate,
    Review,
)
from civil_society.models.applications import SCORE_MAX, SCORE_MIN
from gfmd.api.serializers import CountryField
from gfmd.platform.api.serializers import AnswersWithReadPayload


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
        choices=[("", _("Not given")), *Gender.choices], required=False, default=""
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


class CSDApplicationSubmitSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = CSDApplicationSerializer
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
        help_text=_("Partner systems: your id; resubmitting it returns the same application."),
    )
    delegates = CSDNominationSerializer(many=True)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class CSDApplicationUpdateSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = CSDApplicationSerializer
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


class CSDReviewWriteSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = CSDReviewSerializer
    application = serializers.PrimaryKeyRelatedField(queryset=Application.objects.none())
    score = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        if applications is not None:
            self.fields["application"].queryset = applications


class CSDReviewUpdateSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = CSDReviewSerializer
    score = serializers.IntegerField(min_value=SCORE_MIN, max_value=SCORE_MAX)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
