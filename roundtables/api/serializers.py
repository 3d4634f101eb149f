"""Serializers: shape and field validation only; saving goes through services (views)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.api.serializers import CountryField
from gfmd.models import Organisation
from gfmd.platform.api.serializers import AnswersWithReadPayload
from gfmd.platform.transitions import allowed_transitions
from roundtables.enums import PAPER_TRANSITIONS, VERSION_STAGES, AccessRole, Decision
from roundtables.models import (
    CoChair,
    Input,
    PaperVersion,
    Roundtable,
    Session,
    TeamMembership,
    Theme,
    WorkingPaper,
)
from roundtables.selectors.programme import is_ready, open_seats


class ThemeSessionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    edition = serializers.IntegerField(source="roundtable.edition_id", read_only=True)
    edition_title = serializers.CharField(source="roundtable.edition.title", read_only=True)

    class Meta:
        model = Session
        fields = ["id", "code", "title", "edition", "edition_title"]


class ThemeSerializer(serializers.ModelSerializer):
    session_count = serializers.IntegerField(read_only=True)
    edition_count = serializers.IntegerField(read_only=True)
    sessions = ThemeSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = [
            "id",
            "name",
            "description",
            "is_emerging",
            "session_count",
            "edition_count",
            "sessions",
        ]


class RoundtableSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "number", "title"]


class RoundtableSerializer(serializers.ModelSerializer):
    sessions = RoundtableSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Roundtable
        fields = ["id", "edition", "number", "title", "sessions"]


class SessionPaperStatusSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True, help_text=_("The paper's state."))

    class Meta:
        model = WorkingPaper
        fields = ["id", "title", "state", "consultation_deadline"]


class SeatOverviewOpenSeatSerializer(serializers.Serializer):
    session = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    seat = serializers.CharField()


class SeatOverviewMultiSerializer(serializers.Serializer):
    country = serializers.CharField()
    country_name = serializers.CharField()
    sessions = serializers.ListField(child=serializers.CharField())


class SeatOverviewSerializer(serializers.Serializer):
    edition = serializers.IntegerField()
    sessions = serializers.IntegerField()
    ready = serializers.IntegerField()
    open_seats = SeatOverviewOpenSeatSerializer(many=True)
    multi_session_cochairs = SeatOverviewMultiSerializer(many=True)


class CoChairSerializer(serializers.ModelSerializer):
    country = CountryField(read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    session_code = serializers.CharField(source="session.code", read_only=True)

    class Meta:
        model = CoChair
        fields = [
            "id",
            "session",
            "session_code",
            "country",
            "country_name",
            "state",
            "origin",
            "seat",
            "proposed_at",
            "decided_at",
            "reason",
        ]
        read_only_fields = fields


class CoChairProposeSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = CoChairSerializer
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    country = CountryField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class CoChairReplaceSerializer(serializers.Serializer):
    replacement = serializers.PrimaryKeyRelatedField(queryset=CoChair.objects.all())
    reason = serializers.CharField()


class TeamMembershipSerializer(serializers.ModelSerializer):
    country = CountryField(read_only=True)
    country_name = serializers.CharField(source="country.name", read_only=True)
    session_code = serializers.CharField(source="session.code", read_only=True)

    class Meta:
        model = TeamMembership
        fields = [
            "id",
            "session",
            "session_code",
            "country",
            "country_name",
            "state",
            "requested_at",
            "decided_at",
            "reason",
        ]
        read_only_fields = fields


class TeamRequestSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = TeamMembershipSerializer
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    country = CountryField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WorkingPaperSerializer(serializers.ModelSerializer):
    session_code = serializers.CharField(source="session.code", read_only=True)
    edition = serializers.IntegerField(source="session.roundtable.edition_id", read_only=True)
    final_version_number = serializers.IntegerField(
        source="final_version.number", read_only=True, allow_null=True
    )
    transitions = serializers.SerializerMethodField()

    class Meta:
        model = WorkingPaper
        fields = [
            "id",
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
            "transitions",
        ]
        read_only_fields = [f for f in fields if f != "title"]

    def get_transitions(self, obj) -> list[str]:
        """Operations the paper's state allows next (permissions aside)."""
        return [t.name for t in allowed_transitions(obj, table=PAPER_TRANSITIONS)]


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


class InputSerializer(serializers.ModelSerializer):
    country = CountryField(read_only=True, allow_null=True)  # null: an organisation's input
    body_name = serializers.CharField(source="body", read_only=True)
    session_code = serializers.CharField(source="paper.session.code", read_only=True)
    attachment_url = serializers.SerializerMethodField()

    class Meta:
        model = Input
        fields = [
            "id",
            "paper",
            "session_code",
            "consultation_round",
            "country",
            "organisation",
            "body_name",
            "submitted_at",
            "text",
            "evidence",
            "attachment_name",
            "attachment_size",
            "attachment_checksum",
            "attachment_url",
            "decision",
            "decision_reason",
            "decided_at",
        ]
        read_only_fields = fields

    def get_attachment_url(self, obj) -> str | None:
        if not obj.attachment:
            return None
        return reverse("roundtables-input-attachment", args=[obj.pk])


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


class SessionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    edition = serializers.IntegerField(source="roundtable.edition_id", read_only=True)
    theme_name = serializers.CharField(source="theme.name", read_only=True)
    cochairs = CoChairSerializer(many=True, read_only=True)
    team = TeamMembershipSerializer(many=True, read_only=True)
    paper = SessionPaperStatusSerializer(read_only=True)
    open_seats = serializers.SerializerMethodField()
    is_ready = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "code",
            "edition",
            "roundtable",
            "number",
            "title",
            "theme",
            "theme_name",
            "description",
            "observers_may_submit",
            "slot_start",
            "slot_end",
            "room",
            "cochairs",
            "team",
            "open_seats",
            "is_ready",
            "paper",
        ]

    def get_open_seats(self, obj) -> list[str]:
        return open_seats(obj)

    def get_is_ready(self, obj) -> bool:
        return is_ready(obj)


class SessionWriteSerializer(AnswersWithReadPayload, serializers.ModelSerializer):
    read_serializer = SessionSerializer

    class Meta:
        model = Session
        fields = [
            "roundtable",
            "number",
            "title",
            "theme",
            "description",
            "observers_may_submit",
            "slot_start",
            "slot_end",
            "room",
        ]
