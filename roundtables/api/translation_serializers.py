"""Serializers of the paper translation endpoints (roundtables/api/views/translations.py)."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from gfmd.platform.api.serializers import AnswersWithReadPayload
from gfmd.platform.models import DocumentTranslation
from gfmd.platform.translations import TranslationKind, language_codes
from roundtables.models import PaperVersion
from roundtables.services.translations import stale_notice


class PaperTranslationSerializer(serializers.ModelSerializer):
    paper = serializers.IntegerField(source="paper_ref", read_only=True)
    version = serializers.IntegerField(source="object_id", read_only=True)
    version_number = serializers.IntegerField(read_only=True)
    latest_version_number = serializers.IntegerField(source="latest_number", read_only=True)
    is_stale = serializers.SerializerMethodField(
        help_text=_("A newer version of the paper exists than the one translated.")
    )
    notice = serializers.SerializerMethodField(
        help_text=_('"Translation of version 3; version 4 exists.", or empty.')
    )
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = DocumentTranslation
        fields = [
            "id",
            "paper",
            "version",
            "version_number",
            "latest_version_number",
            "is_stale",
            "notice",
            "language",
            "kind",
            "state",
            "state_changed_at",
            "translator",
            "translator_name",
            "due_date",
            "requested_at",
            "approved_by",
            "approved_at",
            "has_file",
            "original_filename",
            "media_type",
            "size",
            "checksum",
            "note",
        ]
        read_only_fields = fields

    def get_is_stale(self, obj) -> bool:
        return bool(stale_notice(obj.version_number, obj.latest_number))

    def get_notice(self, obj) -> str:
        return stale_notice(obj.version_number, obj.latest_number)

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class PaperTranslationDetailSerializer(PaperTranslationSerializer):
    class Meta(PaperTranslationSerializer.Meta):
        fields = [*PaperTranslationSerializer.Meta.fields, "text"]
        read_only_fields = fields


class RequestTranslationsSerializer(serializers.Serializer):
    version = serializers.PrimaryKeyRelatedField(queryset=PaperVersion.objects.all())
    languages = serializers.ListField(
        child=serializers.ChoiceField(choices=[]), min_length=1, max_length=2
    )
    # Human or machine ("original" is refused with 400: an original is not requested).
    kind = serializers.ChoiceField(choices=TranslationKind.choices, default=TranslationKind.HUMAN)
    due_date = serializers.DateField(required=False, allow_null=True, default=None)
    translator = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    translator_name = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=200
    )
    note = serializers.CharField(required=False, allow_blank=True, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].child.choices = language_codes()


class PaperTranslationListSerializer(serializers.Serializer):
    results = PaperTranslationSerializer(many=True)


class PaperTranslationAssignSerializer(AnswersWithReadPayload, serializers.ModelSerializer):
    read_serializer = PaperTranslationDetailSerializer
    translator = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )

    class Meta:
        model = DocumentTranslation
        fields = ["translator", "translator_name", "due_date"]


class TranslationSubmitSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="")
    file = serializers.FileField(required=False, allow_null=True, default=None)
    reason = serializers.CharField(required=False, allow_blank=True, default="")
