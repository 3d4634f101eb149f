"""Payloads of the Platform for Partnerships. The practice payload is an output spec
(gfmd/platform/api/outputs.py): the public list is the hot one."""

from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.api.serializers import CountryField
from gfmd.models import Edition, Organisation
from gfmd.platform.api.content import MISSING_HELP, TranslatedContentMixin, translated_field_names
from gfmd.platform.api.outputs import Column, Expr, Nested, OutputSpec
from gfmd.platform.api.serializers import AnswersWithReadPayload
from gfmd.platform.content import missing_json
from partnerships.enums import ContentLanguage
from partnerships.models import Practice, PracticeTag, TalkCall, TalkProposal, TalkReview
from roundtables.models import Session, Theme, WorkingPaper

PRACTICE_TRANSLATED = ["title", "summary"]


def _text():
    return serializers.CharField(read_only=True)


PRACTICE_COUNTRY = OutputSpec(
    Practice.countries.through,
    "PracticeCountry",
    {
        "iso3": Column("country__iso3", _text()),
        "name": Column("country__name", _text()),
    },
)
PRACTICE_THEME = OutputSpec(
    Practice.themes.through,
    "PracticeTheme",
    {
        "id": Column("theme_id", serializers.IntegerField(read_only=True)),
        "name": Column("theme__name", _text(), translated=True),
    },
)
PRACTICE_ORGANISATION = OutputSpec(
    Practice.organisations.through,
    "PracticeOrganisation",
    {
        "id": Column("organisation_id", serializers.IntegerField(read_only=True)),
        "name": Column("organisation__name", _text()),
    },
)

PRACTICE_TAG = OutputSpec(
    PracticeTag,
    "PracticeTag",
    {
        "scheme": Column(),
        "objective": Column("objective__number", serializers.IntegerField(read_only=True)),
        "sdg_target": Column("sdg_target__code", _text()),
    },
)


def _has_image():
    return Case(When(image="", then=Value(False)), default=Value(True))


PRACTICE = OutputSpec(
    Practice,
    "Practice",
    {
        "id": Column(),
        "title": Column(translated=True),
        "title_fr": Column(),
        "title_es": Column(),
        "summary": Column(translated=True),
        "summary_fr": Column(),
        "summary_es": Column(),
        "original_language": Column(),
        "languages": Column(
            field=serializers.ListField(child=serializers.CharField(), read_only=True)
        ),
        "is_global": Column(),
        "countries": Nested(PRACTICE_COUNTRY, link="practice", order_by=("country__iso3",)),
        "organisations": Nested(PRACTICE_ORGANISATION, link="practice", order_by=("id",)),
        "other_partners": Column(),
        "themes": Nested(PRACTICE_THEME, link="practice", order_by=("theme_id",)),
        "tags": Nested(PRACTICE_TAG, link="subject", order_by=("scheme", "id")),
        "source_edition": Column(),
        "source_session": Column(),
        "source_paper": Column(),
        "contact_name": Column(),
        "contact_email": Column(),
        "has_image": Expr(_has_image, serializers.BooleanField(read_only=True), "bool"),
        "state": Column(),
        "return_reason": Column(),
        "external_ref": Column(),
        "published_at": Column(),
        "translated_fields_missing": Expr(
            lambda: missing_json(PRACTICE_TRANSLATED),
            serializers.ListField(
                child=serializers.CharField(), read_only=True, help_text=MISSING_HELP
            ),
            kind="raw",
        ),
    },
    doc="A practice of the Platform for Partnerships.",
)
PracticeSerializer = PRACTICE.serializer()


class PracticeWriteSerializer(AnswersWithReadPayload, serializers.ModelSerializer):
    read_serializer = PracticeSerializer
    countries = CountryField(many=True, required=False)
    organisations = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Organisation.objects.all()
    )
    themes = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=Theme.objects.all()
    )
    source_edition = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=Edition.objects.all()
    )
    source_session = serializers.PrimaryKeyRelatedField(
        required=False, allow_null=True, queryset=Session.objects.select_related("roundtable")
    )
    source_paper = serializers.PrimaryKeyRelatedField(
        required=False,
        allow_null=True,
        queryset=WorkingPaper.objects.select_related("session__roundtable"),
    )
    languages = serializers.ListField(
        child=serializers.CharField(max_length=3), required=False, default=list
    )
    original_language = serializers.ChoiceField(
        choices=ContentLanguage.choices, required=False, default=ContentLanguage.EN
    )
    external_ref = serializers.CharField(
        max_length=100,
        required=False,
        allow_blank=True,
        default="",
        help_text=_("Partner systems: your id; resubmitting it returns the same practice."),
    )
    objectives = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=23),
        required=False,
        help_text=_("Numbers of the Global Compact objectives (outcomes' tagging)."),
    )
    sdg_targets = serializers.ListField(
        child=serializers.CharField(max_length=10),
        required=False,
        help_text=_("Codes of SDG targets, e.g. 10.7."),
    )

    class Meta:
        model = Practice
        fields = [
            *translated_field_names(*PRACTICE_TRANSLATED),
            "original_language",
            "languages",
            "is_global",
            "countries",
            "organisations",
            "other_partners",
            "themes",
            "source_edition",
            "source_session",
            "source_paper",
            "contact_name",
            "contact_email",
            "external_ref",
            "objectives",
            "sdg_targets",
        ]


class PracticeUpdateSerializer(PracticeWriteSerializer):
    class Meta(PracticeWriteSerializer.Meta):
        fields = [f for f in PracticeWriteSerializer.Meta.fields if f != "external_ref"]


class PracticeReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PracticeImageSerializer(serializers.Serializer):
    image = serializers.FileField(help_text=_("PNG, JPEG or GIF; re-encoded. No SVG."))


class TalkCallSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["title"]

    class Meta:
        model = TalkCall
        fields = [
            "id",
            "edition",
            *translated_field_names("title"),
            "places",
            "waitlist_size",
            "min_reviews",
            "max_per_organisation",
            "state",
            "warnings",
        ]
        read_only_fields = ["state", "warnings"]


class TalkProposalSerializer(serializers.ModelSerializer):
    review_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = TalkProposal
        fields = [
            "id",
            "call",
            "practice",
            "title",
            "abstract",
            "proponent_name",
            "proponent_email",
            "organisation",
            "submitted_at",
            "review_count",
            "outcome",
            "rank",
            "waitlist_position",
            "reason",
        ]
        read_only_fields = ["submitted_at", "outcome", "rank", "waitlist_position", "reason"]


class TalkProposalWriteSerializer(AnswersWithReadPayload, serializers.ModelSerializer):
    read_serializer = TalkProposalSerializer

    class Meta:
        model = TalkProposal
        fields = [
            "call",
            "practice",
            "title",
            "abstract",
            "proponent_name",
            "proponent_email",
            "organisation",
        ]


class TalkReviewSerializer(serializers.ModelSerializer):
    class Meta:
        model = TalkReview
        fields = ["id", "proposal", "reviewer", "score", "comment"]
        read_only_fields = ["reviewer"]


class TalkReviewWriteSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = TalkReviewSerializer
    proposal = serializers.PrimaryKeyRelatedField(queryset=TalkProposal.objects.all())
    score = serializers.IntegerField(min_value=1, max_value=5)
    comment = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, proposals=None, **kwargs):
        super().__init__(*args, **kwargs)
        if proposals is not None:
            self.fields["proposal"].queryset = proposals


class TalkSelectionSerializer(serializers.Serializer):
    selected = serializers.IntegerField()
    waitlisted = serializers.IntegerField()
    out = serializers.IntegerField()
    warnings = serializers.ListField(child=serializers.CharField())
