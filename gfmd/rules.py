"""Who may do what in the governance core: the one place, read by the admin and the API.

Predicates take the user (and optionally the object). The admin asks through
`user.has_perm("gfmd.change_edition", obj)`; the API's RulesPermission asks the same
permission names, so both answer alike. Other apps build on `is_support_staff`,
`is_focal_point`, `focal_point_bodies` and `mechanism_bodies`.
"""

from datetime import date

import rules

from gfmd.platform.roles import is_support_staff


def _bodies(user, on: date | None = None) -> tuple:
    """(on, country ids, organisation ids, mechanism ids) the user represents on `on`
    (today). Cached on the user object (and filled from the auth cache's snapshot)."""
    on = on or date.today()
    cache = getattr(user, "_gfmd_bodies", None)
    if cache is None or cache[0] != on:
        countries, organisations, mechanisms = set(), set(), set()
        for fp in user.focal_points.all():
            if fp.start_date <= on and (fp.end_date is None or fp.end_date >= on):
                if fp.country_id:
                    countries.add(fp.country_id)
                if fp.organisation_id:
                    organisations.add(fp.organisation_id)
                if fp.mechanism_id:
                    mechanisms.add(fp.mechanism_id)
        cache = (on, frozenset(countries), frozenset(organisations), frozenset(mechanisms))
        user._gfmd_bodies = cache
    return cache


def focal_point_bodies(user, on: date | None = None) -> tuple[frozenset, frozenset]:
    """(country ids, organisation ids) the user represents today."""
    if not user or not user.is_authenticated:
        return frozenset(), frozenset()
    cache = _bodies(user, on)
    return cache[1], cache[2]


def mechanism_bodies(user, on: date | None = None) -> frozenset:
    """Ids of the stakeholder mechanisms the user is a focal point of today."""
    if not user or not user.is_authenticated or not user.is_active:
        return frozenset()
    return _bodies(user, on)[3]


@rules.predicate
def is_focal_point(user) -> bool:
    """A focal point of a government or an organisation (not of a mechanism: that role
    sees only what its mechanism takes part in, see `is_mechanism_focal_point`)."""
    if not user or not user.is_authenticated or not user.is_active:
        return False
    countries, organisations = focal_point_bodies(user)
    return bool(countries or organisations)


@rules.predicate
def is_mechanism_focal_point(user) -> bool:
    return bool(mechanism_bodies(user))


@rules.predicate
def represents_mechanism(user, mechanism) -> bool:
    """A list (no object): any mechanism focal point (the selector narrows the rows)."""
    if mechanism is None:
        return is_mechanism_focal_point(user)
    return mechanism.pk in mechanism_bodies(user)


@rules.predicate
def in_mechanisms_working_group(user, group) -> bool:
    """Its mechanism co-chairs or is a member of the working group."""
    mine = mechanism_bodies(user)
    if group is None:
        return bool(mine)
    if not mine:
        return False
    return (
        group.chairs.filter(mechanism_id__in=mine).exists()
        or group.members.filter(mechanism_id__in=mine).exists()
    )


@rules.predicate
def at_mechanisms_meeting(user, meeting) -> bool:
    """Its mechanism is listed for the meeting, or the meeting is of its working group."""
    mine = mechanism_bodies(user)
    if meeting is None:
        return bool(mine)
    if not mine:
        return False
    if meeting.attendances.filter(mechanism_id__in=mine).exists():
        return True
    return meeting.working_group_id is not None and in_mechanisms_working_group(
        user, meeting.working_group
    )


@rules.predicate
def is_public_edition(user, edition) -> bool:
    return edition is not None and edition.is_public


can_read_records = is_support_staff | is_focal_point

# Governance records: staff write, focal points read.
GOVERNANCE_MODELS = (
    "country",
    "organisation",
    "focalpoint",
    "edition",
    "editionchair",
    "balancepolicy",
    "steeringgroupmembership",
    "friendsparticipation",
    "meeting",
    "agendaitem",
    "attendance",
    "localgovernment",
    "mechanismorganisation",
    "mechanismparticipation",
    "workinggroupchair",
    "workinggroupmember",
    "meetingdecision",
    "candidature",
)
for _model in GOVERNANCE_MODELS:
    rules.add_perm(f"gfmd.view_{_model}", can_read_records)
    rules.add_perm(f"gfmd.add_{_model}", is_support_staff)
    rules.add_perm(f"gfmd.change_{_model}", is_support_staff)
    rules.add_perm(f"gfmd.delete_{_model}", is_support_staff)

# Mechanism focal points: their mechanism, its working groups and the meetings it takes
# part in; nothing of what government roles see (the selectors narrow lists alike).
for _model, _reach in (
    ("mechanism", represents_mechanism),
    ("workinggroup", in_mechanisms_working_group),
):
    rules.add_perm(f"gfmd.view_{_model}", can_read_records | _reach)
    rules.add_perm(f"gfmd.add_{_model}", is_support_staff)
    rules.add_perm(f"gfmd.change_{_model}", is_support_staff)
    rules.add_perm(f"gfmd.delete_{_model}", is_support_staff)
rules.set_perm("gfmd.view_meeting", can_read_records | at_mechanisms_meeting)

# The public list of editions is the one thing anonymous users get.
rules.add_perm("gfmd.list_edition", rules.always_allow)
rules.set_perm("gfmd.view_edition", can_read_records | is_public_edition)
rules.add_perm("gfmd.view_troika", can_read_records)
rules.add_perm("gfmd.view_balance_report", can_read_records)
rules.add_perm("gfmd.override_development_status", is_support_staff)
rules.add_perm("gfmd.override_migration_perspective", is_support_staff)
rules.add_perm("gfmd.transition_candidature", is_support_staff)

# Partner clients (OAuth2): staff only.
for _verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"gfmd.{_verb}_partnerclient", is_support_staff)


# Access to the admin app index for rules' ObjectPermissionsModelAdmin.
rules.add_perm("gfmd", can_read_records)
