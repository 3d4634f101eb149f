"""How the outcomes' activity entries read in plain words."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform import plain

plain.register(
    "outcomes",
    actions={
        "outcomes.tags_set": _("Tags set"),
        "outcomes.report_generation_requested": _("Report generation requested"),
        "outcomes.report_generated": _("Report generated"),
    },
)
