"""The admin site: Django's, with the app list built once per request.

Every admin page asks for the app list for its sidebar (`available_apps`) and the index
asks again for its own list; each build checks every registered model's permissions
through django-rules, which was a third of the cycle dashboard's time.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class ForumAdminSite(admin.AdminSite):
    def _build_app_dict(self, request, label=None):
        built = request.__dict__.setdefault("_admin_app_dicts", {})
        if label not in built:
            built[label] = super()._build_app_dict(request, label)
        return built[label]


class ForumAdminConfig(AdminConfig):
    default_site = "gfmd.platform.admin.site.ForumAdminSite"
