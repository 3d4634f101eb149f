"""API of the Chair's cycle: meeting decisions and chair candidatures (with the hand-over
and the troika on a date). Thin views: validate, then call a service or a selector."""

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from gfmd.api.serializers import CountryField, TroikaSeatSerializer
from gfmd.enums import CANDIDATURE_TRANSITIONS
from gfmd.models import Candidature, Edition, MeetingDecision
from gfmd.platform import content
from gfmd.platform.api.content import TranslatedContentMixin
from gfmd.platform.api.safe_writes import IdempotentCreateMixin
from gfmd.platform.api.serializers import represent
from gfmd.platform.api.viewsets import ActivityMixin, CreateMixin, RecordViewSet
from gfmd.selectors.candidatures import candidatures_for_user, decisions_for_user
from gfmd.selectors.editions import editions_for_user, troika_on
from gfmd.services import candidatures as svc


class MeetingDecisionSerializer(TranslatedContentMixin, serializers.ModelSerializer):
    translated_fields = ["text"]
    subject_type = serializers.SlugRelatedField(
        slug_field="model",
        read_only=True,
        allow_null=True,
        help_text="The kind of record decided on (model name), set by the service that links it.",
    )

    class Meta:
        model = MeetingDecision
        fields = [
            "id",
            "agenda_item",
            "text",
            "text_fr",
            "text_es",
            "decided_on",
            "outcome",
            "subject_type",
            "subject_id",
            "created_at",
        ]
        read_only_fields = ["subject_id", "created_at"]


class MeetingDecisionViewSet(RecordViewSet):
    """Decisions recorded on meetings' agenda items (read by focal points, written by staff)."""

    queryset = MeetingDecision.objects.all()
    serializer_class = MeetingDecisionSerializer
    require_if_match = True
    filterset_fields = {
        "agenda_item": ["exact"],
        "agenda_item__meeting": ["exact"],
        "agenda_item__meeting__body": ["exact"],
        "outcome": ["exact"],
        "decided_on": ["gte", "lte"],
    }
    search_fields = content.search_fields("text")

    def get_queryset(self):
        return decisions_for_user(self.request.user)


class CandidatureSerializer(serializers.ModelSerializer):
    country = CountryField()
    term_start = serializers.DateField(source="chair.term_start", read_only=True, allow_null=True)
    term_end = serializers.DateField(source="chair.term_end", read_only=True, allow_null=True)

    class Meta:
        model = Candidature
        fields = [
            "id",
            "edition",
            "country",
            "state",
            "offered_on",
            "endorsement",
            "term_start",
            "term_end",
            "note",
            "state_changed_at",
        ]
        read_only_fields = ["state", "endorsement", "state_changed_at"]


class CandidatureReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class EndorseSerializer(serializers.Serializer):
    decision = serializers.PrimaryKeyRelatedField(queryset=MeetingDecision.objects.all())


class ConfirmSerializer(serializers.Serializer):
    term_start = serializers.DateField(required=False, allow_null=True, default=None)
    term_end = serializers.DateField(required=False, allow_null=True, default=None)


class TakeOfficeSerializer(serializers.Serializer):
    on = serializers.DateField()


class HandOverSerializer(serializers.Serializer):
    outgoing = serializers.PrimaryKeyRelatedField(queryset=Edition.objects.all())
    incoming = serializers.PrimaryKeyRelatedField(queryset=Edition.objects.all())
    on = serializers.DateField(help_text="The incoming Chair's first day.")


class CandidatureViewSet(
    IdempotentCreateMixin,
    ActivityMixin,
    CreateMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Chair candidatures per edition: POST offers one; the workflow moves it along."""

    queryset = Candidature.objects.all()
    serializer_class = CandidatureSerializer
    filterset_fields = {"edition": ["exact"], "state": ["exact"], "country__iso3": ["exact"]}
    permission_map = {
        **CANDIDATURE_TRANSITIONS.permissions(),
        "create": "gfmd.add_candidature",
        "hand_over": "gfmd.transition_candidature",
        "troika": "gfmd.view_troika",
    }

    def get_queryset(self):
        return candidatures_for_user(self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = svc.candidature_offer(
            actor=self.request.user,
            edition=data["edition"],
            country=data["country"],
            offered_on=data["offered_on"],
            note=data.get("note", ""),
        )

    def _answer(self, candidature):
        return Response(CandidatureSerializer(self.get_queryset().get(pk=candidature.pk)).data)

    def _payload(self, serializer_class):
        payload = serializer_class(data=self.request.data)
        payload.is_valid(raise_exception=True)
        return payload.validated_data

    @extend_schema(request=CandidatureReasonSerializer, responses=CandidatureSerializer)
    @action(detail=True, methods=["post"])
    def consider(self, request, pk=None):
        candidature = self.get_object()  # the caller's rights first, then the payload
        data = self._payload(CandidatureReasonSerializer)
        return self._answer(
            svc.candidature_consider(
                actor=request.user, candidature=candidature, reason=data["reason"]
            )
        )

    @extend_schema(request=EndorseSerializer, responses=CandidatureSerializer)
    @action(detail=True, methods=["post"])
    def endorse(self, request, pk=None):
        """Endorsed by the Steering Group: give its decision (a Steering Group meeting's)."""
        candidature = self.get_object()
        data = self._payload(EndorseSerializer)
        return self._answer(
            svc.candidature_endorse(
                actor=request.user, candidature=candidature, decision=data["decision"]
            )
        )

    @extend_schema(request=ConfirmSerializer, responses=CandidatureSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        candidature = self.get_object()
        data = self._payload(ConfirmSerializer)
        return self._answer(
            svc.candidature_confirm(actor=request.user, candidature=candidature, **data)
        )

    @extend_schema(request=TakeOfficeSerializer, responses=CandidatureSerializer)
    @action(detail=True, methods=["post"], url_path="take-office")
    def take_office(self, request, pk=None):
        candidature = self.get_object()
        data = self._payload(TakeOfficeSerializer)
        return self._answer(
            svc.candidature_take_office(actor=request.user, candidature=candidature, on=data["on"])
        )

    @extend_schema(request=CandidatureReasonSerializer, responses=CandidatureSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        candidature = self.get_object()
        data = self._payload(CandidatureReasonSerializer)
        return self._answer(
            svc.candidature_withdraw(
                actor=request.user, candidature=candidature, reason=data["reason"]
            )
        )

    @extend_schema(request=CandidatureReasonSerializer, responses=CandidatureSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        candidature = self.get_object()
        data = self._payload(CandidatureReasonSerializer)
        return self._answer(
            svc.candidature_decline(
                actor=request.user, candidature=candidature, reason=data["reason"]
            )
        )

    @extend_schema(request=HandOverSerializer, responses=CandidatureSerializer(many=True))
    @action(detail=False, methods=["post"], url_path="hand-over", pagination_class=None)
    def hand_over(self, request):
        """Hand the chairmanship over on a date (joint chairs move together)."""
        data = self._payload(HandOverSerializer)
        arriving = svc.chairmanship_hand_over(actor=request.user, **data)
        rows = self.get_queryset().filter(pk__in=[c.pk for c in arriving])
        return Response(CandidatureSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("on", str, description="Date (YYYY-MM-DD).")],
        responses=TroikaSeatSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def troika(self, request):
        """The troika on a date: the chair in office then, its predecessor and successor
        (candidates on the future seat are listed apart from chairs)."""
        raw = request.query_params.get("on") or ""
        try:
            on = parse_date(raw) if len(raw) == 10 else None
        except ValueError:
            on = None
        if on is None:
            raise ValidationError({"on": [_("Give a date as YYYY-MM-DD.")]})
        seats = troika_on(on)
        visible = editions_for_user(request.user)
        if seats is None or not visible.filter(pk=seats[1].edition.pk).exists():
            raise NotFound(_("No chairmanship term covers this date."))
        return Response(represent(TroikaSeatSerializer, seats, many=True))
