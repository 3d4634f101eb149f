"""Permissions on the platform's own records: activity log, webhooks, notifications, accounts.

Registered under the `gfmd` app label (the tables were created by it). Imported by
`GfmdConfig.ready`.
"""

import rules

from gfmd.platform.roles import is_partner_client, is_support_staff
from gfmd.platform.translations import TranslationState, kind_of

# The activity log is append-only: nobody edits or deletes it, staff read it.
rules.add_perm("gfmd.view_activitylog", is_support_staff)
rules.add_perm("gfmd.add_activitylog", rules.always_deny)
rules.add_perm("gfmd.change_activitylog", rules.always_deny)
rules.add_perm("gfmd.delete_activitylog", rules.always_deny)


# Webhooks: staff manage all; a partner client manages its own endpoints.
@rules.predicate
def owns_webhook_endpoint(user, endpoint) -> bool:
    if endpoint is None:  # a list: the selector narrows it to the client's own endpoints
        return is_partner_client(user)
    client = getattr(endpoint, "client", None)
    return client is not None and client.service_user_id == getattr(user, "pk", None)


@rules.predicate
def owns_webhook_delivery(user, delivery) -> bool:
    if delivery is None:  # a list: the selector narrows it to the client's own deliveries
        return is_partner_client(user)
    return owns_webhook_endpoint(user, delivery.endpoint)


rules.add_perm("gfmd.add_webhookendpoint", is_support_staff | is_partner_client)
for _verb in ("view", "change", "delete"):
    rules.add_perm(f"gfmd.{_verb}_webhookendpoint", is_support_staff | owns_webhook_endpoint)
rules.add_perm("gfmd.view_webhookdelivery", is_support_staff | owns_webhook_delivery)
rules.add_perm("gfmd.redeliver_webhookdelivery", is_support_staff | owns_webhook_delivery)
rules.add_perm("gfmd.view_webhookevent", is_support_staff)


# Everyone signed in reads and sets their own preferences (the view only ever touches
# the caller's own row).
@rules.predicate
def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


rules.add_perm("gfmd.view_own_preferences", is_signed_in)
rules.add_perm("gfmd.change_own_preferences", is_signed_in)

# Outgoing notifications: staff see them and their failures, and may retry.
rules.add_perm("gfmd.view_notification", is_support_staff)
rules.add_perm("gfmd.retry_notification", is_support_staff)

# The Support Unit manages accounts (focal points log in with them); only superusers
# grant superuser status or raw permissions (see the user admin).
for _verb in ("view", "add", "change"):
    rules.add_perm(f"auth.{_verb}_user", is_support_staff)
rules.add_perm("auth.view_group", is_support_staff)
rules.add_perm("auth", is_support_staff)

# Login lockouts (django-axes): the Support Unit sees them and lifts one by deleting it.
for _perm in ("view_accessattempt", "delete_accessattempt", "view_accesslog"):
    rules.add_perm(f"axes.{_perm}", is_support_staff)
rules.add_perm("axes", is_support_staff)
# Second factors: staff see them and delete a lost one so its owner can enrol again.
for _app, _model in (("otp_totp", "totpdevice"), ("otp_static", "staticdevice")):
    rules.add_perm(f"{_app}.view_{_model}", is_support_staff)
    rules.add_perm(f"{_app}.delete_{_model}", is_support_staff)
    rules.add_perm(_app, is_support_staff)


# Document translations (every document kind): the Support Unit requests, assigns and
# approves; the assigned translator submits; the document's drafters see every language
# version, its readers only the published ones (the kind says who drafts and who reads).
@rules.predicate
def is_assigned_translator(user, translation) -> bool:
    return (
        translation is not None
        and translation.translator_id is not None
        and translation.translator_id == getattr(user, "pk", None)
    )


@rules.predicate
def drafts_translated_document(user, translation) -> bool:
    if translation is None:
        return False
    kind = kind_of(translation.document)
    return kind is not None and kind.may_draft(user, translation.document)


@rules.predicate
def reads_published_translation(user, translation) -> bool:
    if translation is None or translation.state != TranslationState.PUBLISHED:
        return False
    kind = kind_of(translation.document)
    return kind is not None and kind.may_read(user, translation.document)


rules.add_perm("gfmd.list_documenttranslation", rules.always_allow)  # scoped by the selector
rules.add_perm(
    "gfmd.view_documenttranslation",
    is_support_staff
    | is_assigned_translator
    | drafts_translated_document
    | reads_published_translation,
)
rules.add_perm(
    "gfmd.download_documenttranslation",
    is_support_staff
    | is_assigned_translator
    | drafts_translated_document
    | reads_published_translation,
)
rules.add_perm("gfmd.add_documenttranslation", is_support_staff)  # request
rules.add_perm("gfmd.change_documenttranslation", is_support_staff)  # assign
rules.add_perm("gfmd.delete_documenttranslation", rules.always_deny)
rules.add_perm("gfmd.manage_documenttranslation", is_support_staff)
rules.add_perm("gfmd.submit_documenttranslation", is_support_staff | is_assigned_translator)

# Anyone may search; each record type's own selector decides what a caller finds.
rules.add_perm("gfmd.search", rules.always_allow)
# Document templates (visa letters, reports): the Support Unit edits them in the admin.
for _verb in ("view", "add", "change", "delete", "preview"):
    rules.add_perm(f"gfmd.{_verb}_documenttemplate", is_support_staff)
