"""OAuth2 scopes: a partner client may only obtain the scopes staff granted it."""

from oauth2_provider.scopes import SettingsScopes


class PartnerScopes(SettingsScopes):
    def _granted(self, application) -> list[str]:
        client = getattr(application, "partner_client", None) if application else None
        if client is None or not client.is_active:
            return []
        return [s for s in client.scopes if s in self.get_all_scopes()]

    def get_available_scopes(self, application=None, request=None, *args, **kwargs):
        return self._granted(application)

    def get_default_scopes(self, application=None, request=None, *args, **kwargs):
        return self._granted(application)
