"""Partner clients: register, rotate the secret, revoke. Staff do this in the admin."""

import secrets
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from oauth2_provider.models import AccessToken, Application, RefreshToken

from gfmd.enums import FocalPointRole
from gfmd.models import FocalPoint
from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.models import PartnerClient
from gfmd.platform.security.auth_cache import forget_tokens, forget_user
from gfmd.platform.services.activity import log_action


def _check_scopes(scopes: list[str]) -> list[str]:
    known = settings.OAUTH2_PROVIDER["SCOPES"]
    unknown = [s for s in scopes if s not in known]
    if unknown or not scopes:
        message = _("Choose scopes among: %(scopes)s.") % {"scopes": ", ".join(known)}
        if unknown:
            message += " " + _("Unknown: %(scopes)s.") % {"scopes": unknown}
        raise DomainError(message, field="scopes")
    return sorted(set(scopes))


@transaction.atomic
def partner_client_register(
    *, actor, name: str, scopes: list[str], country=None, organisation=None, contact_email=""
) -> tuple[PartnerClient, str]:
    """Create the client, its service account (a focal point of its body) and its OAuth2
    application. Returns the client and the plain secret, shown once and stored hashed."""
    if bool(country) == bool(organisation):
        raise DomainError(_("Give exactly one government or one organisation."), field="country")
    if country is not None and not country.is_state:
        raise DomainError(_("%(country)s is not a state.") % {"country": country}, field="country")
    scopes = _check_scopes(scopes)
    User = get_user_model()
    username = f"client-{slugify(name)[:40]}"
    if User.objects.filter(username=username).exists():
        raise ConflictError(
            _("A client named like '%(name)s' exists already.") % {"name": name}, code="duplicate"
        )
    user = User(username=username, email=contact_email, first_name=name[:150])
    user.set_unusable_password()
    user.save()
    FocalPoint.objects.create(
        user=user,
        country=country,
        organisation=organisation,
        role=FocalPointRole.FOCAL_POINT,
        start_date=date.today(),
    )
    secret = secrets.token_urlsafe(40)
    application = Application.objects.create(
        name=name,
        user=user,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
        client_secret=secret,
    )
    client = PartnerClient.objects.create(
        name=name,
        application=application,
        service_user=user,
        country=country,
        organisation=organisation,
        scopes=scopes,
        contact_email=contact_email,
    )
    log_action(
        actor,
        client,
        "partnerclient.register",
        {"scopes": scopes, "client_id": application.client_id},
    )
    return client, secret


@transaction.atomic
def partner_client_rotate_secret(*, actor, client: PartnerClient) -> str:
    """A new secret; the old one stops working at once. Issued tokens live until expiry."""
    if not client.is_active:
        raise ConflictError(_("This client is revoked."))
    secret = secrets.token_urlsafe(40)
    application = client.application
    application.client_secret = secret
    application.save(update_fields=["client_secret"])
    client.secret_rotated_at = timezone.now()
    client.save(update_fields=["secret_rotated_at"])
    log_action(actor, client, "partnerclient.rotate_secret", {})
    return secret


@transaction.atomic
def partner_client_set_scopes(*, actor, client: PartnerClient, scopes: list[str]) -> None:
    before = client.scopes
    client.scopes = _check_scopes(scopes)
    client.save(update_fields=["scopes"])
    log_action(
        actor, client, "partnerclient.set_scopes", {"changes": {"scopes": [before, client.scopes]}}
    )


@transaction.atomic
def partner_client_revoke(*, actor, client: PartnerClient) -> None:
    """Revoke: tokens deleted, secret replaced by an unknown one, service account disabled."""
    if not client.is_active:
        return
    application = client.application
    tokens = AccessToken.objects.filter(application=application)
    forget_tokens(tokens.values_list("token_checksum", flat=True))
    RefreshToken.objects.filter(application=application).delete()
    tokens.delete()
    application.client_secret = secrets.token_urlsafe(40)
    application.save(update_fields=["client_secret"])
    client.service_user.is_active = False
    client.service_user.save(update_fields=["is_active"])
    forget_user(client.service_user_id)
    client.revoked_at = timezone.now()
    client.save(update_fields=["revoked_at"])
    log_action(actor, client, "partnerclient.revoke", {})
