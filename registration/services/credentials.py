"""Credentials (Note Verbale, nomination letter): a delegation uploads them, checked by
content like every document (gfmd/platform/uploads.py); the Support Unit accepts or
refuses them (a reason is required), through the transition engine."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError
from gfmd.platform.roles import is_support_staff
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.transitions import Webhook, require_reason, transition_run
from gfmd.platform.uploads import check_upload
from gfmd.rules import focal_point_bodies
from registration.enums import CREDENTIAL_TRANSITIONS
from registration.models import Credential, Registration

CHECKED = "registration.credential_checked"


def _payload(credential: Credential, previous: str, step) -> dict:
    return {
        "credential": credential.pk,
        "registration": credential.registration_id,
        "country": credential.country.iso3 if credential.country_id else None,
        "organisation": credential.organisation_id,
        "kind": credential.kind,
        "from": previous,
        "to": credential.state,
    }


@transaction.atomic
def credential_upload(
    *, actor, registration: Registration, kind: str, upload, country=None, organisation=None
) -> Credential:
    if bool(country) == bool(organisation):
        raise DomainError(_("Give exactly one government or one organisation."), field="country")
    if not is_support_staff(actor):
        countries, organisations = focal_point_bodies(actor)
        if not (
            (country and country.pk in countries)
            or (organisation and organisation.pk in organisations)
        ):
            raise DomainError(
                _("You can upload credentials only for the delegation you represent."),
                field="country" if country else "organisation",
            )
    checked = check_upload(upload)
    credential = Credential(
        registration=registration,
        country=country,
        organisation=organisation,
        kind=kind,
        original_filename=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        checksum=checked.checksum,
        uploaded_by=actor if getattr(actor, "pk", None) else None,
    )
    credential.file.save(checked.name, ContentFile(checked.content), save=False)
    credential.full_clean()
    credential.save()
    log_action(
        actor,
        credential,
        "credential.upload",
        {"kind": kind, "checksum": checked.checksum, "size": checked.size},
    )
    return credential


def _check(*, actor, credential: Credential, name: str, reason: str = "") -> Credential:
    def prepare(obj):
        obj.reason = reason
        obj.checked_by = actor if getattr(actor, "pk", None) else None

    return transition_run(
        credential,
        name,
        actor=actor,
        table=CREDENTIAL_TRANSITIONS,
        reason=reason,
        prepare=prepare,
        fields=["reason", "checked_by"],
        webhook=Webhook(CHECKED, _payload, perm="registration.view_credential"),
    )


def credential_accept(*, actor, credential: Credential) -> Credential:
    return _check(actor=actor, credential=credential, name="accept")


def credential_refuse(*, actor, credential: Credential, reason: str) -> Credential:
    reason = require_reason(reason, _("refusing the credentials"))
    return _check(actor=actor, credential=credential, name="refuse", reason=reason)
