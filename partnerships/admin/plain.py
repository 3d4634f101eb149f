"""How the Platform for Partnerships' activity entries read in plain words."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform import plain

plain.register(
    "partnerships",
    actions={
        "practice.submit": _("Practice submitted"),
        "talkproposal.submit": _("Talk proposal submitted"),
        "talkcall.select": _("Talks selected"),
    },
)
