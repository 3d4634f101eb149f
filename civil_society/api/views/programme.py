"""CSD editions and their programme: advisory committee, sessions, recommendations, the
Common Space, PGA documents and Friends of the Forum representatives. The editions'
selection actions (run-selection, selection-report, delegation) are in selection.py."""

from rest_framework import mixins, viewsets

from civil_society.api import serializers as s
from civil_society.api.views.selection import EditionSelectionActions
from civil_society.models import (
    AdvisoryCommitteeMember,
    CommonSpaceParticipant,
    CommonSpaceSession,
    CSDEdition,
    CSDSession,
    FriendsRepresentative,
    PeoplesGlobalActionDocument,
    Recommendation,
)
from civil_society.selectors import records as sel
from civil_society.services.editions import csd_edition_save
from civil_society.services.programme import (
    friends_representative_register,
    friends_representative_remove,
)
from gfmd.platform import content
from gfmd.platform.api.viewsets import ActivityMixin, RecordViewSet


class CSDEditionViewSet(EditionSelectionActions, RecordViewSet):
    """Civil Society Days editions. Anonymous callers get the public list."""

    queryset = CSDEdition.objects.all()
    serializer_class = s.CSDEditionSerializer
    filterset_fields = ["edition", "applications_open"]
    permission_map = {"list": "civil_society.list_csdedition"}

    def get_queryset(self):
        return sel.csd_editions_for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = csd_edition_save(
            actor=self.request.user, csd_edition=CSDEdition(**serializer.validated_data)
        )

    def perform_update(self, serializer):
        for name, value in serializer.validated_data.items():
            setattr(serializer.instance, name, value)
        csd_edition_save(actor=self.request.user, csd_edition=serializer.instance)


class AdvisoryCommitteeMemberViewSet(RecordViewSet):
    queryset = AdvisoryCommitteeMember.objects.all()
    serializer_class = s.CSDAdvisoryCommitteeMemberSerializer
    filterset_fields = ["csd_edition", "role", "is_reviewer"]

    def get_queryset(self):
        return sel.committee_for_user(self.request.user)


class CSDSessionViewSet(RecordViewSet):
    """CSD sessions: mirrors of government sessions (named by label) or flagged topics."""

    queryset = CSDSession.objects.all()
    serializer_class = s.CSDSessionSerializer
    filterset_fields = ["csd_edition", "origin"]

    def get_queryset(self):
        return sel.sessions_for_user(self.request.user)


class RecommendationViewSet(RecordViewSet):
    queryset = Recommendation.objects.all()
    serializer_class = s.CSDRecommendationSerializer
    filterset_fields = ["csd_edition", "session", "is_published"]
    search_fields = content.search_fields("title", "text")  # in any language

    def get_queryset(self):
        return sel.recommendations_for_user(self.request.user)


class CommonSpaceSessionViewSet(RecordViewSet):
    queryset = CommonSpaceSession.objects.all()
    serializer_class = s.CSDCommonSpaceSessionSerializer
    filterset_fields = ["csd_edition"]

    def get_queryset(self):
        return sel.common_space_for_user(self.request.user)


class CommonSpaceParticipantViewSet(RecordViewSet):
    queryset = CommonSpaceParticipant.objects.all()
    serializer_class = s.CSDCommonSpaceParticipantSerializer
    filterset_fields = ["session", "side"]

    def get_queryset(self):
        return sel.common_space_participants_for_user(self.request.user)


class PeoplesGlobalActionDocumentViewSet(RecordViewSet):
    queryset = PeoplesGlobalActionDocument.objects.all()
    serializer_class = s.CSDPeoplesGlobalActionDocumentSerializer
    filterset_fields = ["csd_edition"]

    def get_queryset(self):
        return sel.pga_documents_for_user(self.request.user)


class FriendsRepresentativeViewSet(
    ActivityMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    """Selected delegates registered as CSD representatives (observers) at Friends of the
    Forum meetings."""

    queryset = FriendsRepresentative.objects.all()
    serializer_class = s.CSDFriendsRepresentativeSerializer
    filterset_fields = ["meeting", "delegate"]

    def get_queryset(self):
        return sel.friends_representatives_for_user(self.request.user)

    def perform_create(self, serializer):
        serializer.instance = friends_representative_register(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_destroy(self, instance):
        friends_representative_remove(actor=self.request.user, representative=instance)
