"""Programme API: themes, roundtables, sessions, co-chairs and government teams.

Transitions are POST actions (e.g. /cochairs/{id}/confirm/) mapped to permissions in
roundtables/rules.py. Querysets come from selectors: an object outside the caller's reach
is a 404 before any 403.
"""

from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings

from gfmd.models import Edition
from gfmd.platform import content
from gfmd.platform.api.viewsets import ActivityMixin, ExportMixin, RecordViewSet, SpecListMixin
from gfmd.platform.calendar import feed_token
from gfmd.platform.roles import is_support_staff
from roundtables.api import serializers as s
from roundtables.api.views.calendar import ICalendarRenderer, calendar_response, edition_filter
from roundtables.api.views.common import FreshReachMixin
from roundtables.enums import COCHAIR_TRANSITIONS, TEAM_TRANSITIONS, CoChairOrigin
from roundtables.exports import COCHAIR_COLUMNS, columns
from roundtables.models import CoChair, Roundtable, Session, TeamMembership, Theme
from roundtables.models.programme import session_code_search
from roundtables.rules import represents_country
from roundtables.selectors import programme as sel
from roundtables.services import cochairs as cochair_services
from roundtables.services import teams as team_services
from roundtables.services.programme import session_create


class ThemeViewSet(FreshReachMixin, RecordViewSet):
    """The theme catalogue across editions: which themes recur, which were emerging."""

    queryset = Theme.objects.all()
    serializer_class = s.ThemeSerializer
    filterset_fields = ["is_emerging"]
    search_fields = content.search_fields("name", "description")  # in any language

    def get_queryset(self):
        return sel.themes_for_user(self.request.user)

    def _annotated(self, serializer):
        # the reply shows the counts and sessions the list shows: read the theme back
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_create(self, serializer):
        super().perform_create(serializer)
        self._annotated(serializer)

    def perform_update(self, serializer):
        super().perform_update(serializer)
        self._annotated(serializer)


class RoundtableViewSet(FreshReachMixin, RecordViewSet):
    queryset = Roundtable.objects.all()
    serializer_class = s.RoundtableSerializer
    filterset_fields = ["edition"]

    def get_queryset(self):
        return sel.roundtables_for_user(self.request.user)


class SessionSearchFilter(SearchFilter):
    """A session code in the search ("RT 1.1") filters on the numbers; the rest is text."""

    def filter_queryset(self, request, queryset, view):
        condition, _rest = session_code_search(request.query_params.get(self.search_param, ""))
        queryset = queryset.filter(condition) if condition is not None else queryset
        return super().filter_queryset(request, queryset, view)

    def get_search_terms(self, request):
        _condition, rest = session_code_search(request.query_params.get(self.search_param, ""))
        return [t for t in rest.replace("\x00", "").replace(",", " ").split() if t]


@extend_schema_view(
    create=extend_schema(request=s.SessionWriteSerializer, responses={201: s.SessionSerializer}),
    update=extend_schema(request=s.SessionWriteSerializer, responses=s.SessionSerializer),
    partial_update=extend_schema(responses=s.SessionSerializer),
)
class SessionViewSet(FreshReachMixin, SpecListMixin, RecordViewSet):
    """Sessions with their co-chairs, government team, paper status and meeting slot."""

    queryset = Session.objects.all()
    serializer_class = s.SessionSerializer
    filterset_fields = {
        "roundtable": ["exact"],
        "roundtable__edition": ["exact"],
        "theme": ["exact"],
    }
    # in any language, and by code ("RT 1.1", matched on the numbers) or edition title
    search_fields = [*content.search_fields("title", "description"), "roundtable__edition__title"]
    filter_backends = [
        SessionSearchFilter if backend is SearchFilter else backend
        for backend in api_settings.DEFAULT_FILTER_BACKENDS
    ]
    permission_map = {
        "seat_overview": "roundtables.view_seat_overview",
        "calendar": "roundtables.view_session",
    }

    def get_queryset(self):
        # The payloads (output spec) read co-chairs, team and paper in their own statement,
        # so a list or a detail needs the keys only; the calendar reads them from the
        # sessions; writes check their rules on the session with its roundtable.
        user = self.request.user
        if self.action in ("list", "retrieve"):
            return sel.sessions_for_user(user, keys_only=True)
        return sel.sessions_for_user(user, details=self.action == "calendar")

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.SessionWriteSerializer
        return s.SessionSerializer

    def perform_create(self, serializer):
        session = Session(**serializer.validated_data)
        session = session_create(actor=self.request.user, session=session)
        serializer.instance = self.get_queryset().get(pk=session.pk)  # answered as a GET is

    def perform_update(self, serializer):
        super().perform_update(serializer)
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    @extend_schema(
        parameters=[OpenApiParameter("edition", int, required=True)],
        responses=s.SeatOverviewSerializer,
    )
    @action(detail=False, methods=["get"], url_path="seat-overview")
    def seat_overview(self, request):
        """Per edition: open co-chair seats, and governments co-chairing several sessions."""
        raw = request.query_params.get("edition", "")
        if not raw.isdigit():
            raise ValidationError({"edition": [_("Give the edition id.")]})
        edition = Edition.objects.filter(pk=int(raw)).first()
        if edition is None:
            raise NotFound(_("No such edition."))
        overview = sel.seat_overview(edition)
        data = {
            "edition": edition.pk,
            "sessions": len(overview.sessions),
            "ready": overview.ready_count,
            "open_seats": [
                {"session": x.pk, "code": x.code, "title": x.title, "seat": seat}
                for x, seat in overview.open_seats
            ],
            "multi_session_cochairs": [
                {"country": c.iso3, "country_name": c.name, "sessions": [x.code for x in found]}
                for c, found in overview.multi_session_cochairs
            ],
        }
        return Response(s.SeatOverviewSerializer(data).data)

    @extend_schema(
        operation_id="v1_sessions_calendar_ics",
        parameters=[OpenApiParameter("edition", int, description="Only this edition.")],
        responses={(200, "text/calendar"): OpenApiTypes.BINARY},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="calendar.ics",
        renderer_classes=[JSONRenderer, ICalendarRenderer],
        pagination_class=None,
        filter_backends=[],
    )
    def calendar(self, request):
        """The sessions' meeting slots as iCalendar; the header `Link` names the personal
        feed URL for calendar apps (it carries a token: keep it private)."""
        sessions = edition_filter(self.get_queryset(), request.query_params.get("edition"))
        if sessions is None:
            raise ValidationError({"edition": [_("Give the edition id.")]})
        response = calendar_response(sessions, request)
        feed = reverse("feed-roundtable-sessions", kwargs={"token": feed_token(request.user)})
        response["Link"] = f'<{request.build_absolute_uri(feed)}>; rel="alternate"'
        return response


@extend_schema_view(
    create=extend_schema(request=s.CoChairProposeSerializer, responses={201: s.CoChairSerializer})
)
class CoChairViewSet(
    FreshReachMixin,
    SpecListMixin,
    ExportMixin,
    ActivityMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Co-chair proposals and seats. POST volunteers (focal point, own government) or
    nominates (staff); confirm/decline/withdraw/replace are the transitions."""

    queryset = CoChair.objects.all()
    serializer_class = s.CoChairSerializer
    export_name = "cochairs"

    @property
    def export_columns(self):
        return columns(COCHAIR_COLUMNS)  # titles in the request's language

    filterset_fields = {
        "session": ["exact"],
        "session__roundtable__edition": ["exact"],
        "state": ["exact"],
        "country__iso3": ["exact"],
    }

    permission_map = {
        **COCHAIR_TRANSITIONS.permissions(),
        "replace": "roundtables.replace_cochair",
        "export": "roundtables.view_cochair",
    }

    def get_queryset(self):
        return sel.cochairs_for_user(self.request.user)

    def _reply(self, cochair):
        return Response(s.CoChairSerializer(self.get_queryset().get(pk=cochair.pk)).data)

    def get_serializer_class(self):
        return s.CoChairProposeSerializer if self.action == "create" else s.CoChairSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        user = self.request.user
        if is_support_staff(user):
            origin = CoChairOrigin.NOMINATED
        elif represents_country(user, data["country"]):
            origin = CoChairOrigin.VOLUNTEERED
        else:
            raise PermissionDenied(_("You may volunteer only your own government."))
        cochair = cochair_services.cochair_propose(
            actor=user,
            session=data["session"],
            country=data["country"],
            origin=origin,
            note=data["note"],
        )
        serializer.instance = self.get_queryset().get(pk=cochair.pk)

    def _transition(self, request, service):
        cochair = self.get_object()
        payload = s.ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._reply(
            service(actor=request.user, cochair=cochair, reason=payload.validated_data["reason"])
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.CoChairSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        """Confirm: the seat follows the country's development status now (override included)."""
        return self._transition(request, cochair_services.cochair_confirm)

    @extend_schema(request=s.ReasonSerializer, responses=s.CoChairSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._transition(request, cochair_services.cochair_decline)

    @extend_schema(request=s.ReasonSerializer, responses=s.CoChairSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(request, cochair_services.cochair_withdraw)

    @extend_schema(request=s.CoChairReplaceSerializer, responses=s.CoChairSerializer)
    @action(detail=True, methods=["post"])
    def replace(self, request, pk=None):
        """Withdraw this confirmed co-chair and confirm the proposed replacement."""
        cochair = self.get_object()
        payload = s.CoChairReplaceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        replacement = cochair_services.cochair_replace(
            actor=request.user,
            cochair=cochair,
            replacement=payload.validated_data["replacement"],
            reason=payload.validated_data["reason"],
        )
        return self._reply(replacement)


@extend_schema_view(
    create=extend_schema(
        request=s.TeamRequestSerializer, responses={201: s.TeamMembershipSerializer}
    )
)
class TeamMembershipViewSet(
    FreshReachMixin,
    SpecListMixin,
    ActivityMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Government teams: a focal point asks for their government; co-chairs or staff decide."""

    queryset = TeamMembership.objects.all()
    serializer_class = s.TeamMembershipSerializer
    filterset_fields = {"session": ["exact"], "state": ["exact"], "country__iso3": ["exact"]}

    permission_map = TEAM_TRANSITIONS.permissions()

    def get_queryset(self):
        return sel.team_for_user(self.request.user)

    def _reply(self, membership):
        return Response(s.TeamMembershipSerializer(self.get_queryset().get(pk=membership.pk)).data)

    def get_serializer_class(self):
        if self.action == "create":
            return s.TeamRequestSerializer
        return s.TeamMembershipSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        user = self.request.user
        if not is_support_staff(user):
            if data.get("mechanism") is not None:
                raise PermissionDenied(_("Only the Support Unit adds a mechanism to a team."))
            if not represents_country(user, data["country"]):
                raise PermissionDenied(_("You may ask to join only for your own government."))
        membership = team_services.team_request(
            actor=user,
            session=data["session"],
            country=data.get("country"),
            mechanism=data.get("mechanism"),
            note=data["note"],
        )
        serializer.instance = self.get_queryset().get(pk=membership.pk)

    def _transition(self, request, service):
        membership = self.get_object()
        payload = s.ReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._reply(
            service(
                actor=request.user,
                membership=membership,
                reason=payload.validated_data["reason"],
            )
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.TeamMembershipSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self._transition(request, team_services.team_accept)

    @extend_schema(request=s.ReasonSerializer, responses=s.TeamMembershipSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        return self._transition(request, team_services.team_decline)

    @extend_schema(request=s.ReasonSerializer, responses=s.TeamMembershipSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        return self._transition(request, team_services.team_leave)
