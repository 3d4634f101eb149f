"""Serializers of the papers: documents, versions, inputs and who may see what.

The inputs' read payload is an output spec (gfmd/platform/api/outputs.py); the session,
co-chair and team payloads stay in roundtables/api/serializers.py.
"""

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.api.serializers import CountryField
from gfmd.enums import DevelopmentStatus
from gfmd.models import Edition, Mechanism, MeetingDecision, Organisation, WorkingGroup
from gfmd.platform.api.outputs import Column, Expr, OutputSpec
from gfmd.platform.api.serializers import AnswersWithReadPayload
from gfmd.platform.transitions import allowed_transitions
from roundtables.api.serializers import NullableText, text_field
from roundtables.enums import (
    PAPER_KINDS,
    PAPER_TRANSITIONS,
    ROUNDTABLE_PAPER,
    VERSION_STAGES,
    AccessRole,
    Decision,
)
from roundtables.models import (
    Input,
    PaperVersion,
    Session,
    WorkingPaper,
)
from roundtables.models.programme import session_code_expression


class WorkingPaperSerializer(serializers.ModelSerializer):
    session_code = serializers.CharField(
        source="session.code",
        read_only=True,
        allow_null=True,
        help_text=_("Roundtable working papers only; null for the Chair's documents."),
    )
    edition = serializers.IntegerField(source="edition_id", read_only=True)
    final_version_number = serializers.IntegerField(
        source="final_version.number", read_only=True, allow_null=True
    )
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = WorkingPaper
        fields = [
            "id",
            "kind",
            "session",
            "session_code",
            "edition",
            "title",
            "state",
            "state_changed_at",
            "consultation_deadline",
            "consultation_round",
            "final_version",
            "final_version_number",
            "is_public",
            "published_at",
            "working_group",
            "adoption",
            "transitions",
        ]
        read_only_fields = [f for f in fields if f != "title"]

    def get_transitions(self, obj) -> list[str]:
        """Operations the paper's state allows next (permissions aside)."""
        return [t.name for t in allowed_transitions(obj, table=PAPER_TRANSITIONS)]


class DocumentCreateSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = WorkingPaperSerializer
    kind = serializers.ChoiceField(
        choices=[
            (value, spec.label) for value, spec in PAPER_KINDS.items() if value != ROUNDTABLE_PAPER
        ],
        help_text=_(
            "One of the Chair's documents or an outcome document (roundtable papers come "
            "with their session)."
        ),
    )
    edition = serializers.PrimaryKeyRelatedField(queryset=Edition.objects.all())
    session = serializers.PrimaryKeyRelatedField(
        queryset=Session.objects.select_related("roundtable"),
        required=False,
        allow_null=True,
        help_text=_("The session a rapporteur report reports on (per-session kinds only)."),
    )
    title = serializers.CharField(max_length=300)
    working_group = serializers.PrimaryKeyRelatedField(
        queryset=WorkingGroup.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Working group deliverables only: the group that drafts it."),
    )


class AdoptSerializer(serializers.Serializer):
    decision = serializers.PrimaryKeyRelatedField(
        queryset=MeetingDecision.objects.all(),
        help_text=_("The Steering Group decision (on a meeting's agenda item) adopting it."),
    )


class PublishSerializer(serializers.Serializer):
    """Publishing or distributing an outcome document of a Chatham House meeting: staff may
    override the attribution guard, with the reason recorded in the activity log."""

    reason = serializers.CharField(required=False, allow_blank=True, default="")
    override_chatham_house = serializers.BooleanField(required=False, default=False)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class SummaryGroupSerializer(serializers.Serializer):
    region = serializers.CharField(help_text=_("M49 region."))
    development_status = serializers.ChoiceField(choices=DevelopmentStatus.choices)
    development_status_label = serializers.CharField()
    countries = serializers.IntegerField()
    inputs = serializers.IntegerField()
    names = serializers.ListField(child=serializers.CharField())


class InputSummarySerializer(serializers.Serializer):
    paper = serializers.IntegerField()
    consultation_round = serializers.IntegerField(allow_null=True)
    inputs = serializers.IntegerField()
    countries = serializers.IntegerField()
    organisations = serializers.IntegerField()
    by_region = SummaryGroupSerializer(many=True)
    organisation_names = serializers.ListField(child=serializers.CharField())
    mechanisms = serializers.IntegerField(
        help_text=_("Stakeholder mechanisms that commented (counted apart from governments).")
    )
    mechanism_names = serializers.ListField(child=serializers.CharField())


class OpenConsultationSerializer(serializers.Serializer):
    deadline = serializers.DateTimeField()
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class FinaliseSerializer(serializers.Serializer):
    version = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Version number; default the latest.")
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class PaperVersionSerializer(serializers.ModelSerializer):
    author_name = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    included_inputs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = PaperVersion
        fields = [
            "id",
            "paper",
            "number",
            "kind",
            "original_filename",
            "content_type",
            "size",
            "checksum",
            "note",
            "author_name",
            "created_at",
            "stage",
            "released",
            "included_inputs",
            "download_url",
        ]
        read_only_fields = fields

    def get_author_name(self, obj) -> str:
        return (obj.author.get_full_name() or obj.author.get_username()) if obj.author else ""

    def get_download_url(self, obj) -> str:
        return reverse("roundtables-version-download", args=[obj.pk])


class VersionCreateSerializer(serializers.Serializer):
    file = serializers.FileField(required=False, help_text=_("PDF, DOCX or ODT."))
    text = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        has_file, has_text = bool(attrs.get("file")), bool(attrs.get("text", "").strip())
        if has_file == has_text:
            raise serializers.ValidationError(_("Give either a file or a text revision."))
        return attrs


class VersionDiffSerializer(serializers.Serializer):
    from_version = serializers.IntegerField()
    to_version = serializers.IntegerField()
    diff = serializers.CharField()


def _body_name():
    """`Input.body` written as text: the country's name, the mechanism's, or the
    organisation's."""
    return Case(
        When(country__isnull=False, then=F("country__name")),
        When(mechanism__isnull=False, then=F("mechanism__name")),
        When(
            organisation__acronym__gt="",
            then=Concat(
                F("organisation__name"), Value(" ("), F("organisation__acronym"), Value(")")
            ),
        ),
        default=F("organisation__name"),
        output_field=CharField(),
    )


def _attachment_url():
    marker = "987654321"
    before, after = reverse("roundtables-input-attachment", args=[marker]).split(marker)
    return Case(
        When(Q(attachment="") | Q(attachment__isnull=True), then=Value(None)),
        default=Concat(Value(before), Cast("id", CharField()), Value(after)),
        output_field=CharField(),
    )


INPUT = OutputSpec(
    Input,
    "Input",
    {
        "id": Column(),
        "paper": Column(),
        # null: an input to one of the Chair's documents (no session)
        "session_code": Expr(
            lambda: Case(
                When(paper__session__isnull=True, then=Value(None)),
                default=session_code_expression("paper__session__"),
                output_field=CharField(),
            ),
            serializers.CharField(read_only=True, allow_null=True),
        ),
        "consultation_round": Column(),
        # exactly one of the three is set; the others are null
        "country": Column("country__iso3", CountryField(read_only=True, allow_null=True)),
        "organisation": Column(),
        "mechanism": Column(),
        "body_name": Expr(_body_name, text_field()),
        "submitted_at": Column(),
        "text": Column(),
        "evidence": Column(),
        "attachment_name": Column(),
        "attachment_size": Column(),
        "attachment_checksum": Column(),
        "attachment_url": Expr(_attachment_url, NullableText(read_only=True)),
        "decision": Column(),
        "decision_reason": Column(),
        "decided_at": Column(),
    },
)
InputSerializer = INPUT.serializer()


class InputSubmitSerializer(serializers.Serializer):
    text = serializers.CharField()
    evidence = serializers.CharField(
        required=False, allow_blank=True, default="", help_text=_("References and links.")
    )
    attachment = serializers.FileField(required=False, help_text=_("PDF, DOCX or ODT."))
    country = CountryField(required=False, allow_null=True)
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    mechanism = serializers.PrimaryKeyRelatedField(
        queryset=Mechanism.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A stakeholder mechanism's input (its focal point may leave it out)."),
    )


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Decision.choices)
    reason = serializers.CharField()


class AccessGrantSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=AccessRole.choices)
    explanation = serializers.CharField()


class VersionAccessSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    stage = serializers.ChoiceField(
        choices=VERSION_STAGES, help_text=_("The paper's state when the version was made.")
    )
    visible = serializers.BooleanField()
    explanation = serializers.CharField()


class PaperAccessSerializer(serializers.Serializer):
    visible = serializers.BooleanField()
    grants = AccessGrantSerializer(many=True)
    can_manage = serializers.BooleanField()
    can_submit_input = serializers.BooleanField()
    versions = VersionAccessSerializer(
        many=True, help_text=_("Every version of the paper: whether the caller sees it, and why.")
    )
