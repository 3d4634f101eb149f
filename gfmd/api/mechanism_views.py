"""API of stakeholder mechanisms, local governments and working groups: thin views."""

from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from gfmd.api import mechanism_serializers as s
from gfmd.models import (
    LocalGovernment,
    Mechanism,
    MechanismOrganisation,
    MechanismParticipation,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from gfmd.platform import content
from gfmd.platform.api.viewsets import RecordViewSet
from gfmd.selectors import mechanisms as sel
from gfmd.services.working_groups import working_group_chair_remove, working_group_transition


class MechanismViewSet(RecordViewSet):
    """Stakeholder mechanisms (Civil Society, Business, Mayors, Youth, ...)."""

    queryset = Mechanism.objects.all()
    serializer_class = s.MechanismSerializer
    filterset_fields = ["code", "until_year"]
    search_fields = content.search_fields("name")
    ordering_fields = ["since_year", "name"]

    def get_queryset(self):
        return sel.mechanisms_for_user(self.request.user)


class MechanismOrganisationViewSet(RecordViewSet):
    """Coordinating organisations of the mechanisms (host, co-steering, coordinator)."""

    queryset = MechanismOrganisation.objects.all()
    serializer_class = s.CoordinatorSerializer
    filterset_fields = ["mechanism", "organisation", "role"]

    def get_queryset(self):
        return sel.mechanism_organisations_for_user(self.request.user)


class MechanismParticipationViewSet(RecordViewSet):
    """Mechanisms' seats in the Steering Group and the Friends of the Forum."""

    queryset = MechanismParticipation.objects.all()
    serializer_class = s.MechanismParticipationSerializer
    filterset_fields = {"mechanism": ["exact"], "body": ["exact"], "start_date": ["gte", "lte"]}

    def get_queryset(self):
        return sel.mechanism_participations_for_user(self.request.user)


class LocalGovernmentViewSet(RecordViewSet):
    """Cities and regions: neither states nor international organisations."""

    queryset = LocalGovernment.objects.all()
    serializer_class = s.LocalGovernmentSerializer
    filterset_fields = {"kind": ["exact"], "country__iso3": ["exact"], "networks": ["exact"]}
    search_fields = ["name"]

    def get_queryset(self):
        return sel.local_governments_for_user(self.request.user)

    def perform_create(self, serializer):
        networks = serializer.validated_data.pop("networks", [])
        super().perform_create(serializer)
        serializer.instance.networks.set(networks)

    def perform_update(self, serializer):
        networks = serializer.validated_data.pop("networks", None)
        super().perform_update(serializer)
        if networks is not None:
            serializer.instance.networks.set(networks)


class WorkingGroupViewSet(RecordViewSet):
    """Ad hoc working groups with their co-chairs and members."""

    queryset = WorkingGroup.objects.all()
    serializer_class = s.WorkingGroupSerializer
    filterset_fields = ["status", "until_deliverable"]
    search_fields = content.search_fields("name", "mandate")
    permission_map = {
        "conclude": "gfmd.change_workinggroup",
        "dissolve": "gfmd.change_workinggroup",
    }

    def get_queryset(self):
        return sel.working_groups_for_user(self.request.user)

    def _transition(self, request, name):
        payload = s.TransitionReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        group = working_group_transition(
            actor=request.user,
            group=self.get_object(),
            name=name,
            reason=payload.validated_data["reason"],
        )
        return Response(s.WorkingGroupSerializer(self.get_queryset().get(pk=group.pk)).data)

    @extend_schema(request=s.TransitionReasonSerializer, responses=s.WorkingGroupSerializer)
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        """The group's term or deliverable is done."""
        return self._transition(request, "conclude")

    @extend_schema(request=s.TransitionReasonSerializer, responses=s.WorkingGroupSerializer)
    @action(detail=True, methods=["post"])
    def dissolve(self, request, pk=None):
        """The group is wound up early."""
        return self._transition(request, "dissolve")


class WorkingGroupChairViewSet(RecordViewSet):
    """Co-chairs: a government or a mechanism each, any mix."""

    queryset = WorkingGroupChair.objects.all()
    serializer_class = s.WorkingGroupChairSerializer
    filterset_fields = ["working_group", "mechanism"]

    def get_queryset(self):
        return sel.working_group_chairs_for_user(self.request.user)

    def perform_destroy(self, instance):
        working_group_chair_remove(actor=self.request.user, chair=instance)


class WorkingGroupMemberViewSet(RecordViewSet):
    queryset = WorkingGroupMember.objects.all()
    serializer_class = s.WorkingGroupMemberSerializer
    filterset_fields = ["working_group", "mechanism", "organisation"]

    def get_queryset(self):
        return sel.working_group_members_for_user(self.request.user)
