"""Serializers: shape and field validation only; saving goes through services (views).

The read payloads of sessions, co-chairs, team members and inputs are output specs
(gfmd/platform/api/outputs.py): one declaration gives the schema, the lists and the other responses.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from gfmd.api.serializers import CountryField
from gfmd.models import Mechanism
from gfmd.platform.api.content import (
    MISSING_HELP,
    TranslatedContentMixin,
    translated_field_names,
)
from gfmd.platform.api.outputs import Column, Expr, Nested, OutputSpec
from gfmd.platform.api.serializers import AnswersWithReadPayload
from gfmd.platform.content import missing_json
from roundtables.enums import (
    ROUNDTABLE_PAPER,
)
from roundtables.models import (
    CoChair,
    Roundtable,
    Session,
    TeamMembership,
    Theme,
    WorkingPaper,
)
from roundtables.models.programme import session_code_expression
from roundtables.selectors.programme import is_ready_expression, open_seats_json


def text_field():
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
class NullableText(serializers.CharField):
    """A text or null (keeps the schema a method field gave before output specs)."""


def _session_country_fields() -> dict:
    """The fields a co-chair and a team place share: which session, which government."""
    return {
        "id": Column(),
        "session": Column(),
        "session_code": Expr(lambda: session_code_expression("session__"), text_field()),
        "country": Column("country__iso3", CountryField(read_only=True)),
        "country_name": Column("country__name", text_field()),
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
        "country_name": Column("country__name", NullableText(read_only=True)),
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


SESSION_TRANSLATED = ["title", "description"]

SESSION = OutputSpec(
    Session,
    "Session",
    {
        "id": Column(),
        "code": Expr(session_code_expression, text_field()),
        "edition": Column("roundtable__edition_id", serializers.IntegerField(read_only=True)),
        "roundtable": Column(),
        "number": Column(),
        "title": Column(translated=True),
        "title_fr": Column(),
        "title_es": Column(),
        "theme": Column(),
        "theme_name": Column("theme__name", text_field()),
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
