"""Staff pages for two-factor authentication (enrol, verify, new recovery codes)."""

import django_otp
from django import forms
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from gfmd.platform.security import two_factor


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return target if safe else "/admin/"


def _render(request, template, **context):
    return render(
        request,
        f"gfmd/two_factor/{template}.html",
        {**admin.site.each_context(request), "next": _next_url(request), **context},
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    """Status and enrolment: scan the QR code, type the code it shows, get recovery codes."""
    user = request.user
    if request.method == "POST" and request.POST.get("action") == "renew-codes":
        if not user.is_verified():
            return redirect("two-factor-verify")
        codes = two_factor.recovery_codes_renew(user=user)
        return _render(request, "codes", codes=codes, title=_("Recovery codes"))
    # moving to a new app needs the current factor first, or the move would bypass it
    if two_factor.has_second_factor(user) and not (user.is_verified() and "reset" in request.GET):
        return _render(
            request, "status", title=_("Two-factor authentication"), verified=user.is_verified()
        )
    device = two_factor.pending_totp_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = two_factor.totp_confirm(user=user, device=device, token=form.cleaned_data["token"])
        if codes is not None:
            django_otp.login(request, device)
            return _render(request, "codes", codes=codes, title=_("Recovery codes"))
        form.add_error("token", _("That code is not valid. Check your device's clock and retry."))
    return _render(
        request,
        "enrol",
        form=form,
        qr_svg=two_factor.qr_code_svg(device),
        secret=device.config_url.split("secret=")[1].split("&")[0],
        title=_("Set up two-factor authentication"),
    )


@staff_member_required
@require_http_methods(["GET", "POST"])
def verify(request):
    """Second step of a login: a code from the authenticator app or a recovery code."""
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = two_factor.verify_second_factor(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next_url(request))
        form.add_error("token", _("That code is not valid or was already used."))
    return _render(request, "verify", form=form, title=_("Two-factor verification"))
