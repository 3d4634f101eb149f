"""The ledger's lists as the caller may see them, each in a fixed number of queries."""

from django.db.models import Q

from contributions.models import Budget, BudgetLine, CarryOver, ExchangeRate, Pledge, Receipt
from gfmd.platform.roles import is_support_staff
from gfmd.rules import can_read_records, focal_point_bodies


def _own(user, queryset):
    if is_support_staff(user):
        return queryset
    countries, organisations = focal_point_bodies(user)
    if not (countries or organisations):
        return queryset.none()
    return queryset.filter(Q(country_id__in=countries) | Q(organisation_id__in=organisations))


def _readable(user, queryset):
    return queryset if can_read_records(user) else queryset.none()


def pledges_for_user(user):
    return _own(
        user,
        Pledge.objects.select_related("edition", "country", "organisation", "pledging_meeting"),
    ).order_by("edition__ordinal", "pledged_on", "id")


def receipts_for_user(user):
    return _own(
        user, Receipt.objects.select_related("edition", "country", "organisation", "pledge")
    ).order_by("edition__ordinal", "received_on", "id")


def budgets_for_user(user):
    return _readable(user, Budget.objects.select_related("edition").order_by("edition__ordinal"))


def budget_lines_for_user(user):
    return _readable(
        user, BudgetLine.objects.select_related("budget__edition").order_by("budget", "line", "id")
    )


def carry_overs_for_user(user):
    return _readable(
        user,
        CarryOver.objects.select_related("from_edition", "to_edition").order_by("on", "id"),
    )


def exchange_rates_for_user(user):
    return _readable(
        user,
        ExchangeRate.objects.select_related("edition").order_by(
            "edition", "currency", "target_currency"
        ),
    )
