from django.contrib import admin

from gfmd.admin import clients, governance, meetings  # noqa: F401
from gfmd.platform.admin import activity, webhooks  # noqa: F401

admin.site.site_header = "GFMD Support Unit"
admin.site.site_title = "GFMD coordination service"
admin.site.index_title = "Forum records"
