"""Payloads of the outcomes API (read and write shapes declared once each)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.models import Country, Edition, Organisation
from outcomes.enums import Addressee, FollowUpStatus, Scheme
from outcomes.exports import section_text
from outcomes.models import (
    EditionTagging,
    FollowUp,
    IMRFReport,
    Objective,
    Recommendation,
    ReportingOptOut,
    ReportSection,
    SDGTarget,
)
from outcomes.models.recommendations import outcome_document_error
from roundtables.models import Session, WorkingPaper


def _shown(obj, field: str) -> str:
    """The active language's column, else the original (as gfmd.platform.content)."""
    from gfmd.platform.content import column_for

    column = column_for(field)
    return (getattr(obj, column) if column else "") or getattr(obj, field)


class ObjectiveSerializer(serializers.ModelSerializer):
    short_title = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    title_is_official_english = serializers.SerializerMethodField()

    class Meta:
        model = Objective
        fields = ["id", "number", "short_title", "title", "title_is_official_english"]

    def get_short_title(self, obj) -> str:
        return _shown(obj, "short_title")

    def get_title(self, obj) -> str:
        return _shown(obj, "title")

    def get_title_is_official_english(self, obj) -> bool:
        """True when the title is shown in English (no checked translation yet)."""
        from gfmd.platform.content import column_for

        column = column_for("title")
        return bool(column) and not getattr(obj, column)


class SDGTargetSerializer(serializers.ModelSerializer):
    summary = serializers.SerializerMethodField()

    class Meta:
        model = SDGTarget
        fields = ["id", "code", "goal", "summary"]
        read_only_fields = ["goal"]

    def get_summary(self, obj) -> str:
        return _shown(obj, "summary")


class SDGTargetWriteSerializer(serializers.ModelSerializer):
    class Meta:
        model = SDGTarget
        fields = ["id", "code", "summary", "summary_fr", "summary_es"]


class EditionTaggingSerializer(serializers.ModelSerializer):
    edition = serializers.PrimaryKeyRelatedField(queryset=Edition.objects.all())
    scheme = serializers.ChoiceField(choices=Scheme.choices)

    class Meta:
        model = EditionTagging
        fields = ["id", "edition", "scheme", "switched_on_at"]
        read_only_fields = ["switched_on_at"]
        validators = []  # the service answers a repeated switch with the existing row


class OptOutSerializer(serializers.ModelSerializer):
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=Country.objects.all())
    edition = serializers.PrimaryKeyRelatedField(
        queryset=Edition.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = ReportingOptOut
        fields = ["id", "country", "edition", "reason", "recorded_at"]
        read_only_fields = ["recorded_at"]
        validators = []  # the model's constraints are checked by record_save (full_clean)


class TagsSerializer(serializers.Serializer):
    objectives = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=23), required=False
    )
    sdg_targets = serializers.ListField(child=serializers.CharField(max_length=6), required=False)


class FollowUpSerializer(serializers.ModelSerializer):
    edition_year = serializers.IntegerField(source="edition.year_start", read_only=True)
    reporting_country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), allow_null=True, required=False
    )
    reporting_organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), allow_null=True, required=False
    )
    recommendation = serializers.PrimaryKeyRelatedField(queryset=Recommendation.objects.all())
    edition = serializers.PrimaryKeyRelatedField(queryset=Edition.objects.all())
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    evidence_shown = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "recommendation",
            "edition",
            "edition_year",
            "status",
            "evidence",
            "evidence_fr",
            "evidence_es",
            "evidence_shown",
            "reporting_country",
            "reporting_organisation",
            "recorded_at",
        ]
        read_only_fields = ["recorded_at"]

    def get_evidence_shown(self, obj) -> str:
        return _shown(obj, "evidence")


class NestedFollowUpSerializer(serializers.ModelSerializer):
    edition_year = serializers.IntegerField(source="edition.year_start")
    # exactly one of the two is set: the other is null
    reporting_country = serializers.SlugRelatedField(
        slug_field="iso3", read_only=True, allow_null=True
    )
    reporting_organisation = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "edition",
            "edition_year",
            "status",
            "evidence",
            "reporting_country",
            "reporting_organisation",
        ]

    def get_evidence(self, obj) -> str:
        return _shown(obj, "evidence")


class RecommendationSerializer(serializers.ModelSerializer):
    edition = serializers.PrimaryKeyRelatedField(queryset=Edition.objects.all())
    edition_year = serializers.IntegerField(source="edition.year_start", read_only=True)
    session = serializers.PrimaryKeyRelatedField(
        queryset=Session.objects.all(), allow_null=True, required=False
    )
    outcome_document = serializers.PrimaryKeyRelatedField(
        queryset=WorkingPaper.objects.all(),
        allow_null=True,
        required=False,
        help_text=_(
            "The outcome document of the recommendation's edition it comes from (a rapporteur "
            "report, the Chair's conclusions or the Report of Proceedings)."
        ),
    )
    outcome_document_title = serializers.CharField(
        source="outcome_document.title", read_only=True, default=None, allow_null=True
    )
    addressed_to = serializers.ChoiceField(choices=Addressee.choices)
    title_shown = serializers.SerializerMethodField()
    text_shown = serializers.SerializerMethodField()
    latest_status = serializers.SerializerMethodField()
    follow_ups = NestedFollowUpSerializer(many=True, read_only=True)
    objectives = serializers.SerializerMethodField()
    sdg_targets = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "edition",
            "edition_year",
            "session",
            "outcome_document",
            "outcome_document_title",
            "source_label",
            "title",
            "title_fr",
            "title_es",
            "text",
            "text_fr",
            "text_es",
            "title_shown",
            "text_shown",
            "addressed_to",
            "latest_status",
            "follow_ups",
            "objectives",
            "sdg_targets",
        ]

    def validate(self, attrs):
        """An outcome kind of the recommendation's edition (a clear 400, not the trigger's)."""
        document = attrs.get("outcome_document")
        edition = attrs.get("edition") or getattr(self.instance, "edition", None)
        if document is not None and edition is not None:
            error = outcome_document_error(
                Recommendation(edition=edition, outcome_document=document)
            )
            if error:
                raise serializers.ValidationError({"outcome_document": [error]})
        return attrs

    def get_title_shown(self, obj) -> str:
        return _shown(obj, "title")

    def get_text_shown(self, obj) -> str:
        return _shown(obj, "text")

    def get_latest_status(self, obj) -> str | None:
        return getattr(obj, "latest_status", None)

    def get_objectives(self, obj) -> list[int]:
        return sorted(t.objective.number for t in obj.tags.all() if t.objective_id)

    def get_sdg_targets(self, obj) -> list[str]:
        return sorted(t.sdg_target.code for t in obj.tags.all() if t.sdg_target_id)


class ReportSectionSerializer(serializers.ModelSerializer):
    heading_shown = serializers.SerializerMethodField()
    text_shown = serializers.SerializerMethodField()
    objective = serializers.SerializerMethodField()

    class Meta:
        model = ReportSection
        fields = [
            "id",
            "report",
            "key",
            "position",
            "objective",
            "origin",
            "stale",
            "heading_shown",
            "text_shown",
            "generated_body",
            "generated_body_fr",
            "generated_body_es",
            "edited_body",
            "edited_body_fr",
            "edited_body_es",
            "counts",
            "sources",
            "edited_at",
        ]
        read_only_fields = fields

    def get_objective(self, obj) -> int | None:
        """The GCM objective's number (none for the introduction)."""
        return obj.objective.number if obj.objective_id else None

    def _language(self) -> str:
        from django.utils import translation

        language = (translation.get_language() or "en")[:2]
        return language if language in ("fr", "es") else "en"

    def get_heading_shown(self, obj) -> str:
        return section_text(obj, self._language())[0]

    def get_text_shown(self, obj) -> str:
        return section_text(obj, self._language())[1]


class SectionEditSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=200_000)
    body_fr = serializers.CharField(max_length=200_000, required=False, allow_blank=True)
    body_es = serializers.CharField(max_length=200_000, required=False, allow_blank=True)


class IMRFReportSerializer(serializers.ModelSerializer):
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)

    class Meta:
        model = IMRFReport
        fields = [
            "id",
            "title",
            "year_from",
            "year_to",
            "state",
            "generation",
            "progress",
            "generation_error",
            "generated_at",
            "created_at",
        ]
        read_only_fields = [
            "state",
            "generation",
            "progress",
            "generation_error",
            "generated_at",
            "created_at",
        ]

    def validate(self, attrs):
        if attrs["year_to"] < attrs["year_from"]:
            raise serializers.ValidationError(
                {"year_to": [_("The period cannot end before it starts.")]}
            )
        return attrs


class ReportReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
