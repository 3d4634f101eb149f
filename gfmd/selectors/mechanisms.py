"""Mechanisms, local governments and working groups, scoped to the caller.

Staff and government/organisation focal points read them all (`can_read_records`); a
mechanism focal point reads its own mechanism, the working groups its mechanism chairs or
belongs to, and the meetings its mechanism attends or its working groups hold.
"""

from django.db.models import Exists, OuterRef, Prefetch, Q

from gfmd.models import (
    LocalGovernment,
    Mechanism,
    MechanismOrganisation,
    MechanismParticipation,
    WorkingGroup,
    WorkingGroupChair,
    WorkingGroupMember,
)
from gfmd.models.meetings import Attendance
from gfmd.rules import can_read_records, mechanism_bodies


def _groups_of(mechanism_ids):
    """Working groups the mechanisms co-chair or belong to (a filter on WorkingGroup)."""
    return Q(
        Exists(
            WorkingGroupChair.objects.filter(
                working_group=OuterRef("pk"), mechanism_id__in=mechanism_ids
            )
        )
    ) | Q(
        Exists(
            WorkingGroupMember.objects.filter(
                working_group=OuterRef("pk"), mechanism_id__in=mechanism_ids
            )
        )
    )


def mechanisms_for_user(user):
    queryset = Mechanism.objects.prefetch_related(
        Prefetch(
            "coordinators",
            queryset=MechanismOrganisation.objects.select_related("organisation").order_by(
                "role", "organisation__name", "id"
            ),
        )
    ).order_by("since_year", "name", "id")
    if can_read_records(user):
        return queryset
    return queryset.filter(pk__in=mechanism_bodies(user))


def mechanism_organisations_for_user(user):
    queryset = MechanismOrganisation.objects.select_related("mechanism", "organisation")
    queryset = queryset.order_by("mechanism_id", "role", "id")
    return queryset if can_read_records(user) else queryset.none()


def mechanism_participations_for_user(user):
    queryset = MechanismParticipation.objects.select_related("mechanism").order_by(
        "body", "start_date", "id"
    )
    return queryset if can_read_records(user) else queryset.none()


def local_governments_for_user(user):
    queryset = (
        LocalGovernment.objects.select_related("country")
        .prefetch_related("networks")
        .order_by("name", "id")
    )
    return queryset if can_read_records(user) else queryset.none()


def working_groups_for_user(user):
    queryset = WorkingGroup.objects.prefetch_related(
        Prefetch(
            "chairs",
            queryset=WorkingGroupChair.objects.select_related("country", "mechanism").order_by(
                "id"
            ),
        ),
        Prefetch(
            "members",
            queryset=WorkingGroupMember.objects.select_related(
                "country", "organisation", "mechanism"
            ).order_by("id"),
        ),
    ).order_by("-term_from", "name", "id")
    if can_read_records(user):
        return queryset
    mine = mechanism_bodies(user)
    return queryset.filter(_groups_of(mine)) if mine else queryset.none()


def working_group_chairs_for_user(user):
    queryset = WorkingGroupChair.objects.select_related("country", "mechanism").order_by(
        "working_group_id", "id"
    )
    return queryset if can_read_records(user) else queryset.none()


def working_group_members_for_user(user):
    queryset = WorkingGroupMember.objects.select_related(
        "country", "organisation", "mechanism"
    ).order_by("working_group_id", "id")
    return queryset if can_read_records(user) else queryset.none()


def meetings_of_mechanisms(queryset, mechanism_ids):
    """Meetings the mechanisms attend, or held by working groups they take part in."""
    attends = Exists(
        Attendance.objects.filter(meeting=OuterRef("pk"), mechanism_id__in=mechanism_ids)
    )
    groups = WorkingGroup.objects.filter(_groups_of(mechanism_ids)).values("pk")
    return queryset.filter(Q(attends) | Q(working_group__in=groups))
