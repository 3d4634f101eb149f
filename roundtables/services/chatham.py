"""The Chatham House publication guard of outcome documents.

Publishing an outcome document (distributing it, or making it public) of an edition whose
meetings are held under the Chatham House rule is refused while its text quotes a
government's input verbatim with the government's name (roundtables/selectors/quotes.py).
Support Unit staff may override with a reason; the reason and the quotes found are written
in the step's activity entry. Called inside the publishing step's transaction.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError
from gfmd.platform.roles import is_support_staff
from gfmd.platform.services.transitions import require_reason
from gfmd.platform.uploads import PDF
from roundtables.models import WorkingPaper
from roundtables.selectors.quotes import attributed_quotes, under_chatham_house
from roundtables.services.versions import version_extract_pdf_text


def _published_text(paper: WorkingPaper) -> str:
    """The final version's text; a PDF whose text the search task has not read yet is read
    now (in the bounded child process), so publishing never outruns the check."""
    version = paper.final_version
    if version is None:
        return ""
    if not version.text and version.content_type == PDF:
        version_extract_pdf_text(version_id=version.pk)
        version.refresh_from_db(fields=["text"])
    return version.text


def chatham_house_guard(
    *, actor, paper: WorkingPaper, override: bool = False, override_reason: str = ""
) -> dict:
    """Refuse (409) or let the publication through; returns the activity entry's extra data."""
    if override:
        if not is_support_staff(actor):
            raise PermissionDenied(
                _("Only Support Unit staff may override the Chatham House rule.")
            )
        override_reason = require_reason(
            override_reason, _("publishing despite the Chatham House rule")
        )
    if not paper.kind_spec.outcome or not under_chatham_house(paper.edition):
        return {}
    quotes = attributed_quotes(paper, _published_text(paper))
    if not quotes:
        return {}
    if not override:
        raise ConflictError(
            _(
                "%(document)s is under the Chatham House rule but quotes the input of "
                '%(governments)s verbatim with the government\'s name ("%(excerpt)s ..."). '
                "Remove the attribution or the quote; Support Unit staff may override with a "
                "reason."
            )
            % {
                "document": paper.document_name(),
                "governments": ", ".join(sorted({q.country for q in quotes})),
                "excerpt": quotes[0].excerpt,
            },
            code="chatham_house_attribution",
        )
    return {
        "chatham_house_override": {
            "reason": override_reason,
            "quotes": [q.as_dict() for q in quotes],
        }
    }
