"""Partner clients in the admin: register, change scopes, rotate the secret, revoke."""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.widgets import sentence
from gfmd.platform.errors import DomainError
from gfmd.platform.models import PartnerClient
from gfmd.services.clients import (
    partner_client_register,
    partner_client_revoke,
    partner_client_rotate_secret,
    partner_client_set_scopes,
)


class PartnerClientForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        choices=lambda: list(settings.OAUTH2_PROVIDER["SCOPES"].items()),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = PartnerClient
        fields = ["name", "country", "organisation", "contact_email", "scopes"]


def _show_secret(request, client, secret):
    messages.warning(
        request,
        _(
            "Client '%(name)s': client_id=%(client_id)s client_secret=%(secret)s "
            "(shown once; it is stored hashed)."
        )
        % {"name": client.name, "client_id": client.application.client_id, "secret": secret},
    )


@admin.register(PartnerClient)
class PartnerClientAdmin(ObjectPermissionsModelAdmin):
    form = PartnerClientForm
    list_display = [
        "name",
        "country",
        "organisation",
        "scope_names",
        "client_id",
        "created_at",
        "secret_rotated_at",
        "revoked_at",
    ]
    list_filter = ["revoked_at"]
    search_fields = ["name", "application__client_id"]
    autocomplete_fields = ["country", "organisation"]
    list_select_related = ["application", "country", "organisation"]
    readonly_fields = ["client_id", "service_user", "created_at", "secret_rotated_at", "revoked_at"]
    actions = ["rotate_secret", "revoke"]

    @admin.display(description=_("Scopes"))
    def scope_names(self, obj):
        return sentence(obj.scopes, settings.OAUTH2_PROVIDER["SCOPES"])

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        return fields + ["name", "country", "organisation"] if obj else fields

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "country", "organisation", "contact_email", "scopes"]
        return super().get_fields(request, obj)

    @admin.display(description="client_id")
    def client_id(self, obj):
        return obj.application.client_id

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if change:
                partner_client_set_scopes(actor=request.user, client=obj, scopes=data["scopes"])
                return
            client, secret = partner_client_register(
                actor=request.user,
                name=data["name"],
                scopes=data["scopes"],
                country=data.get("country"),
                organisation=data.get("organisation"),
                contact_email=data.get("contact_email", ""),
            )
        except DomainError as exc:
            messages.error(request, exc.detail)
            return
        form.instance = client
        obj.pk = client.pk
        _show_secret(request, client, secret)

    def delete_model(self, request, obj):
        partner_client_revoke(actor=request.user, client=obj)

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: history stays

    @admin.action(description=_("Rotate the client secret"), permissions=["change"])
    def rotate_secret(self, request, queryset):
        for client in queryset:
            _show_secret(
                request, client, partner_client_rotate_secret(actor=request.user, client=client)
            )

    @admin.action(description=_("Revoke (tokens deleted, client disabled)"), permissions=["change"])
    def revoke(self, request, queryset):
        for client in queryset:
            partner_client_revoke(actor=request.user, client=client)
        count = queryset.count()
        messages.success(
            request,
            ngettext("%(count)d client revoked.", "%(count)d clients revoked.", count)
            % {"count": count},
        )
