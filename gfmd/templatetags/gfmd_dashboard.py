"""{% cycle_dashboard as dashboard %}: the admin index's panels for the chosen edition."""

from django import template

from gfmd.models import Edition
from gfmd.platform.dashboard import panels_for
from gfmd.selectors.editions import current_edition

register = template.Library()


@register.simple_tag(takes_context=True)
def cycle_dashboard(context):
    request = context["request"]
    editions = list(Edition.objects.order_by("-ordinal").only("id", "title", "ordinal"))
    chosen = request.GET.get("edition", "")
    edition = next((e for e in editions if str(e.pk) == chosen), None) or current_edition()
    if edition is None:
        return {"edition": None, "editions": editions, "panels": []}
    return {"edition": edition, "editions": editions, "panels": panels_for(edition, request.user)}
