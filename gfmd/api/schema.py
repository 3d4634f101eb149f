"""OpenAPI extensions: the partner OAuth2 scheme (client credentials) for drf-spectacular."""

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension


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
