"""Working paper API: papers and their transitions, versions (upload, diff), inputs
submitted to a paper, and "why can I see this?". Versions and inputs as records are read
in `versions.py` and `inputs.py`."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from gfmd.platform.api.parsers import UPLOAD_PARSERS
from gfmd.platform.api.safe_writes import ConditionalUpdateMixin, with_idempotency
from gfmd.platform.api.viewsets import ActivityMixin
from gfmd.platform.services.records import record_save
from roundtables.api import paper_serializers as ps
from roundtables.api import serializers as s
from roundtables.api.views.common import FreshReachMixin
from roundtables.enums import PAPER_TRANSITIONS
from roundtables.models import WorkingPaper
from roundtables.rules import paper_access, version_access
from roundtables.selectors import papers as paper_sel
from roundtables.services import deliverables as deliverable_services
from roundtables.services import inputs as input_services
from roundtables.services import papers as paper_services
from roundtables.services.versions import version_add_file, version_add_text


@extend_schema_view(
    create=extend_schema(
        request=ps.DocumentCreateSerializer, responses={201: ps.WorkingPaperSerializer}
    )
)
class WorkingPaperViewSet(
    FreshReachMixin,
    ConditionalUpdateMixin,
    ActivityMixin,
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Documents of every kind (`kind`): roundtable working papers and the Chair's
    documents (concept note, work plan, ...), visible by role and stage (see /access/ for
    the rule that applies). Staff create the Chair's documents (POST); a roundtable paper
    comes with its session.

    Updates need If-Match with the ETag of the last GET (428 without it, 412 when stale);
    submitting an input honours Idempotency-Key and, for OAuth2 tokens, needs the
    `inputs:submit` scope (every other write needs `write`)."""

    queryset = WorkingPaper.objects.all()
    serializer_class = ps.WorkingPaperSerializer
    http_method_names = ["get", "post", "put", "patch", "head", "options"]
    require_if_match = True
    required_scopes = {"submit_input": "inputs:submit"}
    idempotent_actions = ("submit_input",)  # documented with Idempotency-Key in the schema
    filterset_fields = {
        "kind": ["exact"],
        "edition": ["exact"],
        "session": ["exact"],
        "session__roundtable__edition": ["exact"],
        "state": ["exact"],
        "is_public": ["exact"],
    }
    search_fields = ["title"]

    permission_map = {
        **PAPER_TRANSITIONS.permissions(),
        "list": "roundtables.list_workingpaper",
        "publish": "roundtables.publish_paper",
        "adopt": "roundtables.adopt_paper",
        "unpublish": "roundtables.publish_paper",
        "add_version": "roundtables.add_version",
        "submit_input": "roundtables.submit_input",
        "diff": "roundtables.view_workingpaper",
        "access": "roundtables.explain_access",
        "input_summary": "roundtables.view_input_summary",
    }

    def get_queryset(self):
        if self.action == "submit_input":  # input_submit reads the paper it needs itself
            return paper_sel.papers_to_check(self.request.user)
        return paper_sel.papers_for_user(self.request.user)

    def get_serializer_class(self):
        return ps.DocumentCreateSerializer if self.action == "create" else ps.WorkingPaperSerializer

    def perform_create(self, serializer):
        data = serializer.validated_data
        paper = paper_services.document_create(
            actor=self.request.user,
            edition=data["edition"],
            kind=data["kind"],
            title=data["title"],
            working_group=data.get("working_group"),
            session=data.get("session"),
        )
        serializer.instance = self.get_queryset().get(pk=paper.pk)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if self.action in ("update", "partial_update"):
            # 404 outside the caller's reach, 403 without the right: before If-Match's 428
            self.get_object()

    def perform_update(self, serializer):
        paper = serializer.instance
        for name, value in serializer.validated_data.items():
            setattr(paper, name, value)
        serializer.instance = record_save(actor=self.request.user, instance=paper)

    def _reply(self, paper, status_code=200):
        paper = WorkingPaper.objects.select_related("session", "final_version").get(pk=paper.pk)
        return Response(ps.WorkingPaperSerializer(paper).data, status=status_code)

    def _transition(self, request, name, serializer_class=s.ReasonSerializer, **extra):
        paper = self.get_object()
        payload = serializer_class(data=request.data)
        payload.is_valid(raise_exception=True)
        paper = paper_services.paper_transition(
            actor=request.user, paper=paper, name=name, **payload.validated_data, **extra
        )
        return self._reply(paper)

    @extend_schema(request=s.ReasonSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"], url_path="start-drafting")
    def start_drafting(self, request, pk=None):
        return self._transition(request, "start_drafting")

    @extend_schema(request=ps.OpenConsultationSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"], url_path="open-consultation")
    def open_consultation(self, request, pk=None):
        """Open consultation until `deadline`; the consulted governments are notified."""
        payload = ps.OpenConsultationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._transition(
            request, "open_consultation", deadline=payload.validated_data["deadline"]
        )

    @extend_schema(request=s.ReasonSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"], url_path="return-to-drafting")
    def return_to_drafting(self, request, pk=None):
        return self._transition(request, "return_to_drafting")

    @extend_schema(request=ps.FinaliseSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """Make final (409 while any input has no decision); records the inputs taken in."""
        paper = self.get_object()
        payload = ps.FinaliseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        number = payload.validated_data.get("version")
        version = None
        if number is not None:
            version = paper.versions.filter(number=number).first()
            if version is None:
                raise ValidationError(
                    {"version": [_("This paper has no version %(number)s.") % {"number": number}]}
                )
        paper = paper_services.paper_finalise(
            actor=request.user,
            paper=paper,
            version=version,
            reason=payload.validated_data["reason"],
        )
        return self._reply(paper)

    @extend_schema(request=ps.PublishSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"])
    def distribute(self, request, pk=None):
        """Distribute a final paper. An outcome document of a Chatham House edition that
        quotes a government's input with its name is refused (409) unless staff override
        with `override_reason`."""
        return self._transition(request, "distribute", ps.PublishSerializer)

    @extend_schema(request=s.ReasonSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._transition(request, "withdraw")

    @extend_schema(request=ps.PublishSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Staff make a final or distributed paper public (the Chatham House guard as for
        `distribute`)."""
        paper = self.get_object()
        payload = ps.PublishSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        paper = paper_services.paper_set_public(
            actor=request.user,
            paper=paper,
            public=True,
            override_chatham_house=data["override_chatham_house"],
            override_reason=data["override_reason"],
        )
        return self._reply(paper)

    @extend_schema(request=ps.AdoptSerializer, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """Staff record the Steering Group decision adopting a final working group
        deliverable (409 if not final or already adopted; 400 if the decision is not a
        Steering Group adoption or endorsement)."""
        paper = self.get_object()
        payload = ps.AdoptSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        paper = deliverable_services.deliverable_adopt(
            actor=request.user, paper=paper, decision=payload.validated_data["decision"]
        )
        return self._reply(paper)

    @extend_schema(request=None, responses=ps.WorkingPaperSerializer)
    @action(detail=True, methods=["post"])
    def unpublish(self, request, pk=None):
        paper = paper_services.paper_set_public(
            actor=request.user, paper=self.get_object(), public=False
        )
        return self._reply(paper)

    @extend_schema(request=ps.VersionCreateSerializer, responses={201: ps.PaperVersionSerializer})
    @action(detail=True, methods=["post"], url_path="versions", parser_classes=UPLOAD_PARSERS)
    def add_version(self, request, pk=None):
        """Add an immutable version: an upload (PDF/DOCX/ODT) or a text revision."""
        paper = self.get_object()
        payload = ps.VersionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data.get("file"):
            version = version_add_file(
                actor=request.user, paper=paper, upload=data["file"], note=data["note"]
            )
        else:
            version = version_add_text(
                actor=request.user, paper=paper, text=data["text"], note=data["note"]
            )
        return Response(ps.PaperVersionSerializer(version).data, status=201)

    @extend_schema(request=ps.InputSubmitSerializer, responses={201: ps.InputSerializer})
    @action(detail=True, methods=["post"], url_path="inputs", parser_classes=UPLOAD_PARSERS)
    def submit_input(self, request, pk=None):
        """Submit an input during consultation, with its evidence and an optional file.

        Send `Idempotency-Key` to retry safely: the same key and body replay the first
        response (nothing is created twice); the same key with another body is a 422."""
        return with_idempotency(request, lambda: self._submit_input(request))

    def _submit_input(self, request):
        paper = self.get_object()
        payload = ps.InputSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        item = input_services.input_submit(
            actor=request.user,
            paper=paper,
            text=data["text"],
            evidence=data["evidence"],
            upload=data.get("attachment"),
            country=data.get("country"),
            organisation=data.get("organisation"),
            mechanism=data.get("mechanism"),
        )
        return Response(ps.InputSerializer(item).data, status=201)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=True, description="Older version number."),
            OpenApiParameter("to", int, required=True, description="Newer version number."),
        ],
        responses=ps.VersionDiffSerializer,
    )
    @action(detail=True, methods=["get"])
    def diff(self, request, pk=None):
        """Unified text diff between two versions (text revisions, DOCX/ODT text)."""
        paper = self.get_object()
        numbers = []
        for key in ("from", "to"):
            raw = request.query_params.get(key, "")
            if not raw.isdigit():
                raise ValidationError({key: [_("Give a version number.")]})
            numbers.append(int(raw))
        # Only versions the caller may see: a draft hidden from them is "no version".
        visible = paper_sel.versions_for_user(request.user).filter(paper=paper)
        versions = {v.number: v for v in visible.filter(number__in=numbers)}
        missing = [n for n in numbers if n not in versions]
        if missing:
            raise NotFound(_("This paper has no version %(number)s.") % {"number": missing[0]})
        older, newer = versions[numbers[0]], versions[numbers[1]]
        for version in (older, newer):
            if not version.text:
                raise ValidationError(
                    {
                        "from": [
                            _("Version %(number)d has no text to compare (PDF).")
                            % {"number": version.number}
                        ]
                    }
                )
        diff = paper_sel.version_diff(older, newer)
        return Response(
            ps.VersionDiffSerializer(
                {"from_version": older.number, "to_version": newer.number, "diff": diff}
            ).data
        )

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "round", int, description="One consultation round; default every round."
            )
        ],
        responses=ps.InputSummarySerializer,
    )
    @action(detail=True, methods=["get"], url_path="input-summary")
    def input_summary(self, request, pk=None):
        """Who commented: governments by M49 region and development status, and the
        organisations (managers of the paper: staff, the Chair, the co-chairs)."""
        paper = self.get_object()
        raw = request.query_params.get("round", "")
        if raw and not raw.isdigit():
            raise ValidationError({"round": [_("Give a round number.")]})
        summary = paper_sel.input_summary(paper, int(raw) if raw else None)
        return Response(ps.InputSummarySerializer(summary).data)

    @extend_schema(responses=ps.PaperAccessSerializer)
    @action(detail=True, methods=["get"])
    def access(self, request, pk=None):
        """Why can I see this? The rules that grant the caller access to this paper, and for
        each version whether the caller sees it and why (drafts stay with the drafters)."""
        paper = self.get_object()
        grants = paper_access(request.user, paper)
        versions = []
        for version in paper.versions.order_by("number"):
            version.paper = paper
            visible, explanation = version_access(request.user, version, grants)
            versions.append(
                {
                    "number": version.number,
                    "stage": version.stage,
                    "visible": visible,
                    "explanation": explanation,
                }
            )
        data = {
            "visible": bool(grants),
            "grants": [{"role": role, "explanation": text} for role, text in grants],
            "can_manage": request.user.has_perm("roundtables.transition_paper", paper),
            "can_submit_input": request.user.has_perm("roundtables.submit_input", paper),
            "versions": versions,
        }
        return Response(ps.PaperAccessSerializer(data).data)
