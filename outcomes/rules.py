"""Who may do what with outcomes: the one place, read by the admin and the API.

- Reference data (GCM objectives, SDG targets) and approved IMRF reports: anyone, also
  anonymous callers (the Forum's published contribution to the IMRF).
- Recommendations of the government meeting and their follow-up, tagging policies: any
  signed-in user (focal points, partner clients' users) reads them.
- Tags of a subject: whoever may view the subject (its own app's permission).
- Every write, opt-outs, drafts of IMRF reports: the Support Unit.
"""

import rules

from gfmd.platform.roles import is_support_staff
from gfmd.platform.rules import is_signed_in
from outcomes.enums import P_MANAGE_REPORT, ReportState


@rules.predicate
def is_approved_report(user, report) -> bool:
    """Approved reports are public; without an object (the list) the selector scopes."""
    return report is None or report.state == ReportState.APPROVED


rules.add_perm("outcomes", is_support_staff)  # admin app index

for _model in ("objective", "sdgtarget"):
    rules.add_perm(f"outcomes.view_{_model}", rules.always_allow)
    rules.add_perm(f"outcomes.change_{_model}", is_support_staff)
rules.add_perm("outcomes.add_sdgtarget", is_support_staff)
# The archive of outcome documents: its selector holds published documents only.
rules.add_perm("outcomes.view_archive", rules.always_allow)

for _model in ("recommendation", "followup", "editiontagging"):
    rules.add_perm(f"outcomes.view_{_model}", is_signed_in)
    rules.add_perm(f"outcomes.add_{_model}", is_support_staff)
rules.add_perm("outcomes.change_recommendation", is_support_staff)
rules.add_perm("outcomes.delete_recommendation", is_support_staff)
rules.add_perm("outcomes.delete_editiontagging", is_support_staff)

for _verb in ("view", "add", "delete"):
    rules.add_perm(f"outcomes.{_verb}_reportingoptout", is_support_staff)

rules.add_perm("outcomes.tag_content", is_support_staff)
rules.add_perm("outcomes.view_tags", is_signed_in)  # and the subject's own view permission

rules.add_perm("outcomes.view_imrfreport", is_support_staff | is_approved_report)
rules.add_perm("outcomes.export_imrfreport", is_support_staff | is_approved_report)
rules.add_perm("outcomes.add_imrfreport", is_support_staff)
rules.add_perm(P_MANAGE_REPORT, is_support_staff)
rules.add_perm("outcomes.generate_imrfreport", is_support_staff)
rules.add_perm("outcomes.delete_imrfreport", is_support_staff)
rules.add_perm("outcomes.view_reportsection", is_support_staff)
rules.add_perm("outcomes.change_reportsection", is_support_staff)
