"""Who may do what in the governance core: the one place, read by the admin and the API.

Predicates take the user (and optionally the object). The admin asks through
`user.has_perm("gfmd.change_edition", obj)`; the API's RulesPermission asks the same
permission names, so both answer alike. Other apps build on `is_support_staff`,
`is_focal_point` and `focal_point_bodies`.
"""

from datetime import date

import rules

from gfmd.platform.roles import is_support_staff


def focal_point_bodies(user, on: date | None = None) -> tuple[frozenset, frozenset]:
    """(country ids, organisation ids) the user represents today. Cached on the user object."""
    if not user or not user.is_authenticated:
        return frozenset(), frozenset()
    on = on or date.today()
    cache = getattr(user, "_gfmd_bodies", None)
    if cache is None or cache[0] != on:
        countries, organisations = set(), set()
        for fp in user.focal_points.all():
            if fp.start_date <= on and (fp.end_date is None or fp.end_date >= on):
                if fp.country_id:
                    countries.add(fp.country_id)
                if fp.organisation_id:
                    organisations.add(fp.organisation_id)
        cache = (on, frozenset(countries), frozenset(organisations))
        user._gfmd_bodies = cache
    return cache[1], cache[2]


@rules.predicate
def is_focal_point(user) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    countries, organisations = focal_point_bodies(user)
    return bool(countries or organisations)


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
    "meetingdecision",
    "candidature",
)
for _model in GOVERNANCE_MODELS:
    rules.add_perm(f"gfmd.view_{_model}", can_read_records)
    rules.add_perm(f"gfmd.add_{_model}", is_support_staff)
    rules.add_perm(f"gfmd.change_{_model}", is_support_staff)
    rules.add_perm(f"gfmd.delete_{_model}", is_support_staff)

# The public list of editions is the one thing anonymous users get.
rules.add_perm("gfmd.list_edition", rules.always_allow)
rules.set_perm("gfmd.view_edition", can_read_records | is_public_edition)
rules.add_perm("gfmd.view_troika", can_read_records)
rules.add_perm("gfmd.view_balance_report", can_read_records)
rules.add_perm("gfmd.override_development_status", is_support_staff)
rules.add_perm("gfmd.transition_candidature", is_support_staff)

# Partner clients (OAuth2): staff only.
for _verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"gfmd.{_verb}_partnerclient", is_support_staff)


# Access to the admin app index for rules' ObjectPermissionsModelAdmin.
rules.add_perm("gfmd", can_read_records)
