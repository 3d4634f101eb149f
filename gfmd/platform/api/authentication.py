"""Bearer tokens of partner clients: the request runs as the client's service account."""

from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.exceptions import AuthenticationFailed

from gfmd.platform.languages import activate_saved_language
from gfmd.platform.models import PartnerClient


def _has_bearer(request) -> bool:
    return request.META.get("HTTP_AUTHORIZATION", "").lower().startswith("bearer ")


class PartnerClientAuthentication(OAuth2Authentication):
    """Client-credentials tokens carry no user; use the client's service account, so the
    same rules that govern its body's focal points govern the client.

    A request that sends a bearer token which is invalid, expired or revoked gets 401 with
    `WWW-Authenticate: Bearer error="invalid_token"`, so clients know to fetch a new token;
    a request with no credentials at all keeps the API's usual 403.
    """

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            if _has_bearer(request):
                raise AuthenticationFailed(_("The access token is invalid, expired or revoked."))
            return None
        user, token = result
        # The client and its service account in one query (the relation and then the user
        # took two on every partner request).
        client = (
            PartnerClient.objects.select_related("service_user")
            .filter(application_id=token.application_id)
            .first()
        )
        if user is None and client is not None:
            user = client.service_user
        if user is None or not user.is_active or (client is not None and not client.is_active):
            raise AuthenticationFailed(_("This client has been revoked."))
        activate_saved_language(user)  # the service account's saved language beats the header
        return user, token

    def authenticate_header(self, request):
        if not _has_bearer(request):
            return None
        return 'Bearer realm="api", error="invalid_token"'
