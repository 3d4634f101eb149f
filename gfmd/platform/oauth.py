"""OAuth2 endpoints for partner clients, on top of django-oauth-toolkit's."""

import hashlib

from django.http import JsonResponse
from django.utils.translation import gettext as _
from oauth2_provider.models import AccessToken, RefreshToken
from oauth2_provider.views import RevokeTokenView


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
