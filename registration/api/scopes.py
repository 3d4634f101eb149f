"""OAuth2 scopes of the registration API: reads need `registrations:read`, writes
`registrations:write` (RulesPermission reads the view's `required_scopes`)."""

from gfmd.platform.api.permissions import SAFE_METHODS


class RegistrationScopesMixin:
    @property
    def required_scopes(self) -> dict:
        write = self.request.method not in SAFE_METHODS
        return {self.action: "registrations:write" if write else "registrations:read"}
