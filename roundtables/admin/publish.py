"""The admin's publish screen of a paper (public access), with the Chatham House override.

Publishing an outcome document passes the Chatham House guard (services/chatham.py). When
the guard refuses, the screen shows its message and offers staff the override, which the
service takes only with a reason, exactly as the API's publish and the board's distribute.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from gfmd.platform.errors import DomainError
from roundtables.models import WorkingPaper
from roundtables.rules import forget_reach
from roundtables.services.papers import paper_set_public

GUARD_CODE = "chatham_house_attribution"


def publish_url(paper) -> str:
    return reverse("admin:roundtables_workingpaper_publish", args=[paper.pk])


def publish_view(model_admin, request, paper_id):
    """GET: the publish form; POST: publish, with the override and its reason if ticked."""
    forget_reach(request.user)
    if not request.user.has_perm("roundtables.publish_paper"):
        raise PermissionDenied
    paper = get_object_or_404(WorkingPaper.objects.select_related("edition"), pk=paper_id)
    refusal, reason = "", ""
    if request.method == "POST":
        override = bool(request.POST.get("override_chatham_house"))
        reason = request.POST.get("override_reason", "")
        try:
            paper_set_public(
                actor=request.user,
                paper=paper,
                public=True,
                override_chatham_house=override,
                override_reason=reason,
            )
        except DomainError as exc:
            refusal = exc.detail
            # The guard refused, or refused the override (no reason): offer the override.
            guarded = exc.code == GUARD_CODE or override
        else:
            messages.success(request, _("%(paper)s: published.") % {"paper": paper.code})
            change = reverse("admin:roundtables_workingpaper_change", args=[paper.pk])
            return HttpResponseRedirect(change)
    else:
        guarded = request.GET.get("override") == "1"
    context = {
        **admin.site.each_context(request),
        "title": _("Publish %(paper)s") % {"paper": paper.code},
        "opts": model_admin.model._meta,
        "paper": paper,
        "refusal": refusal,
        "offer_override": guarded and paper.kind_spec.outcome,
        "override_reason": reason,
    }
    return TemplateResponse(
        request, "admin/roundtables/publish.html", context, status=400 if refusal else 200
    )
