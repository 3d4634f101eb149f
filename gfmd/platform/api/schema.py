"""OpenAPI: the partner OAuth2 scheme, the error body and headers on every operation."""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.authentication import BasicScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers
from rest_framework.fields import empty

from gfmd.platform.api.safe_writes import ConditionalUpdateMixin, IdempotentCreateMixin


class PartnerClientScheme(OpenApiAuthenticationExtension):
    target_class = "gfmd.platform.api.authentication.PartnerClientAuthentication"
    name = "oauth2"

    def get_security_definition(self, auto_schema):
        return {
            "type": "oauth2",
            "flows": {
                "clientCredentials": {
                    "tokenUrl": "/oauth/token/",
                    "scopes": settings.OAUTH2_PROVIDER["SCOPES"],
                }
            },
        }


class LimitedBasicScheme(BasicScheme):
    """HTTP Basic with login limits is still HTTP Basic to a client."""

    target_class = "gfmd.platform.security.login_limits.LimitedBasicAuthentication"


class ErrorSerializer(serializers.Serializer):
    """The one error body of this API."""

    type = serializers.CharField(help_text="Machine-readable code, e.g. validation_error.")
    detail = serializers.CharField(help_text="What went wrong, for people.")
    fields = serializers.DictField(
        child=serializers.JSONField(),
        help_text="Messages per field (a list of strings, or nested objects for nested "
        "input); cross-field rules under non_field_errors.",
    )


class GfmdAutoSchema(AutoSchema):
    """Documents what every operation can answer: the error responses, and the
    Idempotency-Key / If-Match headers where the view honours them."""

    def _is_idempotent(self) -> bool:
        """Creates of the safe-write mixin, and POST actions a view names in
        `idempotent_actions` (they call with_idempotency themselves)."""
        action = getattr(self.view, "action", None)
        if action == "create" and isinstance(self.view, IdempotentCreateMixin):
            return True
        return self.method == "POST" and action in getattr(self.view, "idempotent_actions", ())

    def get_tags(self) -> list[str]:
        """One tag per resource, named by its domain ("Roundtables: sessions"), so Swagger
        and ReDoc group operations by domain; the domain is the view's app (the platform's
        own views: "Platform"), so a new app's resources are grouped without a list here."""
        module = type(self.view).__module__
        config = apps.get_containing_app_config(module)
        domain = "Platform" if module.startswith("gfmd.platform") else str(config.verbose_name)
        segments = [p for p in self.path.removeprefix("/api/v1/").split("/") if p]
        resource = next((p for p in segments if p != "csd" and not p.startswith("{")), "")
        return [f"{domain}: {resource}" if resource else domain]

    def map_parsers(self):
        # One request media type per operation: the view's first parser (JSON; multipart
        # where a file is uploaded). The others still work, but clients generated with
        # openapi-python-client break on several (its issue #1451: an undefined `Unset`).
        return super().map_parsers()[:1]

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if self._is_idempotent():
            params.append(
                OpenApiParameter(
                    "Idempotency-Key",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description="Retry-safe POST: the first response is replayed for the same key.",
                )
            )
        if action in ("update", "partial_update") and isinstance(self.view, ConditionalUpdateMixin):
            required = getattr(self.view, "require_if_match", False)
            params.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=required,
                    description="The ETag of your last GET"
                    + (" (required: 428 without)." if required else "."),
                )
            )
        return params

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        codes = ["401", "403", "405", "429"]
        if self.method != "GET" or self._is_list_view():
            codes.append("400")
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        if self.method in ("PUT", "PATCH") and isinstance(self.view, ConditionalUpdateMixin):
            codes += ["412", "428"]
        if self._is_idempotent():
            codes.append("422")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
                if code in ERROR_HEADERS:
                    responses[code]["headers"] = ERROR_HEADERS[code]
        return responses

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if (
            isinstance(field, serializers.ChoiceField)
            and field.read_only
            and not field.allow_blank
            and _model_field_allows_blank(field)
        ):
            # DRF drops allow_blank from read-only model fields, but responses do carry ""
            # (e.g. the seat of a co-chair not yet confirmed): say so, without a default.
            field.allow_blank, field.default = True, empty
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.URLField) and schema:
            # Django accepts and returns internationalised domains (https://bundesministerium-
            # für-arbeit.de); "uri" (RFC 3986) is ASCII only, "iri" (RFC 3987) is what it is.
            _replace_format(schema, "uri", "iri")
        return schema

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        if any(option.get("maxLength") == 0 for option in schema.get("oneOf", [])):
            # A blank-allowed formatted string: validators take "" as an IRI too, so
            # "exactly one of" would refuse a blank value the field allows.
            schema["anyOf"] = schema.pop("oneOf")


ERROR_HEADERS = {
    "405": {
        "Allow": {"schema": {"type": "string"}, "description": "The methods this path allows."}
    },
    "429": {
        "Retry-After": {
            "schema": {"type": "integer"},
            "description": "Seconds to wait before the next request.",
        }
    },
}


def _model_field_allows_blank(field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return False
    try:
        return model._meta.get_field(field.source).blank
    except FieldDoesNotExist:
        return False


def _replace_format(schema: dict, old: str, new: str) -> None:
    if schema.get("format") == old:
        schema["format"] = new
    for option in schema.get("oneOf", []) + schema.get("anyOf", []):
        _replace_format(option, old, new)
