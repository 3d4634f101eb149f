"""One error format for the whole API: {"type", "detail", "fields"}.

Domain errors become 400/409, model validation 400 with the field and the rule, database
constraint violations 409 naming the rule; nothing in the request's control is a 500.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from gfmd.platform.errors import DomainError


def _constraint_message(error: IntegrityError) -> str:
    text = str(error)
    for model in apps.get_models():
        for constraint in model._meta.constraints:
            if constraint.name in text:
                return constraint.get_violation_error_message()
    return _("The change conflicts with existing records.")


def _fields(detail) -> dict:
    if isinstance(detail, dict):
        return {("non_field_errors" if k == "__all__" else k): v for k, v in detail.items()}
    if isinstance(detail, list):
        return {"non_field_errors": detail}
    return {}


def _first_message(fields: dict) -> str:
    """The first message found, so `detail` alone already tells what is wrong."""
    for messages in fields.values():
        while isinstance(messages, dict | list) and messages:
            messages = next(iter(messages.values())) if isinstance(messages, dict) else messages[0]
        if isinstance(messages, str) and messages:
            return messages
    return _("Invalid input.")


def _body(kind: str, detail: str, fields: dict | None = None) -> dict:
    return {"type": kind, "detail": detail, "fields": fields or {}}


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        fields = {exc.field: [exc.detail]} if exc.field else {}
        return Response(_body(exc.code, exc.detail, fields), status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        fields = _fields(detail)
        return Response(
            _body("validation_error", _first_message(fields), fields),
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, IntegrityError):
        return Response(
            _body("constraint_violation", _constraint_message(exc)), status=status.HTTP_409_CONFLICT
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        response.data = _body("validation_error", _first_message(fields), fields)
    else:
        detail = exc.detail if isinstance(exc, exceptions.APIException) else str(exc)
        kind = getattr(detail, "code", None) or "error"
        response.data = _body(str(kind), str(detail))
    return response
