"""The moderation queue: practices filtered by state, language, edition and theme;
moderation as bulk actions through the services (the return takes its reason from the
action bar)."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.content import search_fields
from gfmd.platform.errors import DomainError
from partnerships.enums import PRACTICE_TRANSITIONS
from partnerships.models import Practice
from partnerships.selectors.practices import practices_for_user
from partnerships.services.practices import (
    RELATIONS,
    practice_check,
    practice_submit,
    practice_transition,
    practice_update,
)

CONTENT = [
    "title",
    "title_fr",
    "title_es",
    "summary",
    "summary_fr",
    "summary_es",
    "original_language",
    "languages",
    "is_global",
    "countries",
    "organisations",
    "other_partners",
    "themes",
    "source_edition",
    "source_session",
    "source_paper",
    "contact_name",
    "contact_email",
]


class ModerationForm(ActionForm):
    reason = forms.CharField(label=_("Reason"), required=False)


class PracticeForm(forms.ModelForm):
    class Meta:
        model = Practice
        fields = CONTENT

    def clean(self):
        data = super().clean()
        practice = self.instance
        for name in CONTENT:
            if name not in RELATIONS and name in data:
                setattr(practice, name, data[name])
        try:
            practice_check(practice, {name: data.get(name) or [] for name in RELATIONS})
        except DomainError as exc:
            raise ValidationError({exc.field or None: exc.detail}) from exc
        return data


def _moderate(name):
    transition = PRACTICE_TRANSITIONS[name]

    def run(modeladmin, request, queryset):
        reason = request.POST.get("reason", "")
        for practice in queryset.order_by("id"):
            if not request.user.has_perm(transition.perm, practice):
                messages.error(
                    request, gettext("%(practice)s: not allowed.") % {"practice": practice}
                )
                continue
            try:
                practice_transition(actor=request.user, practice=practice, name=name, reason=reason)
            except DomainError as exc:
                messages.error(request, f"{practice}: {exc.detail}")
            else:
                messages.success(
                    request,
                    gettext("%(practice)s: %(action)s done.")
                    % {"practice": practice, "action": transition.label},
                )

    run.__name__ = f"practice_{name}"
    return admin.action(description=transition.label)(run)


@admin.register(Practice)
class PracticeAdmin(AuditedAdmin):
    form = PracticeForm
    action_form = ModerationForm
    list_display = [
        "title",
        "state",
        "original_language",
        "is_global",
        "source_edition",
        "state_changed_at",
    ]
    list_filter = ["state", "original_language", "is_global", "source_edition", "themes"]
    list_select_related = ["source_edition"]
    search_fields = search_fields("title", "summary")
    autocomplete_fields = ["countries", "organisations", "source_session", "source_paper"]
    readonly_fields = ["state", "return_reason", "submitted_by", "external_ref", "published_at"]
    actions = [_moderate(name) for name in PRACTICE_TRANSITIONS]

    def get_queryset(self, request):
        return practices_for_user(request.user).select_related("source_edition")

    def get_fields(self, request, obj=None):
        return [*CONTENT, *self.readonly_fields, "activity"]

    def save_model(self, request, obj, form, change):
        data = {name: form.cleaned_data[name] for name in CONTENT if name in form.cleaned_data}
        if change:
            practice_update(actor=request.user, practice=obj, **data)
        else:
            practice, _created = practice_submit(actor=request.user, **data)
            obj.pk, obj._state.adding = practice.pk, False

    def save_related(self, request, form, formsets, change):
        pass  # the service set the countries, organisations and themes
