"""The payload serializers as they were before output specs (gfmd/platform/api/outputs.py), kept
verbatim as the reference: the specs must answer exactly what these answered."""

from django.urls import reverse
from rest_framework import serializers

from civil_society.models import Application, Delegate
from gfmd.api.serializers import CountryField
from roundtables.models import CoChair, Input, Session, TeamMembership, WorkingPaper
from roundtables.selectors.programme import is_ready, open_seats


class SessionPaperStatusSerializer(serializers.ModelSerializer):
    state = serializers.CharField(read_only=True, help_text="The paper's state.")

    class Meta:
        model = WorkingPaper
        fields = ["id", "title", "state", "consultation_deadline"]


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
            "mechanism",  # issue 12: a mechanism on the team (country null)
            "requested_at",
            "decided_at",
            "reason",
        ]
        read_only_fields = fields


class InputSerializer(serializers.ModelSerializer):
    country = CountryField(read_only=True, allow_null=True)  # null: an organisation's input
    body_name = serializers.CharField(source="body", read_only=True)
    session_code = serializers.CharField(
        source="paper.session.code", read_only=True, allow_null=True
    )  # null: an input to one of the Chair's documents
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
            "mechanism",  # issue 12: a mechanism's input
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


class SessionSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    edition = serializers.IntegerField(source="roundtable.edition_id", read_only=True)
    theme_name = serializers.CharField(source="theme.name", read_only=True)
    cochairs = CoChairSerializer(many=True, read_only=True)
    team = TeamMembershipSerializer(many=True, read_only=True)
    paper = SessionPaperStatusSerializer(read_only=True)
    open_seats = serializers.SerializerMethodField()
    is_ready = serializers.SerializerMethodField()
    translated_fields_missing = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "code",
            "edition",
            "roundtable",
            "number",
            "title",
            "title_fr",
            "title_es",
            "theme",
            "theme_name",
            "description",
            "description_fr",
            "description_es",
            "observers_may_submit",
            "slot_start",
            "slot_end",
            "room",
            "cochairs",
            "team",
            "open_seats",
            "is_ready",
            "paper",
            "translated_fields_missing",
        ]

    def get_open_seats(self, obj) -> list[str]:
        return open_seats(obj)

    def get_translated_fields_missing(self, obj) -> list[str]:
        return []  # the reference is read in English, the original language

    def get_is_ready(self, obj) -> bool:
        return is_ready(obj)


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
