"""OpenAPI: the partner OAuth2 scheme, the error body and headers on every operation."""

from django.conf import settings
from drf_spectacular.authentication import BasicScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from gfmd.api.safe_writes import ConditionalUpdateMixin, IdempotentCreateMixin


class PartnerClientScheme(OpenApiAuthenticationExtension):
    target_class = "gfmd.api.authentication.PartnerClientAuthentication"
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

    target_class = "gfmd.security.login_limits.LimitedBasicAuthentication"


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

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        action = getattr(self.view, "action", None)
        if action == "create" and isinstance(self.view, IdempotentCreateMixin):
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
        codes = ["401", "403", "429"]
        if self.method != "GET" or self._is_list_view():
            codes.append("400")
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH", "DELETE"):
            codes.append("409")
        if self.method in ("PUT", "PATCH") and isinstance(self.view, ConditionalUpdateMixin):
            codes += ["412", "428"]
        if self.method == "POST" and isinstance(self.view, IdempotentCreateMixin):
            codes.append("422")
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(ErrorSerializer, code)
        return responses
