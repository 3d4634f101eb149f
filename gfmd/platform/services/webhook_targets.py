"""Which URLs webhooks may target: https, public addresses (unless settings allow)."""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings

from gfmd.platform.errors import DomainError


def validate_webhook_url(url: str) -> None:
    """Raise DomainError(field="url") for a target this deployment must not call."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise DomainError("Give an absolute http(s) URL.", field="url")
    if parts.scheme == "http" and not settings.WEBHOOKS_ALLOW_HTTP:
        raise DomainError("Webhook URLs must use https.", field="url")
    if parts.username or parts.password:
        raise DomainError(
            "Put no credentials in the URL; verify our signature instead.", field="url"
        )
    if settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise DomainError(f"The host {parts.hostname} does not resolve.", field="url") from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise DomainError(
                f"{parts.hostname} resolves to a non-public address ({address}).", field="url"
            )
