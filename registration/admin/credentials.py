from django.contrib import admin
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from registration.admin.filters import RegistrationFilter
from registration.admin.forms import reason_step
from registration.models import Credential
from registration.services.credentials import credential_accept, credential_refuse


@admin.register(Credential)
class CredentialAdmin(AuditedAdmin):
    """Credentials are uploaded by delegations (API); staff check them here."""

    list_display = ["__str__", "registration", "kind", "state", "uploaded_at", "original_filename"]
    list_select_related = ["registration__meeting", "country", "organisation"]
    list_filter = [RegistrationFilter, "state", "kind"]
    search_fields = ["country__name", "organisation__name", "original_filename"]
    actions = ["accept_selected", "refuse_selected"]
    readonly_fields = [
        "registration",
        "country",
        "organisation",
        "kind",
        "file",
        "original_filename",
        "content_type",
        "size",
        "checksum",
        "state",
        "reason",
        "uploaded_by",
        "checked_by",
        "state_changed_at",
    ]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Accept the selected credentials"))
    def accept_selected(self, request, queryset):
        for credential in queryset:
            try:
                credential_accept(actor=request.user, credential=credential)
            except DomainError as exc:
                self.message_user(request, f"{credential}: {exc.detail}", "error")

    @admin.action(description=_("Refuse the selected credentials (with a reason)"))
    def refuse_selected(self, request, queryset):
        return reason_step(
            self,
            request,
            queryset,
            action="refuse_selected",
            title=gettext("Refuse"),
            run=lambda c, reason: credential_refuse(
                actor=request.user, credential=c, reason=reason
            ),
        )
