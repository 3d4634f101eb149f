"""Who may do what on the Platform for Partnerships.

Practices: everyone, anonymous too, reads the published ones (the selector hides the
rest: 404); partner clients (the Forum's website) and staff submit; the submitter edits
and resubmits while the practice is submitted or returned; staff moderate. Calls for
talks: staff run them; any signed-in person proposes a talk; the call's reviewers score.
"""

import rules

from gfmd.platform.roles import is_partner_client, is_support_staff
from partnerships.enums import PracticeState

EDITABLE = (PracticeState.SUBMITTED, PracticeState.RETURNED)


@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


@rules.predicate
def is_published(user, practice) -> bool:
    return practice is None or practice.state == PracticeState.PUBLISHED


@rules.predicate
def submitted_practice(user, practice) -> bool:
    return (
        practice is not None
        and practice.submitted_by_id is not None
        and practice.submitted_by_id == getattr(user, "pk", None)
    )


@rules.predicate
def practice_editable(user, practice) -> bool:
    return practice is None or practice.state in EDITABLE


def reviewer_call_ids(user) -> set:
    """The calls the user reviews (read once per request)."""
    if not is_signed_in(user):
        return set()
    cached = getattr(user, "_pfp_reviewer_calls", None)
    if cached is None:
        cached = set(user.pfp_reviewer_seats.values_list("call_id", flat=True))
        user._pfp_reviewer_calls = cached
    return cached


def _call_id(obj):
    """The call of a call, a proposal or a review."""
    if hasattr(obj, "places"):
        return obj.pk
    if hasattr(obj, "call_id"):
        return obj.call_id
    return obj.proposal.call_id


@rules.predicate
def reviews_call(user, obj) -> bool:
    """A reviewer of the call of `obj`; for a list (no object): a reviewer of any call."""
    calls = reviewer_call_ids(user)
    return bool(calls) if obj is None else _call_id(obj) in calls


@rules.predicate
def proposed_talk(user, proposal) -> bool:
    return (
        proposal is not None
        and proposal.proponent_id is not None
        and proposal.proponent_id == getattr(user, "pk", None)
    )


# Practices
rules.add_perm("partnerships.view_practice", is_support_staff | is_published | submitted_practice)
rules.add_perm("partnerships.add_practice", is_support_staff | is_partner_client)
rules.add_perm(
    "partnerships.change_practice",
    is_support_staff | (submitted_practice & practice_editable),
)
rules.add_perm("partnerships.delete_practice", rules.always_deny)  # archive instead
rules.add_perm("partnerships.moderate_practice", is_support_staff)
rules.add_perm("partnerships.resubmit_practice", is_support_staff | submitted_practice)

# Calls for talks
rules.add_perm("partnerships.view_talkcall", rules.always_allow)
for _verb in ("add", "change"):
    rules.add_perm(f"partnerships.{_verb}_talkcall", is_support_staff)
rules.add_perm("partnerships.delete_talkcall", rules.always_deny)
rules.add_perm("partnerships.manage_talkcall", is_support_staff)
rules.add_perm("partnerships.view_talkreviewer", is_support_staff)
for _verb in ("add", "change", "delete"):
    rules.add_perm(f"partnerships.{_verb}_talkreviewer", is_support_staff)
rules.add_perm("partnerships.view_talkproposal", is_support_staff | proposed_talk | reviews_call)
rules.add_perm("partnerships.add_talkproposal", is_signed_in)
rules.add_perm("partnerships.change_talkproposal", is_support_staff)
rules.add_perm("partnerships.delete_talkproposal", rules.always_deny)
rules.add_perm("partnerships.view_talkreview", is_support_staff | reviews_call)
rules.add_perm("partnerships.add_talkreview", is_support_staff | reviews_call)
rules.add_perm("partnerships.change_talkreview", rules.always_deny)
rules.add_perm("partnerships.delete_talkreview", rules.always_deny)
rules.add_perm("partnerships", is_support_staff)  # the admin's app index
