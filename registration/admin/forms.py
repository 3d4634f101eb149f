from django import forms
from django.utils.translation import gettext_lazy as _


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class SubstituteForm(forms.Form):
    full_name = forms.CharField(label=_("Name as in passport"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    function = forms.CharField(label=_("Function"), max_length=200, required=False)
    reason = forms.CharField(label=_("Reason"), required=False)


def reason_step(admin_obj, request, queryset, *, action: str, title, run):
    """An admin action that asks for a reason first (an intermediate page), then calls
    `run(obj, reason)` for each selected object; domain refusals become messages."""
    from django.contrib import messages
    from django.template.response import TemplateResponse
    from django.urls import reverse

    from gfmd.platform.errors import DomainError

    form = ReasonForm(request.POST if request.POST.get("confirm") else None)
    if form.is_bound and form.is_valid():
        done = 0
        for obj in queryset:
            try:
                run(obj, form.cleaned_data["reason"])
                done += 1
            except DomainError as exc:
                admin_obj.message_user(request, f"{obj}: {exc.detail}", messages.ERROR)
        admin_obj.message_user(request, _("%(count)d done.") % {"count": done})
        return None
    opts = admin_obj.model._meta
    return TemplateResponse(
        request,
        "admin/registration/reason.html",
        {
            **admin_obj.admin_site.each_context(request),
            "opts": opts,
            "title": title,
            "objects": queryset,
            "action": action,
            "form": form,
            "back": reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        },
    )
