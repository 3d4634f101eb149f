"""How registration's activity entries read in plain words (transitions, foreign keys and
choices read themselves; these are the other actions)."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform import plain

plain.register(
    "registration",
    actions={
        "participant.nominate": _("Participant nominated"),
        "participant.update": _("Participant changed"),
        "participant.substitute_for": _("Participant substituted"),
        "participant.passport_set": _("Passport data recorded"),
        "participant.passport_removed": _("Passport data removed"),
        "participant.visa_letter_issued": _("Visa letter issued"),
        "participant.visa_letter_reissued": _("Visa letter re-issued"),
        "participant.badge_revoked": _("Badge revoked"),
        "participant.badge_reissued": _("Badge re-issued"),
        "participant.checked_in": _("Checked in"),
        "credential.upload": _("Credentials uploaded"),
        "badgebatch.create": _("Badge sheets requested"),
        "registration.csd_delegates_fed": _("CSD delegates added"),
        "registration.passport_data_purged": _("Passport data deleted after the meeting"),
    },
)
