"""Organisations, applications (partner systems too) and reviews."""

from django.utils.translation import gettext
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from civil_society.api import serializers as s
from civil_society.enums import ApplicationSource
from civil_society.models import (
    Application,
    CivilSocietyOrganisation,
    Review,
)
from civil_society.rules import committee_seats, is_partner_system, represented_organisation_ids
from civil_society.selectors import records as sel
from civil_society.selectors.organisations import possible_duplicates
from civil_society.services.applications import (
    NominatedDelegate,
    application_submit,
    application_update,
    application_withdraw,
)
from civil_society.services.organisations import (
    cso_check_led,
    cso_merge,
    cso_register,
    cso_update,
)
from civil_society.services.reviews import review_submit
from gfmd.platform.api.pagination import NewestFirst
from gfmd.platform.api.viewsets import RecordViewSet, SpecListMixin
from gfmd.platform.roles import is_support_staff


@extend_schema_view(
    create=extend_schema(
        request=s.CSDCivilSocietyOrganisationWriteSerializer,
        responses={201: s.CSDCivilSocietyOrganisationSerializer},
    ),
    update=extend_schema(
        request=s.CSDCivilSocietyOrganisationUpdateSerializer,
        responses=s.CSDCivilSocietyOrganisationSerializer,
    ),
    partial_update=extend_schema(
        request=s.CSDCivilSocietyOrganisationUpdateSerializer,
        responses=s.CSDCivilSocietyOrganisationSerializer,
    ),
)
class CivilSocietyOrganisationViewSet(RecordViewSet):
    """Civil-society organisations (profiles of gfmd organisations), with duplicate detection."""

    queryset = CivilSocietyOrganisation.objects.all()
    serializer_class = s.CSDCivilSocietyOrganisationSerializer
    filterset_fields = ["sector", "migrant_led", "diaspora_led", "led_check"]
    search_fields = ["organisation__name", "organisation__acronym", "website_domain"]
    permission_map = {
        "duplicates": "civil_society.find_duplicates",
        "check_led": "civil_society.check_led_status",
        "merge": "civil_society.merge_organisations",
    }

    def get_queryset(self):
        return sel.organisations_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return s.CSDCivilSocietyOrganisationWriteSerializer
        if self.action in ("update", "partial_update"):
            return s.CSDCivilSocietyOrganisationUpdateSerializer
        return s.CSDCivilSocietyOrganisationSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["allow_duplicate"] = data["allow_duplicate"] and is_support_staff(self.request.user)
        profile = cso_register(actor=self.request.user, **data)
        serializer.instance = self.get_queryset().get(pk=profile.pk)

    def perform_update(self, serializer):
        profile = serializer.instance
        cso_update(actor=self.request.user, profile=profile, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=profile.pk)

    @extend_schema(
        parameters=[
            OpenApiParameter("name", str, required=True),
            OpenApiParameter("website", str),
        ],
        responses=s.CSDDuplicateMatchSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def duplicates(self, request):
        """Organisations that may be the one named (check before registering)."""
        name = request.query_params.get("name", "").strip()
        if not name:
            raise ValidationError({"name": [gettext("Give the organisation's name.")]})
        matches = possible_duplicates(name=name, website=request.query_params.get("website", ""))
        return Response(s.CSDDuplicateMatchSerializer(matches, many=True).data)

    @extend_schema(
        request=s.CSDLedCheckSerializer, responses=s.CSDCivilSocietyOrganisationSerializer
    )
    @action(detail=True, methods=["post"], url_path="check-led")
    def check_led(self, request, pk=None):
        """Staff confirm or refuse the self-declared migrant-/diaspora-led status."""
        payload = s.CSDLedCheckSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        profile = cso_check_led(
            actor=request.user, profile=self.get_object(), **payload.validated_data
        )
        return Response(s.CSDCivilSocietyOrganisationSerializer(profile).data)

    @extend_schema(request=s.CSDMergeSerializer, responses=s.CSDCivilSocietyOrganisationSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        """Fold another profile (a duplicate) into this one."""
        keep = self.get_object()
        payload = s.CSDMergeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        cso_merge(actor=request.user, keep=keep, duplicate=payload.validated_data["duplicate"])
        return Response(
            s.CSDCivilSocietyOrganisationSerializer(self.get_queryset().get(pk=keep.pk)).data
        )


@extend_schema_view(
    create=extend_schema(
        request=s.CSDApplicationSubmitSerializer,
        responses={201: s.CSDApplicationSerializer, 200: s.CSDApplicationSerializer},
        description=(
            "Submit an application. The same partner `external_ref` again returns 200 and the\n"
            "existing application; a retry with the same `Idempotency-Key` header replays the\n"
            "first response (422 if the body differs)."
        ),
    ),
    update=extend_schema(
        request=s.CSDApplicationUpdateSerializer, responses=s.CSDApplicationSerializer
    ),
    partial_update=extend_schema(
        request=s.CSDApplicationUpdateSerializer, responses=s.CSDApplicationSerializer
    ),
)
class ApplicationViewSet(SpecListMixin, RecordViewSet):
    """Applications with nominated delegates. Partner systems submit them too (idempotent
    by `external_ref`); each caller sees only the applications within reach."""

    queryset = Application.objects.all()
    serializer_class = s.CSDApplicationSerializer
    filterset_fields = ["csd_edition", "organisation", "status", "source"]
    permission_map = {"withdraw": "civil_society.withdraw_application"}
    pagination_class = NewestFirst  # cursor pages, newest first: no COUNT, stable pages
    ordering_fields = ["id", "submitted_at"]

    def get_queryset(self):
        # a list's payload is the output spec's: the page needs the keys only
        return sel.applications_for_user(self.request.user, keys_only=self.action == "list")

    def get_serializer_class(self):
        if self.action == "create":
            return s.CSDApplicationSubmitSerializer
        if self.action in ("update", "partial_update"):
            return s.CSDApplicationUpdateSerializer
        return s.CSDApplicationSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "create":
            kwargs["organisations"] = self._organisations()
        if self.action == "update":
            kwargs["partial"] = True  # every field is optional, PUT as PATCH (as documented)
        return super().get_serializer(*args, **kwargs)

    def _organisations(self):
        user = self.request.user
        queryset = CivilSocietyOrganisation.objects.select_related("organisation")
        if is_support_staff(user) or is_partner_system(user):
            return queryset
        return queryset.filter(organisation_id__in=represented_organisation_ids(user))

    def _source(self) -> str:
        user = self.request.user
        # A CSD partner system, or a gfmd partner client's service account (OAuth2).
        if is_partner_system(user) or hasattr(user, "partner_client"):
            return ApplicationSource.PARTNER
        return ApplicationSource.STAFF if is_support_staff(user) else ApplicationSource.WEB

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        nominees = [NominatedDelegate(**d) for d in data.pop("delegates")]
        application, self.created = application_submit(
            actor=self.request.user, delegates=nominees, source=self._source(), **data
        )
        serializer.instance = self.get_queryset().get(pk=application.pk)

    def perform_update(self, serializer):
        application = serializer.instance
        application_update(
            actor=self.request.user, application=application, **serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=application.pk)

    @extend_schema(request=s.CSDReasonSerializer, responses=s.CSDApplicationSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Withdraw; a selected delegate's place goes to the waitlist."""
        payload = s.CSDReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        application_withdraw(
            actor=request.user, application=self.get_object(), **payload.validated_data
        )
        return Response(s.CSDApplicationSerializer(self.get_queryset().get(pk=pk)).data)


@extend_schema_view(
    create=extend_schema(
        request=s.CSDReviewWriteSerializer, responses={201: s.CSDReviewSerializer}
    ),
    update=extend_schema(request=s.CSDReviewUpdateSerializer, responses=s.CSDReviewSerializer),
    partial_update=extend_schema(
        request=s.CSDReviewUpdateSerializer, responses=s.CSDReviewSerializer
    ),
)
class ReviewViewSet(RecordViewSet):
    """Reviews: a reviewer scores each application once (re-scoring updates the review);
    conflicts of interest are refused. Staff see all reviews, reviewers their own."""

    queryset = Review.objects.all()
    serializer_class = s.CSDReviewSerializer
    filterset_fields = ["application", "reviewer"]
    pagination_class = NewestFirst
    ordering_fields = ["id"]

    def get_queryset(self):
        return sel.reviews_for_user(self.request.user)

    def _reviewable(self):
        """Applications the caller may name: visible ones, plus (so that the conflict is
        explained, not hidden) every application of an edition they review."""
        user = self.request.user
        reviewing = [e for e, (_, reviewer) in committee_seats(user).items() if reviewer]
        visible = sel.applications_for_user(user, keys_only=True).values("pk")
        return Application.objects.filter(pk__in=visible) | Application.objects.filter(
            csd_edition_id__in=reviewing
        )

    def get_serializer_class(self):
        if self.action == "create":
            return s.CSDReviewWriteSerializer
        if self.action in ("update", "partial_update"):
            return s.CSDReviewUpdateSerializer
        return s.CSDReviewSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "create":
            kwargs["applications"] = self._reviewable()
        return super().get_serializer(*args, **kwargs)

    def perform_create(self, serializer):
        review = review_submit(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=review.pk)

    def perform_update(self, serializer):
        review = serializer.instance
        data = {"score": review.score, "comment": review.comment, **serializer.validated_data}
        review = review_submit(actor=self.request.user, application=review.application, **data)
        serializer.instance = self.get_queryset().get(pk=review.pk)
