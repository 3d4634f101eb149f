"""Safe writes for partners: ETag / If-Match against lost updates, Idempotency-Key
against duplicate creates on retry. Mixed into RecordViewSet, so every record has them."""

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.response import Response

from gfmd.platform.api.conditional import NotModifiedMixin
from gfmd.platform.models import IdempotencyKey


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The record changed since you read it; GET it again and retry.")
    default_code = "precondition_failed"


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = _("Send If-Match with the ETag from your last GET of this record.")
    default_code = "precondition_required"


class IdempotencyKeyReused(APIException):
    status_code = status.HTTP_422_UNPROCESSABLE_ENTITY
    default_detail = _("This Idempotency-Key was used for a different request.")
    default_code = "idempotency_key_reused"


def etag_for(data) -> str:
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    return '"' + hashlib.sha256(payload.encode()).hexdigest()[:40] + '"'


def _matches(header: str, etag: str) -> bool:
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    return "*" in candidates or etag in candidates


def detail_response(request, data, body=None) -> Response:
    """A detail's 200 with its ETag (of `data`), or the 304 its If-None-Match earns.
    `body`: the same payload as it is to be written, when the caller has it as text."""
    etag = etag_for(data)
    if _matches(request.headers.get("If-None-Match", ""), etag):
        return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
    return Response(data if body is None else body, headers={"ETag": etag})


class ConditionalUpdateMixin(NotModifiedMixin):
    """ETag on detail responses; updates honour If-Match (412 on mismatch). Views with
    `require_if_match = True` refuse updates without it (428). Conditional GETs of the
    list and the detail may be answered from Redis (`NotModifiedMixin`)."""

    require_if_match = False

    def detail_data(self, instance):
        """The detail payload; views with a reader override it (same output)."""
        return self.get_serializer(instance).data

    def retrieve(self, request, *args, **kwargs):
        return detail_response(request, self.detail_data(self.get_object()))

    def update(self, request, *args, **kwargs):
        if_match = request.headers.get("If-Match")
        if if_match is None and self.require_if_match:
            raise PreconditionRequired()
        with transaction.atomic():
            current = self.get_object()  # scoped lookup first: 404 / 403 as usual
            # Lock the bare row (list querysets may carry aggregates, which FOR UPDATE
            # refuses), and only its own table: a default manager that joins a nullable
            # relation would make PostgreSQL refuse FOR UPDATE on the outer join's
            # nullable side. A second writer waits here, then sees the first one's change.
            model = type(current)
            list(
                model._default_manager.select_for_update(of=("self",))
                .filter(pk=current.pk)
                .values("pk")
            )
            current = self.get_object()
            if if_match is not None and not _matches(if_match, etag_for(self.detail_data(current))):
                raise PreconditionFailed()
            response = super().update(request, *args, **kwargs)
        response["ETag"] = etag_for(response.data)
        return response


def with_idempotency(request, handler) -> Response:
    """Run `handler()` (which makes the response) at most once per Idempotency-Key.

    The first successful response is stored with the key; a retry with the same key and
    the same request replays it; the same key with another request is a 422. Used by
    IdempotentCreateMixin and by POST actions that create (e.g. submitting an input).
    """
    key = request.headers.get("Idempotency-Key")
    if not key or not request.user.is_authenticated:
        return handler()
    body = json.dumps(_fingerprint_data(request.data), sort_keys=True, default=str)
    fingerprint = hashlib.sha256(f"POST {request.path}\n{body}".encode()).hexdigest()
    with transaction.atomic():
        try:
            with transaction.atomic():
                # a concurrent request with the same key waits here until the first
                # commits, then replays its response below
                record = IdempotencyKey.objects.create(
                    user=request.user, key=key[:200], fingerprint=fingerprint
                )
        except IntegrityError:
            record = IdempotencyKey.objects.get(user=request.user, key=key[:200])
            if record.fingerprint != fingerprint:
                raise IdempotencyKeyReused() from None
            return Response(
                record.response_body,
                status=record.status_code,
                headers={"Idempotent-Replayed": "true"},
            )
        response = handler()
        record.status_code = response.status_code
        record.response_body = json.loads(json.dumps(response.data, default=str))
        record.save(update_fields=["status_code", "response_body"])
    return response


def _fingerprint_data(data):
    """Request data made hashable: uploaded files count by name, size and content hash."""
    if hasattr(data, "lists"):  # QueryDict / multipart
        return {k: [_fingerprint_data(v) for v in values] for k, values in data.lists()}
    if hasattr(data, "read") and hasattr(data, "size"):
        digest = hashlib.sha256()
        for chunk in data.chunks():
            digest.update(chunk)
        data.seek(0)
        return {"file": getattr(data, "name", ""), "size": data.size, "sha256": digest.hexdigest()}
    return data


class IdempotentCreateMixin:
    """POST with `Idempotency-Key`: the first response is stored and replayed on retry."""

    def create(self, request, *args, **kwargs):
        parent = super()
        return with_idempotency(request, lambda: parent.create(request, *args, **kwargs))
