"""Who may do what in the governance core: the one place, read by the admin and the API.

Predicates take the user (and optionally the object). The admin asks through
`user.has_perm("gfmd.change_edition", obj)`; the API's RulesPermission asks the same
permission names, so both answer alike. Other apps build on `is_support_staff`,
`is_focal_point` and `focal_point_bodies`.
"""

from datetime import date

import rules

SUPPORT_UNIT_GROUP = "Support Unit"


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
def is_support_staff(user) -> bool:
    if not user or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_gfmd_group_names", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._gfmd_group_names = names
    return SUPPORT_UNIT_GROUP in names


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

# The activity log is append-only: nobody edits or deletes it, staff read it.
rules.add_perm("gfmd.view_activitylog", is_support_staff)
rules.add_perm("gfmd.add_activitylog", rules.always_deny)
rules.add_perm("gfmd.change_activitylog", rules.always_deny)
rules.add_perm("gfmd.delete_activitylog", rules.always_deny)

# Partner clients (OAuth2): staff only.
for _verb in ("view", "add", "change", "delete"):
    rules.add_perm(f"gfmd.{_verb}_partnerclient", is_support_staff)


# Webhooks: staff manage all; a partner client manages its own endpoints.
@rules.predicate
def is_partner_client(user) -> bool:
    return bool(user and user.is_authenticated and hasattr(user, "partner_client"))


@rules.predicate
def owns_webhook_endpoint(user, endpoint) -> bool:
    if endpoint is None:  # a list: the selector narrows it to the client's own endpoints
        return is_partner_client(user)
    client = getattr(endpoint, "client", None)
    return client is not None and client.service_user_id == getattr(user, "pk", None)


@rules.predicate
def owns_webhook_delivery(user, delivery) -> bool:
    if delivery is None:  # a list: the selector narrows it to the client's own deliveries
        return is_partner_client(user)
    return owns_webhook_endpoint(user, delivery.endpoint)


rules.add_perm("gfmd.add_webhookendpoint", is_support_staff | is_partner_client)
for _verb in ("view", "change", "delete"):
    rules.add_perm(f"gfmd.{_verb}_webhookendpoint", is_support_staff | owns_webhook_endpoint)
rules.add_perm("gfmd.view_webhookdelivery", is_support_staff | owns_webhook_delivery)
rules.add_perm("gfmd.redeliver_webhookdelivery", is_support_staff | owns_webhook_delivery)
rules.add_perm("gfmd.view_webhookevent", is_support_staff)

# Outgoing notifications: staff see them and their failures, and may retry.
rules.add_perm("gfmd.view_notification", is_support_staff)
rules.add_perm("gfmd.retry_notification", is_support_staff)

# The Support Unit manages accounts (focal points log in with them); only superusers
# grant superuser status or raw permissions (see the user admin).
for _verb in ("view", "add", "change"):
    rules.add_perm(f"auth.{_verb}_user", is_support_staff)
rules.add_perm("auth.view_group", is_support_staff)
rules.add_perm("auth", is_support_staff)

# Login lockouts (django-axes): the Support Unit sees them and lifts one by deleting it.
for _perm in ("view_accessattempt", "delete_accessattempt", "view_accesslog"):
    rules.add_perm(f"axes.{_perm}", is_support_staff)
rules.add_perm("axes", is_support_staff)
# Second factors: staff see them and delete a lost one so its owner can enrol again.
for _app, _model in (("otp_totp", "totpdevice"), ("otp_static", "staticdevice")):
    rules.add_perm(f"{_app}.view_{_model}", is_support_staff)
    rules.add_perm(f"{_app}.delete_{_model}", is_support_staff)
    rules.add_perm(_app, is_support_staff)

# Access to the admin app index for rules' ObjectPermissionsModelAdmin.
rules.add_perm("gfmd", can_read_records)
