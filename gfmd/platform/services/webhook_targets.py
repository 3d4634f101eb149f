"""Which URLs webhooks may target: https, public addresses (unless settings allow)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError


def validate_webhook_url(url: str) -> None:
    """Raise DomainError(field="url") for a target this deployment must not call."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise DomainError(_("Give an absolute http(s) URL."), field="url")
    if parts.scheme == "http" and not settings.WEBHOOKS_ALLOW_HTTP:
        raise DomainError(_("Webhook URLs must use https."), field="url")
    if parts.username or parts.password:
        raise DomainError(
            _("Put no credentials in the URL; verify our signature instead."), field="url"
        )
    if settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise DomainError(
            _("The host %(host)s does not resolve.") % {"host": parts.hostname}, field="url"
        ) from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise DomainError(
                _("%(host)s resolves to a non-public address (%(address)s).")
                % {"host": parts.hostname, "address": address},
                field="url",
            )
