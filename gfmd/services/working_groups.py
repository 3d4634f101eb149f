"""Working groups: status through the one transition engine; co-chairs kept."""

from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.enums import WORKING_GROUP_TRANSITIONS, WorkingGroupStatus
from gfmd.models import WorkingGroup, WorkingGroupChair
from gfmd.platform.errors import ConflictError
from gfmd.platform.services.records import record_delete
from gfmd.platform.services.transitions import transition_run


def working_group_transition(*, actor, group: WorkingGroup, name: str, reason: str = ""):
    """Conclude or dissolve a working group (staff)."""
    return transition_run(group, name, actor=actor, table=WORKING_GROUP_TRANSITIONS, reason=reason)


@transaction.atomic
def working_group_chair_remove(*, actor, chair: WorkingGroupChair) -> None:
    """An active working group keeps at least one co-chair."""
    group = WorkingGroup.objects.select_for_update().get(pk=chair.working_group_id)
    if group.status == WorkingGroupStatus.ACTIVE and group.chairs.count() <= 1:
        raise ConflictError(
            _("An active working group keeps at least one co-chair; add another first."),
            code="last_cochair",
        )
    record_delete(actor=actor, instance=chair)
