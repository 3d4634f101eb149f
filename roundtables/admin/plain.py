"""How the roundtables' activity entries read in plain words (transition labels come from
the transition tables, foreign keys and choices from the models; these are the other
actions)."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform import plain

plain.register(
    "roundtables",
    actions={
        "cochair.propose": _("Co-chair proposed"),
        "cochair.confirm": _("Co-chair confirmed"),
        "cochair.decline": _("Co-chair declined"),
        "cochair.withdraw": _("Co-chair withdrew"),
        "team.request": _("Team membership requested"),
        "input.submit": _("Input submitted"),
        "input.decide": _("Input decided"),
        "paper.add_version": _("Version added"),
        "paper.publish": _("Published"),
        "paper.unpublish": _("Unpublished"),
    },
)
