"""CSV/XLSX columns of the participant list (gfmd/platform/exports.py's format). Passport
data only in the staff variant (`with_passport=True`), which the view grants to staff who
ask for it. Rows come from selectors.participants.participants_for_user."""

from django.utils.translation import gettext_lazy as _

from gfmd.platform.exports import Column


class TranslatedColumns(list):
    """(title, getter) pairs whose lazy titles come out in the active language."""

    def __iter__(self):
        for title, get in super().__iter__():
            yield str(title), get


def _passport(p, name):
    passport = getattr(p, "passport", None) if hasattr(p, "passport") else None
    return getattr(passport, name, "") if passport else ""


COLUMNS: list[Column] = [
    (_("Name as in passport"), lambda p: p.full_name),
    (_("Title"), lambda p: p.title),
    (_("Function"), lambda p: p.function),
    (_("Email"), lambda p: p.email),
    (_("Category"), lambda p: str(p.category)),
    (_("Delegation"), lambda p: str(p.delegation or "")),
    (_("Head of delegation"), lambda p: p.is_head_of_delegation),
    (_("Attends"), lambda p: p.get_attendance_format_display()),
    (_("State"), lambda p: p.get_state_display()),
    (_("Visa letter needed"), lambda p: p.visa_letter_needed),
    (_("Accessibility needs"), lambda p: p.accessibility_needs),
    (_("Language"), lambda p: p.get_language_display()),
]

PASSPORT_COLUMNS: list[Column] = [
    (_("Nationality"), lambda p: str(_passport(p, "nationality") or "")),
    (_("Passport number"), lambda p: _passport(p, "passport_number")),
    (_("Date of birth"), lambda p: _passport(p, "date_of_birth")),
]


def participant_columns(*, with_passport: bool = False) -> list[Column]:
    return TranslatedColumns(COLUMNS + (PASSPORT_COLUMNS if with_passport else []))
