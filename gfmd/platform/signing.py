"""Short signed payloads for QR codes (badges today): `<id>.<version>:<signature>`.

The signature is Django's (HMAC-SHA256 over SECRET_KEY and a salt per purpose), so a
payload made for one purpose never verifies for another. The version is the domain's
revocation counter: the domain bumps it when a badge is revoked or reissued, and a
payload signed for an older version still verifies here but no longer matches the
record, which the domain reports as revoked. Nothing else (no name, no personal data)
is in the payload: a photo of a badge leaks nothing.
"""

import re
from dataclasses import dataclass

from django.core import signing
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError

_BODY = re.compile(r"^(?P<id>[1-9][0-9]{0,17})\.(?P<version>[1-9][0-9]{0,8})$")
MAX_PAYLOAD_CHARS = 120


@dataclass(frozen=True)
class SignedRef:
    object_id: int
    version: int


def _signer(purpose: str) -> signing.Signer:
    return signing.Signer(salt=f"gfmd.qr.{purpose}")


def sign_reference(*, purpose: str, object_id: int, version: int) -> str:
    return _signer(purpose).sign(f"{int(object_id)}.{int(version)}")


def verify_reference(payload: str, *, purpose: str) -> SignedRef:
    """The id and version in a payload whose signature holds, else a DomainError (400)."""
    text = (payload or "").strip()
    if not text or len(text) > MAX_PAYLOAD_CHARS:
        raise DomainError(_("This is not a valid code."), field="code", code="invalid_code")
    try:
        body = _signer(purpose).unsign(text)
    except signing.BadSignature:
        raise DomainError(
            _("This code is not genuine: its signature does not match."),
            field="code",
            code="invalid_signature",
        ) from None
    match = _BODY.match(body)
    if match is None:
        raise DomainError(_("This is not a valid code."), field="code", code="invalid_code")
    return SignedRef(int(match["id"]), int(match["version"]))
