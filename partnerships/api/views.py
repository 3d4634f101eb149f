"""The Platform for Partnerships' API: practices (public read of the published ones,
submission by partner systems and staff, moderation) and calls for PfP talks."""

from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response

from gfmd.platform.api.filters import FilterBackend
from gfmd.platform.api.pagination import NewestFirst, StandardPagination
from gfmd.platform.api.viewsets import RecordViewSet, SpecListMixin
from partnerships.api import serializers as s
from partnerships.api.filters import PracticeFilter
from partnerships.enums import MODERATE, PRACTICE_TRANSITIONS, TalkOutcome
from partnerships.models import Practice, TalkCall, TalkProposal, TalkReview
from partnerships.selectors.practices import practices_for_user
from partnerships.selectors.talks import (
    talk_calls_for_user,
    talk_proposals_for_user,
    talk_reviews_for_user,
)
from partnerships.services.practices import (
    practice_submit,
    practice_transition,
    practice_update,
)
from partnerships.services.talks import (
    talk_propose,
    talk_review_submit,
    talk_selection_decide,
    talk_selection_run,
)

READ, WRITE = "practices:read", "practices:write"


@extend_schema_view(
    create=extend_schema(
        request=s.PracticeWriteSerializer,
        responses={201: s.PracticeSerializer, 200: s.PracticeSerializer},
        description=(
            "Submit a practice. The same partner `external_ref` again returns 200 and the\n"
            "practice submitted before."
        ),
    ),
    partial_update=extend_schema(
        request=s.PracticeUpdateSerializer, responses=s.PracticeSerializer
    ),
)
class PracticeViewSet(SpecListMixin, RecordViewSet):
    """Practices. Anyone, anonymous too, reads the published ones, filters them and searches
    them in English, French and Spanish (`q`, best match first); partner systems and staff
    submit; the submitter edits and resubmits while submitted or returned; staff moderate."""

    queryset = Practice.objects.all()
    serializer_class = s.PracticeSerializer
    filter_backends = [FilterBackend]
    filterset_class = PracticeFilter
    pagination_class = StandardPagination
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        **PRACTICE_TRANSITIONS.permissions(),
        "return_practice": MODERATE,
        "image": "partnerships.view_practice",
        "upload_image": "partnerships.change_practice",
    }
    required_scopes = {
        "list": READ,
        "retrieve": READ,
        "image": READ,
        "create": WRITE,
        "partial_update": WRITE,
        "resubmit": WRITE,
        "upload_image": WRITE,
        **dict.fromkeys(("start_review", "publish", "return_practice", "archive"), WRITE),
    }

    def get_queryset(self):
        return practices_for_user(self.request.user)

    def get_serializer_class(self):
        if self.action == "create":
            return s.PracticeWriteSerializer
        if self.action == "partial_update":
            return s.PracticeUpdateSerializer
        return s.PracticeSerializer

    def perform_create(self, serializer):
        practice, self.created = practice_submit(
            actor=self.request.user, **serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=practice.pk)

    def perform_update(self, serializer):
        practice = practice_update(
            actor=self.request.user, practice=serializer.instance, **serializer.validated_data
        )
        serializer.instance = self.get_queryset().get(pk=practice.pk)

    def _move(self, request, name):
        payload = s.PracticeReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        practice = practice_transition(
            actor=request.user,
            practice=self.get_object(),
            name=name,
            reason=payload.validated_data["reason"],
        )
        return Response(s.PracticeSerializer(practice).data)

    @extend_schema(request=s.PracticeReasonSerializer, responses=s.PracticeSerializer)
    @action(detail=True, methods=["post"], url_path="start-review")
    def start_review(self, request, pk=None):
        """Staff take a submitted practice into review."""
        return self._move(request, "start_review")

    @extend_schema(request=s.PracticeReasonSerializer, responses=s.PracticeSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Staff publish a practice in review: the public sees it."""
        return self._move(request, "publish")

    @extend_schema(request=s.PracticeReasonSerializer, responses=s.PracticeSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_practice(self, request, pk=None):
        """Staff return a practice to its submitter, with the reason (required)."""
        return self._move(request, "return")

    @extend_schema(request=s.PracticeReasonSerializer, responses=s.PracticeSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        """Staff archive a practice: no longer public."""
        return self._move(request, "archive")

    @extend_schema(request=s.PracticeReasonSerializer, responses=s.PracticeSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        """The submitter submits a returned practice again."""
        return self._move(request, "resubmit")

    @extend_schema(request=None, responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def image(self, request, pk=None):
        """The practice's logo or image (re-encoded at upload)."""
        practice = self.get_object()
        if not practice.image:
            raise Http404
        response = FileResponse(practice.image.open("rb"))
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @extend_schema(
        request={"multipart/form-data": s.PracticeImageSerializer},
        responses=s.PracticeSerializer,
    )
    @action(
        detail=True, methods=["post"], url_path="image/upload", parser_classes=[MultiPartParser]
    )
    def upload_image(self, request, pk=None):
        """Set the logo or image: PNG, JPEG or GIF, checked by content and re-encoded."""
        practice = self.get_object()
        payload = s.PracticeImageSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        practice = practice_update(
            actor=request.user, practice=practice, image=payload.validated_data["image"]
        )
        return Response(s.PracticeSerializer(practice).data)


class TalkScopes:
    # Partner tokens use the practice scopes here too (a comment: the schema shows docstrings).
    required_scopes = {
        **dict.fromkeys(("list", "retrieve"), READ),
        **dict.fromkeys(("create", "partial_update", "select", "decide"), WRITE),
    }


class TalkCallViewSet(TalkScopes, RecordViewSet):
    """Calls for PfP talks at a Summit. Staff open them and run the selection (the one
    selection engine, with an explanation for every proposal)."""

    queryset = TalkCall.objects.all()
    serializer_class = s.TalkCallSerializer
    filterset_fields = ["edition", "state"]
    pagination_class = NewestFirst
    http_method_names = ["get", "post", "patch", "head", "options"]
    permission_map = {
        "select": "partnerships.manage_talkcall",
        "decide": "partnerships.manage_talkcall",
    }

    def get_queryset(self):
        return talk_calls_for_user(self.request.user)

    @extend_schema(request=None, responses=s.TalkSelectionSerializer)
    @action(detail=True, methods=["post"])
    def select(self, request, pk=None):
        """Close the call if open and select the talks; each proposal gets its verdict and
        the reason for it. A new run replaces the verdicts until the call is decided."""
        result = talk_selection_run(actor=request.user, call=self.get_object())
        return Response(
            {
                "selected": len(result.by_outcome(TalkOutcome.SELECTED)),
                "waitlisted": len(result.by_outcome(TalkOutcome.WAITLISTED)),
                "out": len(result.by_outcome(TalkOutcome.OUT)),
                "warnings": result.warnings,
            }
        )

    @extend_schema(request=None, responses=s.TalkCallSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Make the selection final."""
        call = talk_selection_decide(actor=request.user, call=self.get_object())
        return Response(s.TalkCallSerializer(call).data)


@extend_schema_view(
    create=extend_schema(
        request=s.TalkProposalWriteSerializer, responses={201: s.TalkProposalSerializer}
    ),
)
class TalkProposalViewSet(TalkScopes, RecordViewSet):
    """Talk proposals: anyone signed in proposes while the call is open; the call's
    reviewers and staff see them all, a proponent their own."""

    queryset = TalkProposal.objects.all()
    serializer_class = s.TalkProposalSerializer
    filterset_fields = ["call", "outcome"]
    pagination_class = NewestFirst
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return talk_proposals_for_user(self.request.user)

    def get_serializer_class(self):
        return (
            s.TalkProposalWriteSerializer if self.action == "create" else (s.TalkProposalSerializer)
        )

    def perform_create(self, serializer):
        proposal = talk_propose(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=proposal.pk)


@extend_schema_view(
    create=extend_schema(
        request=s.TalkReviewWriteSerializer, responses={201: s.TalkReviewSerializer}
    ),
)
class TalkReviewViewSet(TalkScopes, RecordViewSet):
    """Reviews of talk proposals: each of the call's reviewers scores a proposal once
    (again: re-scored); conflicts of interest are refused."""

    queryset = TalkReview.objects.all()
    serializer_class = s.TalkReviewSerializer
    filterset_fields = ["proposal"]
    pagination_class = NewestFirst
    http_method_names = ["get", "post", "head", "options"]

    def get_queryset(self):
        return talk_reviews_for_user(self.request.user)

    def get_serializer_class(self):
        return s.TalkReviewWriteSerializer if self.action == "create" else s.TalkReviewSerializer

    def get_serializer(self, *args, **kwargs):
        if self.action == "create":
            kwargs["proposals"] = talk_proposals_for_user(self.request.user)
        return super().get_serializer(*args, **kwargs)

    def perform_create(self, serializer):
        review = talk_review_submit(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=review.pk)


__all__ = [
    "PracticeViewSet",
    "TalkCallViewSet",
    "TalkProposalViewSet",
    "TalkReviewViewSet",
]
