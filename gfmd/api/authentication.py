"""Bearer tokens of partner clients: the request runs as the client's service account."""

from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.exceptions import AuthenticationFailed


class PartnerClientAuthentication(OAuth2Authentication):
    """Client-credentials tokens carry no user; use the client's service account, so the
    same rules that govern its body's focal points govern the client."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user, token = result
        client = getattr(token.application, "partner_client", None)
        if user is None and client is not None:
            user = client.service_user
        if user is None or not user.is_active or (client is not None and not client.is_active):
            raise AuthenticationFailed("This client has been revoked.")
        return user, token
