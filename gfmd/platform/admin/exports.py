from django.utils.translation import gettext as _

from gfmd.platform.exports import export_response


class ExportActionsMixin:
    """Adds "Export CSV" / "Export XLSX" actions; the admin class lists `export_columns`."""

    export_name = "export"
    export_columns: list = []

    def get_actions(self, request):
        actions = super().get_actions(request)
        for fmt in ("csv", "xlsx"):
            actions[f"export_{fmt}"] = (
                self._exporter(fmt),
                f"export_{fmt}",
                _("Export selected rows as %(format)s") % {"format": fmt.upper()},
            )
        return actions

    def _exporter(self, fmt):
        def export(modeladmin, request, queryset):
            return export_response(
                self.export_name, self.export_columns, self.export_queryset(queryset), fmt
            )

        return export

    def export_queryset(self, queryset):
        return queryset
