"""Who may see the contributions ledger: Support Unit staff everything; a focal point its
own body's pledges and receipts, the budgets, carry-overs and the aggregated report;
anonymous callers nothing. Only staff write.

Object predicates accept `obj=None` (may this role use the endpoint at all); the
selectors scope the lists the same way (another body's pledge is a 404).
"""

import rules

from gfmd.platform.roles import is_support_staff
from gfmd.rules import focal_point_bodies, is_focal_point


@rules.predicate
def is_own_contribution(user, obj=None) -> bool:
    if obj is None:
        return True
    countries, organisations = focal_point_bodies(user)
    return obj.country_id in countries or obj.organisation_id in organisations


can_read = is_support_staff | is_focal_point

for _model in ("pledge", "receipt"):
    rules.add_perm(
        f"contributions.view_{_model}", is_support_staff | (is_focal_point & is_own_contribution)
    )
for _model in ("budget", "budgetline", "carryover", "exchangerate"):
    rules.add_perm(f"contributions.view_{_model}", can_read)
for _model in ("pledge", "receipt", "budget", "budgetline", "carryover", "exchangerate"):
    for _verb in ("add", "change", "delete"):
        rules.add_perm(f"contributions.{_verb}_{_model}", is_support_staff)

rules.add_perm("contributions.view_report", can_read)
rules.add_perm("contributions", can_read)  # the admin app index
