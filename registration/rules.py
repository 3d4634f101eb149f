"""Who may do what in registration: the one place, read by the admin and the API.

- The Support Unit sees and does everything, and alone reads passport data and decides.
- A government's or organisation's focal point nominates for, and sees, its own
  delegation only (participants and credentials). A partner client acting for a body is
  that body's focal point (its service account), so the same rules apply; its OAuth2
  scopes (`registrations:read`, `registrations:write`) bound it further.
- Everyone else sees the participant list only as each category's visibility allows
  (selectors.participants.participant_list).
"""

import rules

from gfmd.platform.roles import is_support_staff
from gfmd.rules import focal_point_bodies, is_focal_point


@rules.predicate
def represents_delegation(user, obj) -> bool:
    """The user is a focal point of the object's government or organisation (today)."""
    if obj is None:
        return False
    countries, organisations = focal_point_bodies(user)
    country_id = getattr(obj, "country_id", None)
    organisation_id = getattr(obj, "organisation_id", None)
    return (country_id is not None and country_id in countries) or (
        organisation_id is not None and organisation_id in organisations
    )


@rules.predicate
def no_object(user, obj) -> bool:
    """A list-level check (no object yet): the selector scopes what the list shows."""
    return obj is None


can_nominate = is_support_staff | is_focal_point
# Lists: staff and focal points (scoped by the selector); an object: staff or its delegation.
can_manage_delegation = is_support_staff | (is_focal_point & (no_object | represents_delegation))

# Registrations, categories and quotas: staff write; anyone may read which meetings are
# open for registration and in which categories (lists are public information).
for _model in ("registration", "participantcategory", "quota"):
    rules.add_perm(f"registration.view_{_model}", rules.always_allow)
    rules.add_perm(f"registration.add_{_model}", is_support_staff)
    rules.add_perm(f"registration.change_{_model}", is_support_staff)
    rules.add_perm(f"registration.delete_{_model}", is_support_staff)

# The participant list (public entries, as each category's visibility allows).
rules.add_perm("registration.view_participant_list", rules.always_allow)

# Participants: a delegation's own records; staff decide.
rules.add_perm("registration.view_participant", can_manage_delegation)
rules.add_perm("registration.add_participant", can_nominate)
rules.add_perm("registration.change_participant", can_manage_delegation)
rules.add_perm("registration.delete_participant", is_support_staff)
rules.add_perm("registration.decide_participant", is_support_staff)
rules.add_perm("registration.export_participants", can_nominate)
rules.add_perm("registration.feed_csd_delegates", is_support_staff)

# Passport data: the Support Unit only, everywhere (admin, API, exports).
for _verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"registration.{_verb}_passportdata", is_support_staff)

# Credentials: the delegation uploads and sees its own; staff check them.
rules.add_perm("registration.view_credential", can_manage_delegation)
rules.add_perm("registration.add_credential", can_nominate)
rules.add_perm("registration.change_credential", is_support_staff)
rules.add_perm("registration.delete_credential", is_support_staff)
rules.add_perm("registration.check_credential", is_support_staff)

# Access to the admin app index for rules' ObjectPermissionsModelAdmin.
rules.add_perm("registration", is_support_staff)

# Visa letters, badges and check-in (regdocs): the Support Unit only. Letters carry
# passport data; a badge's QR code is an access credential; check-in desks are staffed
# by the Support Unit (its scanning devices sign in as staff accounts).
for _model in ("visaletter", "badge", "badgebatch", "checkin", "offlinescan"):
    for _verb in ("view", "add", "change", "delete"):
        rules.add_perm(f"registration.{_verb}_{_model}", is_support_staff)
for _perm in ("issue_visaletter", "download_visaletter", "download_badge", "revoke_badge"):
    rules.add_perm(f"registration.{_perm}", is_support_staff)
rules.add_perm("registration.download_badgebatch", is_support_staff)
rules.add_perm("registration.check_in_participant", is_support_staff)
