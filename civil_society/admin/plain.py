"""How the Civil Society Days' activity entries read in plain words (transition labels come
from the transition tables, foreign keys and choices from the models)."""

from django.utils.translation import gettext_lazy as _

from civil_society.enums import Sector
from civil_society.models import Delegate
from gfmd.models import Organisation
from gfmd.platform import plain

plain.register(
    "civil_society",
    actions={
        "application.withdraw": _("Application withdrawn"),
        "civilsocietyorganisation.check_led": _("Migrant- or diaspora-led check recorded"),
        "civilsocietyorganisation.duplicate_allowed": _("Registered despite similar names"),
        "civilsocietyorganisation.merge": _("Duplicate organisations merged"),
        "delegate.decide": _("Delegate decided"),
        "delegate.promote": _("Moved up from the waitlist"),
        "delegate.release": _("Place released"),
        "selectionproposal.run": _("Selection run"),
        "selectionproposal.adjust": _("Selection adjusted"),
        "selectionproposal.confirm": _("Selection confirmed"),
        "selectionproposal.supersede": _("Selection superseded"),
    },
    fields={
        ("civil_society.selectionproposal", "delegate"): plain.lookup(Delegate),
        ("civil_society.civilsocietyorganisation", "matches"): plain.lookup(Organisation),
        ("civil_society.selectionpolicy", "sector_minimums"): plain.choices(Sector),
        ("civil_society.selectionpolicy", "sector_min_shares"): plain.choices(Sector),
    },
)
