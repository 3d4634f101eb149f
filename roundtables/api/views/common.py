"""Shared pieces of the roundtables API views."""

import logging

from django.http import FileResponse
from django.utils.translation import gettext as _
from rest_framework.exceptions import NotFound

from roundtables.rules import forget_reach

logger = logging.getLogger(__name__)


class FreshReachMixin:
    """Roles are computed once per request: drop any left on the user by an earlier one."""

    def initial(self, request, *args, **kwargs):
        forget_reach(request.user)
        super().initial(request, *args, **kwargs)


def file_response(field_file, filename: str, content_type: str) -> FileResponse:
    try:
        handle = field_file.storage.open(field_file.name, "rb")
    except FileNotFoundError as exc:
        logger.error("Stored file missing: %s", field_file.name)
        raise NotFound(_("The stored file is missing; please tell the Support Unit.")) from exc
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
