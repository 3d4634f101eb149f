"""Document templates: staff edit them here; a preview renders the PDF with sample values."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from gfmd.platform.models import DocumentTemplate
from gfmd.platform.services.templates import document_preview, document_template_save
from gfmd.platform.templating import template_kind, template_kinds
from gfmd.platform.uploads import check_image


class DocumentTemplateForm(forms.ModelForm):
    kind = forms.ChoiceField(label=_("kind"))
    letterhead_upload = forms.FileField(
        label=_("letterhead"),
        required=False,
        help_text=_("A PNG or JPEG image printed at the top of each page."),
    )

    class Meta:
        model = DocumentTemplate
        fields = ["kind", "language", "subject", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.code, k.label) for k in template_kinds()]

    def clean_letterhead_upload(self):
        upload = self.cleaned_data.get("letterhead_upload")
        if upload:
            try:
                check_image(upload, field="letterhead_upload")
            except DomainError as exc:
                raise forms.ValidationError(exc.detail) from None
            upload.seek(0)  # the service reads it again when saving
        return upload


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(AuditedAdmin):
    form = DocumentTemplateForm
    list_display = ["kind_label", "language", "subject", "version", "updated_by", "updated_at"]
    list_filter = ["kind", "language"]
    search_fields = ["subject", "body"]
    list_select_related = ["updated_by"]
    readonly_fields = ["placeholders", "version", "updated_by", "updated_at", "preview_link"]
    fields = [
        "kind",
        "language",
        "placeholders",
        "subject",
        "body",
        "letterhead_upload",
        "version",
        "updated_by",
        "updated_at",
        "preview_link",
        "activity",
    ]

    @admin.display(description=_("kind"), ordering="kind")
    def kind_label(self, obj):
        kind = template_kind(obj.kind)
        return kind.label if kind else obj.kind

    @admin.display(description=_("Placeholders"))
    def placeholders(self, obj):
        kinds = [template_kind(obj.kind)] if obj and obj.pk else template_kinds()
        rows = [
            (f"{{{{ {name} }}}}", description)
            for kind in kinds
            if kind
            for name, description in kind.placeholders.items()
        ]
        return format_html(
            "<table>{}</table>",
            format_html_join("", "<tr><td><code>{}</code></td><td>{}</td></tr>", rows),
        )

    @admin.display(description=_("Preview"))
    def preview_link(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        url = reverse("admin:gfmd_documenttemplate_preview", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("PDF with sample values"))

    def get_urls(self):
        preview = self.admin_site.admin_view(self.preview_view)
        return [
            path("<int:pk>/preview/", preview, name="gfmd_documenttemplate_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk):
        template = get_object_or_404(DocumentTemplate, pk=pk)
        if not request.user.has_perm("gfmd.preview_documenttemplate", template):
            return HttpResponse(status=403)
        try:
            pdf = document_preview(template=template)
        except DomainError as exc:
            return HttpResponse(exc.detail, status=409, content_type="text/plain; charset=utf-8")
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="template-{template.pk}.pdf"'
        return response

    def save_model(self, request, obj, form, change):
        try:
            document_template_save(
                actor=request.user,
                template=obj,
                letterhead=form.cleaned_data.get("letterhead_upload"),
            )
        except DomainError as exc:
            messages.error(request, exc.detail)
