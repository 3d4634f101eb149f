"""Applications, nominated delegates and reviews.

The application and delegate payloads are output specs (gfmd/platform/api/outputs.py).
"""

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
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
from gfmd.platform.api.outputs import Column, Expr, Nested, OutputSpec
from gfmd.platform.api.serializers import AnswersWithReadPayload


def _text():
    return serializers.CharField(read_only=True)


CSD_DELEGATE = OutputSpec(
    Delegate,
    "CSDDelegate",
    {
        "id": Column(),
        "application": Column(),
        "csd_edition": Column(),
        "organisation": Column("application__organisation__organisation__name", _text()),
        "position": Column(),
        "full_name": Column(),
        "email": Column(),
        "gender": Column(),
        "country": Column("country__iso3", CountryField(read_only=True)),
        "expertise": Column(),
        "roundtable_interests": Column(),
        "status": Column(),
        "waitlist_position": Column(),
        "decided_at": Column(),
    },
)
CSDDelegateSerializer = CSD_DELEGATE.serializer()


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


def _review_count():
    reviews = (
        Review.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(n=Count("id"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(reviews), 0)


CSD_APPLICATION = OutputSpec(
    Application,
    "CSDApplication",
    {
        "id": Column(),
        "csd_edition": Column(),
        "organisation": Column(),
        "organisation_name": Column("organisation__organisation__name", _text()),
        "sector": Column("organisation__sector", _text()),
        "motivation": Column(),
        "contact_email": Column(),
        "status": Column(),
        "source": Column(),
        "external_ref": Column(),
        "submitted_at": Column(),
        "review_count": Expr(_review_count, serializers.IntegerField(read_only=True)),
        "delegates": Nested(CSD_DELEGATE, link="application", order_by=("position", "id")),
    },
)
CSDApplicationSerializer = CSD_APPLICATION.serializer()


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
