"""Two-factor authentication for staff (django-otp): TOTP plus single-use recovery codes.

GFMD_2FA_REQUIRED_GROUPS names the groups whose members must verify a second factor
before they reach the admin or the API with a browser session (`TwoFactorMiddleware`);
HTTP Basic, which cannot carry a second factor, is refused to them
(gfmd.platform.security.login_limits). Anyone on staff may enrol, required or not.
"""

import segno
from django.conf import settings
from django.db import transaction
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
# Pages a user who still owes a second factor may open: enrolment, verification, logout.
EXEMPT_PREFIXES = ("/account/two-factor/", "/admin/logout/", "/admin/login/", "/static/")


def requires_two_factor(user) -> bool:
    required = set(settings.GFMD_2FA_REQUIRED_GROUPS)
    if not required or not user.is_authenticated:
        return False
    if "*staff" in required and user.is_staff:
        return True
    names = getattr(user, "_gfmd_group_names", None)  # read once per request (gfmd.rules)
    if names is not None:
        return bool(required & names)
    return user.groups.filter(name__in=required).exists()


def has_second_factor(user) -> bool:
    return any(isinstance(d, TOTPDevice) for d in devices_for_user(user, confirmed=True))


def pending_totp_device(user) -> TOTPDevice:
    """The unconfirmed device an enrolment page shows (made once, reused on reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)


def qr_code_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(scale=4)


@transaction.atomic
def totp_confirm(*, user, device: TOTPDevice, token: str) -> list[str] | None:
    """Confirm enrolment if `token` is right: the device becomes the user's only TOTP
    device and a fresh set of recovery codes is returned (shown once)."""
    if not device.verify_token(token.strip().replace(" ", "")):
        return None
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user) -> list[str]:
    """New single-use recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def verify_second_factor(user, token: str):
    """The device that accepts `token` (TOTP code or an unused recovery code), or None.
    Each device throttles its own failures (django-otp's ThrottlingMixin), so a token is
    tried only on the kind of device its shape fits: a mistyped recovery code does not
    hold back the authenticator app, and the reverse."""
    token = token.strip().replace(" ", "")
    kind = TOTPDevice if token.isdigit() and len(token) <= 8 else StaticDevice
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if isinstance(device, kind) and device.verify_token(token):
                return device
    return None


class TwoFactorMiddleware:
    """After django-otp's OTPMiddleware: a session user who must use a second factor and
    has not verified one this session is sent to enrol or verify (the API says why)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        path = request.path
        if (
            settings.GFMD_2FA_REQUIRED_GROUPS
            and path.startswith(("/admin/", "/api/"))
            and not path.startswith(EXEMPT_PREFIXES)
            and user.is_authenticated
            and not user.is_verified()
            and requires_two_factor(user)
        ):
            if path.startswith("/api/"):
                return JsonResponse(
                    {
                        "type": "two_factor_required",
                        "detail": _("Verify your second factor at /account/two-factor/ first."),
                        "fields": {},
                    },
                    status=403,
                )
            name = "two-factor-verify" if has_second_factor(user) else "two-factor"
            return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
