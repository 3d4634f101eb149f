"""Bearer tokens of partner clients: the request runs as the client's service account."""

from django.utils.translation import gettext as _
from oauth2_provider.contrib.rest_framework import OAuth2Authentication
from rest_framework.exceptions import AuthenticationFailed

from gfmd.platform.languages import activate_saved_language
from gfmd.platform.models import PartnerClient
from gfmd.platform.security.auth_cache import remember_token, token_entry


def _scheme(request) -> str:
    return request.META.get("HTTP_AUTHORIZATION", "").split(" ", 1)[0].lower()


def _has_bearer(request) -> bool:
    return _scheme(request) == "bearer"


def _may_carry_token(request) -> bool:
    # oauthlib reads a token from the header, the query string and form bodies
    return (
        "HTTP_AUTHORIZATION" in request.META
        or "access_token" in request.query_params
        or (request.content_type or "").startswith("application/x-www-form-urlencoded")
    )


def _bearer_token(request) -> str | None:
    parts = request.META.get("HTTP_AUTHORIZATION", "").split()
    if len(parts) == 2 and parts[0].lower() == "bearer":
        return parts[1]
    return None


class PartnerClientAuthentication(OAuth2Authentication):
    """Client-credentials tokens carry no user; use the client's service account, so the
    same rules that govern its body's focal points govern the client.

    A request that sends a bearer token which is invalid, expired or revoked gets 401 with
    `WWW-Authenticate: Bearer error="invalid_token"`, so clients know to fetch a new token;
    wrong Basic credentials get 401 with `WWW-Authenticate: Basic`; a request with no
    credentials at all keeps the API's usual 403.
    """

    def authenticate(self, request):
        token = _bearer_token(request)
        if token is not None:
            # From Redis when this token was seen before: expiry checked against the
            # clock, the user's snapshot against its generation
            # (gfmd/platform/security/auth_cache.py)
            cached = token_entry(token)
            if cached is not None:
                activate_saved_language(cached[0])  # from the snapshot: no query
                return cached
        elif not _may_carry_token(request):
            return None  # no token anywhere: no OAuth server built to find none
        result = super().authenticate(request)
        if result is None:
            if _has_bearer(request):
                raise AuthenticationFailed(_("The access token is invalid, expired or revoked."))
            return None
        user, access_token = result
        # The client and its service account in one query (the relation and then the user
        # took two on every partner request).
        client = (
            PartnerClient.objects.select_related("service_user")
            .filter(application_id=access_token.application_id)
            .first()
        )
        if user is None and client is not None:
            user = client.service_user
        if user is None or not user.is_active or (client is not None and not client.is_active):
            raise AuthenticationFailed(_("This client has been revoked."))
        if token is not None and result[1] is not None:
            remember_token(token, user, result[1])
        activate_saved_language(user)  # the service account's saved language beats the header
        return user, result[1]

    def authenticate_header(self, request):
        # DRF asks the first authenticator only: it answers for Basic too, so wrong Basic
        # credentials are a 401 the caller can retry, not a 403 that reads as "forbidden".
        scheme = _scheme(request)
        if scheme == "bearer":
            return 'Bearer realm="api", error="invalid_token"'
        if scheme == "basic":
            return 'Basic realm="api"'
        return None
