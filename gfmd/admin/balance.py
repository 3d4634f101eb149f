"""The Steering Group balance page: the balance on a chosen date and its history over
editions, as a stacked-bar chart (server-side SVG) with the numbers behind it."""

from datetime import date

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.admin.governance import balance_html
from gfmd.models import Edition
from gfmd.platform.charts import Series, stacked_bars
from gfmd.selectors.balance import (
    balance_report,
    developed_developing_on,
    report_date_for_edition,
)


class BalanceDateForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))


def balance_history_chart(editions) -> str:
    """Developed / developing members on each edition's report date, one bar per edition."""
    days = [report_date_for_edition(e) for e in editions]
    counts = developed_developing_on(days)  # one query, however many editions
    return stacked_bars(
        gettext("Steering Group balance by edition"),
        [str(e.year_start) for e in editions],
        [
            Series(gettext("Developed"), [counts[day][0] for day in days]),
            Series(gettext("Developing"), [counts[day][1] for day in days]),
        ],
    )


def balance_view(model_admin, request):
    if not request.user.has_perm("gfmd.view_steeringgroupmembership"):
        raise PermissionDenied
    form = BalanceDateForm(request.GET or None)
    on: date = form.cleaned_data["on"] if form.is_valid() else timezone.localdate()
    if not form.is_bound:
        form = BalanceDateForm(initial={"on": on})
    context = {
        **admin.site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Steering Group balance"),
        "form": form,
        "summary": balance_html(balance_report(on)),
        "chart": balance_history_chart(Edition.objects.order_by("ordinal")),
    }
    return TemplateResponse(request, "admin/gfmd/balance.html", context)
