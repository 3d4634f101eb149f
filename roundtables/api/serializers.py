"""Serializers: shape and field validation only; saving goes through services (views).

The read payloads of sessions, co-chairs, team members and inputs are output specs
(gfmd/platform/api/outputs.py): one declaration gives the schema, the lists and the other responses.
"""

from django.db.models import Case, CharField, F, Q, Value, When
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gfmd.api.serializers import CountryField
from gfmd.enums import DevelopmentStatus
from gfmd.models import Edition, Mechanism, MeetingDecision, Organisation, WorkingGroup
from gfmd.platform.api.content import (
    MISSING_HELP,
    TranslatedContentMixin,
    translated_field_names,
)
from gfmd.platform.api.outputs import Column, Expr, Nested, OutputSpec
from gfmd.platform.api.serializers import AnswersWithReadPayload
from gfmd.platform.content import missing_json
from gfmd.platform.transitions import allowed_transitions
from roundtables.enums import (
    PAPER_KINDS,
    PAPER_TRANSITIONS,
    ROUNDTABLE_PAPER,
    VERSION_STAGES,
    AccessRole,
    Decision,
)
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
from roundtables.models.programme import session_code_expression
from roundtables.selectors.programme import is_ready_expression, open_seats_json


def _text():
    return serializers.CharField(read_only=True)


class ThemeSessionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    edition = serializers.IntegerField(source="roundtable.edition_id", read_only=True)
    edition_title = serializers.CharField(source="roundtable.edition.title", read_only=True)

    class Meta:
        model = Session
        fields = ["id", "code", "title", "edition", "edition_title"]


class ThemeSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["name", "description"]
    session_count = serializers.IntegerField(read_only=True)
    edition_count = serializers.IntegerField(read_only=True)
    sessions = ThemeSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Theme
        fields = [
            "id",
            *translated_field_names("name", "description"),
            "is_emerging",
            "session_count",
            "edition_count",
            "sessions",
        ]


class RoundtableSessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["id", "number", "title"]


class RoundtableSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["title"]
    sessions = RoundtableSessionSerializer(many=True, read_only=True)

    class Meta:
        model = Roundtable
        fields = ["id", "edition", "number", *translated_field_names("title"), "sessions"]


SESSION_PAPER_STATUS = OutputSpec(
    WorkingPaper,
    "SessionPaperStatus",
    {
        "id": Column(),
        "title": Column(),
        "state": Column(
            field=serializers.CharField(read_only=True, help_text=_("The paper's state."))
        ),
        "consultation_deadline": Column(),
    },
    read_only=False,
)
SessionPaperStatusSerializer = SESSION_PAPER_STATUS.serializer()


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


@extend_schema_field({"type": "string", "nullable": True})
class _NullableText(serializers.CharField):
    """A text or null (keeps the schema a method field gave before output specs)."""


def _session_country_fields() -> dict:
    """The fields a co-chair and a team place share: which session, which government."""
    return {
        "id": Column(),
        "session": Column(),
        "session_code": Expr(lambda: session_code_expression("session__"), _text()),
        "country": Column("country__iso3", CountryField(read_only=True)),
        "country_name": Column("country__name", _text()),
        "state": Column(),
    }


COCHAIR = OutputSpec(
    CoChair,
    "CoChair",
    {
        **_session_country_fields(),
        "origin": Column(),
        "seat": Column(),
        "proposed_at": Column(),
        "decided_at": Column(),
        "reason": Column(),
    },
)
CoChairSerializer = COCHAIR.serializer()


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


TEAM_MEMBERSHIP = OutputSpec(
    TeamMembership,
    "TeamMembership",
    {
        **_session_country_fields(),
        # a stakeholder mechanism on the team: `mechanism` set, `country` null
        "country": Column("country__iso3", CountryField(read_only=True, allow_null=True)),
        "country_name": Column("country__name", _NullableText(read_only=True)),
        "mechanism": Column(),
        "requested_at": Column(),
        "decided_at": Column(),
        "reason": Column(),
    },
)
TeamMembershipSerializer = TEAM_MEMBERSHIP.serializer()


class TeamRequestSerializer(AnswersWithReadPayload, serializers.Serializer):
    read_serializer = TeamMembershipSerializer
    session = serializers.PrimaryKeyRelatedField(queryset=Session.objects.all())
    country = CountryField(required=False, allow_null=True)
    mechanism = serializers.PrimaryKeyRelatedField(
        queryset=Mechanism.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("A stakeholder mechanism joining the team (staff only), instead of a country."),
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def validate(self, attrs):
        if (attrs.get("country") is None) == (attrs.get("mechanism") is None):
            raise serializers.ValidationError(
                {"country": [_("Name one government or one mechanism.")]}
            )
        return attrs


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
        "body_name": Expr(_body_name, _text()),
        "submitted_at": Column(),
        "text": Column(),
        "evidence": Column(),
        "attachment_name": Column(),
        "attachment_size": Column(),
        "attachment_checksum": Column(),
        "attachment_url": Expr(_attachment_url, _NullableText(read_only=True)),
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


SESSION_TRANSLATED = ["title", "description"]

SESSION = OutputSpec(
    Session,
    "Session",
    {
        "id": Column(),
        "code": Expr(session_code_expression, _text()),
        "edition": Column("roundtable__edition_id", serializers.IntegerField(read_only=True)),
        "roundtable": Column(),
        "number": Column(),
        "title": Column(translated=True),
        "title_fr": Column(),
        "title_es": Column(),
        "theme": Column(),
        "theme_name": Column("theme__name", _text()),
        "description": Column(translated=True),
        "description_fr": Column(),
        "description_es": Column(),
        "observers_may_submit": Column(),
        "slot_start": Column(),
        "slot_end": Column(),
        "room": Column(),
        "cochairs": Nested(COCHAIR, link="session"),
        "team": Nested(TEAM_MEMBERSHIP, link="session"),
        "open_seats": Expr(
            open_seats_json,
            serializers.ListField(child=serializers.CharField(), read_only=True),
            kind="raw",
        ),
        "is_ready": Expr(is_ready_expression, serializers.BooleanField(read_only=True), "bool"),
        "paper": Nested(
            SESSION_PAPER_STATUS, link="session", many=False, where={"kind": ROUNDTABLE_PAPER}
        ),
        "translated_fields_missing": Expr(
            lambda: missing_json(SESSION_TRANSLATED),
            serializers.ListField(
                child=serializers.CharField(),
                read_only=True,
                help_text=MISSING_HELP,
            ),
            kind="raw",
        ),
    },
    read_only=False,  # the resource's shape: its own fields as the write serializer's
)
SessionSerializer = SESSION.serializer()


class SessionWriteSerializer(AnswersWithReadPayload, serializers.ModelSerializer):
    read_serializer = SessionSerializer

    class Meta:
        model = Session
        fields = [
            "roundtable",
            "number",
            "title",
            "title_fr",
            "title_es",
            "theme",
            "description",
            "description_fr",
            "description_es",
            "observers_may_submit",
            "slot_start",
            "slot_end",
            "room",
        ]
