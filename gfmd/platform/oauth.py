"""OAuth2 endpoints for partner clients, on top of django-oauth-toolkit's."""

import hashlib

from django.http import JsonResponse
from django.utils.translation import gettext as _
from oauth2_provider.models import AccessToken, RefreshToken
from oauth2_provider.oauth2_validators import OAuth2Validator
from oauth2_provider.views import RevokeTokenView

from gfmd.platform.security.auth_cache import forget_tokens, token_checksum


def _still_live(token: str) -> bool:
    checksum = hashlib.sha256(token.encode()).hexdigest()
    return (
        AccessToken.objects.filter(token_checksum=checksum).exists()
        or RefreshToken.objects.filter(token_checksum=checksum, revoked__isnull=True).exists()
    )


class ClientRevokeTokenView(RevokeTokenView):
    """RFC 7009 revocation. The toolkit revokes only the calling client's own tokens but
    answers 200 for another client's, which then stays valid: that is a 404 here, like
    every object outside the caller's reach. An unknown (e.g. already revoked) token
    keeps RFC 7009's 200, so a retried revocation succeeds."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        token = request.POST.get("token", "")
        if response.status_code == 200 and token and _still_live(token):
            detail = _("No token of this client matches.")
            return JsonResponse({"type": "not_found", "detail": detail, "fields": {}}, status=404)
        return response


class RevokingValidator(OAuth2Validator):
    """DOT's validator; a revoked token's cached entry (gfmd/platform/security/auth_cache.py) goes
    with it, so the next request with it is a 401 at once."""

    def revoke_token(self, token, token_type_hint, request, *args, **kwargs):
        checksum = token_checksum(token)
        # a refresh token's revocation takes its access token with it
        bound = AccessToken.objects.filter(refresh_token__token_checksum=checksum)
        checksums = [checksum, *bound.values_list("token_checksum", flat=True)]
        super().revoke_token(token, token_type_hint, request, *args, **kwargs)
        forget_tokens(checksums)
