"""Governance API: thin views that validate, then call a service or a selector."""

import contextlib

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.response import Response

from gfmd.api import serializers as s
from gfmd.api.filters import CountrySearchFilter
from gfmd.enums import MeetingBody
from gfmd.exports import ATTENDANCE_COLUMNS, FOCAL_POINT_COLUMNS, FRIENDS_COLUMNS
from gfmd.models import (
    AgendaItem,
    Attendance,
    BalancePolicy,
    Country,
    Edition,
    FocalPoint,
    FriendsParticipation,
    Meeting,
    Organisation,
    SteeringGroupMembership,
)
from gfmd.platform import content
from gfmd.platform.api.filters import FilterBackend
from gfmd.platform.api.serializers import represent
from gfmd.platform.api.viewsets import ActivityMixin, ExportMixin, RecordViewSet
from gfmd.platform.calendar import feed_token, feed_token_lifetime, feed_tokens_revoke
from gfmd.selectors import records as sel
from gfmd.selectors.balance import balance_report, report_date_for_edition
from gfmd.selectors.editions import editions_for_user, troika_for_edition
from gfmd.services.countries import country_override_development, country_override_perspective
from gfmd.services.editions import edition_save
from gfmd.services.meetings import meeting_send_invitations


class CountryViewSet(ActivityMixin, viewsets.ReadOnlyModelViewSet):
    """UN M49 countries and areas; staff may override the development status."""

    queryset = Country.objects.all()
    serializer_class = s.CountrySerializer
    lookup_field = "iso3"
    filterset_fields = [
        "region",
        "sub_region",
        "un_status",
        "development_default",
        "development_override",
    ]
    # Short, official, former and common names and ISO/M49 codes (Country.search_text).
    filter_backends = [FilterBackend, CountrySearchFilter, OrderingFilter]
    search_fields = ["search_text"]
    ordering_fields = ["name", "iso3", "region"]

    permission_map = {
        "override_development": "gfmd.override_development_status",
        "override_perspective": "gfmd.override_migration_perspective",
    }

    def get_queryset(self):
        return sel.countries_for_user(self.request.user)

    @extend_schema(request=s.CountryOverrideSerializer, responses=s.CountrySerializer)
    @action(detail=True, methods=["post"], url_path="override-development")
    def override_development(self, request, iso3=None):
        country = self.get_object()
        payload = s.CountryOverrideSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        country = country_override_development(
            actor=request.user,
            country=country,
            status=payload.validated_data["development_override"],
            reason=payload.validated_data["override_reason"],
        )
        return Response(s.CountrySerializer(country).data)

    @extend_schema(request=s.CountryPerspectiveSerializer, responses=s.CountrySerializer)
    @action(detail=True, methods=["post"], url_path="override-perspective")
    def override_perspective(self, request, iso3=None):
        """Override the migration perspective (origin/transit/destination), with a reason."""
        country = self.get_object()
        payload = s.CountryPerspectiveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        country = country_override_perspective(
            actor=request.user,
            country=country,
            perspective=payload.validated_data["perspective_override"],
            reason=payload.validated_data["override_reason"],
        )
        return Response(s.CountrySerializer(country).data)


class OrganisationViewSet(RecordViewSet):
    queryset = Organisation.objects.all()
    serializer_class = s.OrganisationSerializer
    filterset_fields = ["kind", "gmg_member"]
    search_fields = ["name", "acronym"]
    ordering_fields = ["name", "acronym"]

    def get_queryset(self):
        return sel.organisations_for_user(self.request.user)


class FocalPointViewSet(ExportMixin, RecordViewSet):
    queryset = FocalPoint.objects.all()
    export_name, export_columns = "focal-points", FOCAL_POINT_COLUMNS
    permission_map = {"export": "gfmd.view_focalpoint"}
    serializer_class = s.FocalPointSerializer
    filterset_fields = {
        "country__iso3": ["exact"],
        "organisation": ["exact"],
        "mechanism": ["exact"],
        "role": ["exact"],
        "user": ["exact"],
    }

    def get_queryset(self):
        return sel.focal_points_for_user(self.request.user)


class EditionViewSet(RecordViewSet):
    """Forum editions. Anonymous callers get the public list and nothing else."""

    queryset = Edition.objects.all()
    serializer_class = s.EditionSerializer
    require_if_match = True  # two staff editing an edition must not overwrite each other
    filterset_fields = ["year_start", "is_public"]
    search_fields = [*content.search_fields("title", "theme"), "venue_city"]
    ordering_fields = ["ordinal", "year_start"]
    permission_map = {
        "list": "gfmd.list_edition",
        "troika": "gfmd.view_troika",
        "balance": "gfmd.view_balance_report",
    }

    def get_queryset(self):
        # the balance report reads the edition's dates only; the troika reads the chairs of
        # the edition and its neighbours together (`troika_for_edition`)
        return editions_for_user(self.request.user, chairs=self.action not in ("balance", "troika"))

    def _save(self, serializer, edition):
        data = dict(serializer.validated_data)
        chairs = data.pop("chairs", None)
        for name, value in data.items():
            setattr(edition, name, value)
        serializer.instance = edition_save(actor=self.request.user, edition=edition, chairs=chairs)

    def perform_create(self, serializer):
        self._save(serializer, Edition())

    def perform_update(self, serializer):
        self._save(serializer, serializer.instance)

    @extend_schema(responses=s.TroikaSeatSerializer(many=True))
    # Three seats: a plain list, neither paginated nor filtered like the editions list.
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def troika(self, request, pk=None):
        """Past, present and future chairs, derived from the order of editions."""
        seats = troika_for_edition(self.get_object())
        return Response(represent(s.TroikaSeatSerializer, seats, many=True))

    @extend_schema(responses=s.BalanceReportSerializer)
    @action(detail=True, methods=["get"])
    def balance(self, request, pk=None):
        """Steering Group balance on the edition's Forum date (mid-year if no dates)."""
        report = balance_report(report_date_for_edition(self.get_object()))
        return Response(represent(s.BalanceReportSerializer, report))


class SteeringGroupMembershipViewSet(RecordViewSet):
    queryset = SteeringGroupMembership.objects.all()
    serializer_class = s.SteeringGroupMembershipSerializer
    filterset_fields = {
        "country__iso3": ["exact"],
        "country__region": ["exact"],
        "start_date": ["gte", "lte"],
        "end_date": ["gte", "lte", "isnull"],
    }
    permission_map = {"balance": "gfmd.view_balance_report"}

    def get_queryset(self):
        return sel.steering_memberships_for_user(self.request.user)

    @extend_schema(
        parameters=[OpenApiParameter("on", str, description="Date (YYYY-MM-DD); default today.")],
        responses=s.BalanceReportSerializer,
    )
    @action(detail=False, methods=["get"])
    def balance(self, request):
        """Balance report for any date: developed/developing, regions, policy warnings."""
        raw = request.query_params.get("on")
        if raw:
            try:
                on = parse_date(raw) if len(raw) == 10 else None
            except ValueError:  # well-formed but impossible, e.g. 2020-13-45
                on = None
            if on is None:
                raise ValidationError({"on": [_("Give a date as YYYY-MM-DD.")]})
        else:
            from django.utils import timezone

            on = timezone.localdate()
        return Response(represent(s.BalanceReportSerializer, balance_report(on)))


class BalancePolicyViewSet(RecordViewSet):
    queryset = BalancePolicy.objects.all()
    serializer_class = s.BalancePolicySerializer

    def get_queryset(self):
        return sel.balance_policies_for_user(self.request.user)


class FriendsParticipationViewSet(ExportMixin, RecordViewSet):
    queryset = FriendsParticipation.objects.all()
    export_name, export_columns = "friends-of-the-forum", FRIENDS_COLUMNS
    permission_map = {"export": "gfmd.view_friendsparticipation"}
    serializer_class = s.FriendsParticipationSerializer
    filterset_fields = {"edition": ["exact"], "role": ["exact"], "country__iso3": ["exact"]}

    def get_queryset(self):
        return sel.friends_for_user(self.request.user)


class MeetingViewSet(RecordViewSet):
    queryset = Meeting.objects.all()
    serializer_class = s.MeetingSerializer
    filterset_fields = {
        "edition": ["exact"],
        "body": ["exact"],
        "working_group": ["exact"],
        "start_date": ["gte", "lte"],
    }
    search_fields = ["title", "city"]
    permission_map = {"send_invitations": "gfmd.change_meeting"}

    def get_queryset(self):
        return sel.meetings_for_user(self.request.user)

    @extend_schema(request=None, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="send-invitations")
    def send_invitations(self, request, pk=None):
        """Email every active focal point of the attending bodies (once each)."""
        queued = meeting_send_invitations(actor=request.user, meeting=self.get_object())
        return Response({"queued": queued})


class AgendaItemViewSet(RecordViewSet):
    queryset = AgendaItem.objects.all()
    serializer_class = s.AgendaItemSerializer
    filterset_fields = ["meeting"]
    search_fields = content.search_fields("title", "description")  # in any language

    def get_queryset(self):
        return sel.agenda_items_for_user(self.request.user)


class AttendanceViewSet(ExportMixin, RecordViewSet):
    queryset = Attendance.objects.all()
    export_name, export_columns = "attendance", ATTENDANCE_COLUMNS
    permission_map = {"export": "gfmd.view_attendance"}
    serializer_class = s.AttendanceSerializer
    filterset_fields = ["meeting", "role", "attended", "mechanism"]

    def get_queryset(self):
        return sel.attendances_for_user(self.request.user)


class CalendarFeedsView(viewsets.ViewSet):
    """Your personal iCalendar subscription URLs (keep them private: they carry a token).

    Each URL works until `expires_at` (GFMD_FEED_TOKEN_DAYS); fetch this list again for
    fresh ones. `POST revoke/` stops every URL you were given and returns new ones.
    """

    permission_map = {"list": "gfmd.view_meeting", "revoke": "gfmd.view_meeting"}
    queryset = Meeting.objects.none()

    def _feeds(self, request) -> dict:
        token = feed_token(request.user)
        base = request.build_absolute_uri(reverse("feed-meetings", kwargs={"token": token}))
        feeds = {"all_meetings": base}
        for body in MeetingBody:
            feeds[f"{body.value}_meetings"] = f"{base}?body={body.value}"
        # apps add their feeds by URL name; the core does not import them
        with contextlib.suppress(NoReverseMatch):
            feeds["roundtable_sessions"] = request.build_absolute_uri(
                reverse("feed-roundtable-sessions", kwargs={"token": token})
            )
        feeds["expires_at"] = (timezone.now() + feed_token_lifetime()).isoformat()
        return feeds

    @extend_schema(responses={200: dict})
    def list(self, request):
        return Response(self._feeds(request))

    @extend_schema(
        request=None,
        responses={200: dict},
        description="Stop every calendar feed URL you were given; returns new ones.",
    )
    @action(detail=False, methods=["post"])
    def revoke(self, request):
        feed_tokens_revoke(user=request.user)
        return Response(self._feeds(request))
