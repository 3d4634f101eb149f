from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from registration.models import Registration


class RegistrationFilter(admin.SimpleListFilter):
    """The meeting's registration (one query for the choices, meetings joined)."""

    title = _("meeting")
    parameter_name = "registration__id__exact"

    def lookups(self, request, model_admin):
        rows = Registration.objects.order_by("-opens_at").values_list("pk", "meeting__title")
        return [(str(pk), title) for pk, title in rows]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(registration_id=self.value())
        return queryset
