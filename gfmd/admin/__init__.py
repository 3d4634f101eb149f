from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from gfmd.admin import chair, clients, governance, mechanisms, meetings, people, plain  # noqa: F401
from gfmd.platform.admin import activity, templates, webhooks  # noqa: F401

admin.site.site_header = _("GFMD Support Unit")
admin.site.site_title = _("GFMD coordination service")
admin.site.index_title = _("Forum records")
