"""Admin for the language versions of paper versions (the translation workflow).

Thin, like the API: the add page requests translations of a version into one or both
other languages in one step (`version_translations_request`); the change page assigns
the translator and due date (`translation_assign`) and moves the translation along
TRANSLATION_TRANSITIONS (`translation_transition`: the one engine), with the file or text
a submission brings and the reason a return or withdrawal needs. The list says when a
translation is older than the paper's latest version.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from rules.contrib.admin import ObjectPermissionsModelAdmin

from gfmd.platform.admin.base import activity_table
from gfmd.platform.errors import DomainError
from gfmd.platform.models import DocumentTranslation
from gfmd.platform.services.translations import translation_assign, translation_transition
from gfmd.platform.transitions import allowed_transitions
from gfmd.platform.translations import (
    TRANSLATION_TRANSITIONS,
    TranslationKind,
    language_codes,
    language_name,
)
from roundtables.enums import PaperState
from roundtables.models import PaperVersion
from roundtables.selectors.translations import paper_translations
from roundtables.services.translations import stale_notice, version_translations_request


class VersionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(code)s, version %(number)d") % {
            "code": obj.paper.session.code,
            "number": obj.number,
        }


class TranslationRequestForm(forms.Form):
    version = VersionChoice(
        label=gettext_lazy("Paper version"),
        queryset=PaperVersion.objects.exclude(paper__state=PaperState.WITHDRAWN)
        .select_related("paper__session__roundtable__edition")
        .order_by(
            "paper__session__roundtable__edition__ordinal",
            "paper__session__roundtable__number",
            "paper__session__number",
            "-number",
        ),
    )
    languages = forms.MultipleChoiceField(
        label=gettext_lazy("Languages"), widget=forms.CheckboxSelectMultiple
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[c for c in TranslationKind.choices if c[0] != TranslationKind.ORIGINAL],
        initial=TranslationKind.HUMAN,
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    translator = forms.ModelChoiceField(
        label=gettext_lazy("Translator"),
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
    )
    translator_name = forms.CharField(
        label=gettext_lazy("Translation service"), required=False, max_length=200
    )
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = [(c, language_name(c)) for c in language_codes()]


class TranslationChangeForm(forms.ModelForm):
    transition = forms.ChoiceField(label=gettext_lazy("Next step"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Needed to return a translation or to withdraw it."),
    )
    upload = forms.FileField(
        label=gettext_lazy("Translated file (PDF, DOCX or ODT)"), required=False
    )
    new_text = forms.CharField(
        label=gettext_lazy("Translated text"), required=False, widget=forms.Textarea
    )

    class Meta:
        model = DocumentTranslation
        fields = ["translator", "translator_name", "due_date"]


@admin.register(DocumentTranslation)
class DocumentTranslationAdmin(ObjectPermissionsModelAdmin):
    form = TranslationChangeForm
    list_display = [
        "id",
        "paper_version",
        "language",
        "kind",
        "state",
        "translator",
        "translator_name",
        "due_date",
        "notice",
        "approved_by",
    ]
    list_filter = ["state", "language", "kind"]
    list_select_related = ["translator", "approved_by"]
    readonly_fields = [
        "paper_version",
        "notice",
        "language",
        "kind",
        "state",
        "original_filename",
        "text",
        "requested_by",
        "requested_at",
        "approved_by",
        "approved_at",
        "activity",
    ]
    actions = ["start_selected", "publish_selected"]

    def get_queryset(self, request):
        return paper_translations()

    @admin.display(description=gettext_lazy("Paper version"))
    def paper_version(self, obj):
        return _("paper %(paper)s, version %(number)s") % {
            "paper": obj.paper_ref,
            "number": obj.version_number,
        }

    @admin.display(description=gettext_lazy("Newer version"))
    def notice(self, obj):
        return stale_notice(obj.version_number, obj.latest_number) or "-"

    @admin.display(description=gettext_lazy("Activity"))
    def activity(self, obj):
        return activity_table(obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            steps = allowed_transitions(obj, request.user, TRANSLATION_TRANSITIONS)
            form.base_fields["transition"].choices = [("", "---------")] + [
                (step.name, step.label) for step in steps
            ]
        return form

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            if obj.state in ("requested", "in_translation") and form.has_changed():
                obj = translation_assign(
                    actor=request.user,
                    translation=obj,
                    translator=data.get("translator"),
                    translator_name=data.get("translator_name", ""),
                    due_date=data.get("due_date"),
                )
            if data.get("transition"):
                translation_transition(
                    actor=request.user,
                    translation=obj,
                    name=data["transition"],
                    reason=data.get("reason", ""),
                    text=data.get("new_text") or None,
                    upload=data.get("upload"),
                )
        except DomainError as exc:
            messages.error(request, exc.detail)

    def _run_selected(self, request, queryset, name):
        done = 0
        for translation in queryset:
            if not request.user.has_perm(TRANSLATION_TRANSITIONS[name].perm, translation):
                continue
            try:
                translation_transition(actor=request.user, translation=translation, name=name)
                done += 1
            except DomainError as exc:
                messages.error(request, f"#{translation.pk}: {exc.detail}")
        if done:
            messages.success(
                request,
                ngettext("%(count)d translation moved.", "%(count)d translations moved.", done)
                % {"count": done},
            )

    @admin.action(description=gettext_lazy("Start translation"))
    def start_selected(self, request, queryset):
        self._run_selected(request, queryset, "start")

    @admin.action(description=gettext_lazy("Approve and publish"))
    def publish_selected(self, request, queryset):
        self._run_selected(request, queryset, "publish")

    def add_view(self, request, form_url="", extra_context=None):
        """Request translations of a version into one or both other languages."""
        if not request.user.has_perm("gfmd.add_documenttranslation"):
            raise PermissionDenied
        initial = {"version": request.GET.get("version")} if request.GET.get("version") else {}
        form = TranslationRequestForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                created = version_translations_request(
                    actor=request.user,
                    version=data["version"],
                    languages=data["languages"],
                    kind=data["kind"],
                    due_date=data["due_date"],
                    translator=data["translator"],
                    translator_name=data["translator_name"],
                    note=data["note"],
                )
            except DomainError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)d translation requested.",
                        "%(count)d translations requested.",
                        len(created),
                    )
                    % {"count": len(created)},
                )
                return HttpResponseRedirect(reverse("admin:gfmd_documenttranslation_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Request translations"),
            "opts": self.model._meta,
            "form": form,
        }
        status = 400 if form.errors else 200
        return TemplateResponse(
            request, "admin/roundtables/request_translations.html", context, status=status
        )
