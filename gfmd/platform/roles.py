"""Who the caller is, as the platform sees it: Support Unit staff or a partner client.

Domain apps build their own predicates (focal points, reviewers) on these.
"""

import rules

SUPPORT_UNIT_GROUP = "Support Unit"


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
def is_partner_client(user) -> bool:
    return bool(user and user.is_authenticated and hasattr(user, "partner_client"))
