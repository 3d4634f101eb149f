"""Admin screen to add a file version to a working paper (a draft received by email).

Thin: the upload goes through `version_add_file`, the same service (and the same upload
checks and budgets) as `POST /api/v1/papers/{id}/versions/`.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gfmd.platform.errors import DomainError
from roundtables.models import WorkingPaper
from roundtables.rules import forget_reach
from roundtables.services.versions import version_add_file


class VersionUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("File (PDF, DOCX or ODT)"))
    note = forms.CharField(
        label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def add_version_view(model_admin, request, paper_id):
    paper = get_object_or_404(
        WorkingPaper.objects.select_related("session__roundtable__edition"), pk=paper_id
    )
    forget_reach(request.user)
    if not request.user.has_perm("roundtables.add_version", paper):
        raise PermissionDenied
    form = VersionUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = version_add_file(
                actor=request.user,
                paper=paper,
                upload=form.cleaned_data["file"],
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.detail)
        else:
            messages.success(request, _("Version %(number)d added.") % {"number": version.number})
            return HttpResponseRedirect(
                reverse("admin:roundtables_workingpaper_change", args=[paper.pk])
            )
    context = {
        **admin.site.each_context(request),
        "title": _("Add a version: %(title)s") % {"title": paper.title},
        "opts": model_admin.model._meta,
        "paper": paper,
        "form": form,
    }
    status = 400 if form.errors else 200
    return TemplateResponse(request, "admin/roundtables/add_version.html", context, status=status)
