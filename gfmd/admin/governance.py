"""Admin for countries, editions, the Steering Group and the Friends of the Forum."""

from django.contrib import admin, messages
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, pgettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from gfmd.enums import M49_REGIONS
from gfmd.exports import FRIENDS_COLUMNS
from gfmd.models import (
    BalancePolicy,
    Country,
    Edition,
    EditionChair,
    FriendsParticipation,
    SteeringGroupMembership,
)
from gfmd.platform import content
from gfmd.platform.admin.base import AuditedAdmin, AuditedInline
from gfmd.platform.admin.exports import ExportActionsMixin
from gfmd.platform.admin.widgets import choice_list_field, sentence
from gfmd.platform.errors import DomainError
from gfmd.selectors.balance import BalanceReport, balance_report, report_date_for_edition
from gfmd.selectors.editions import troika_for_edition
from gfmd.selectors.records import countries_matching
from gfmd.services.countries import (
    country_override_development,
    country_override_perspective,
    country_set_perspective,
)

# The troika's seats as shown on the edition page (the positions themselves are codes).
TROIKA_SEAT_LABELS = {
    "past": pgettext_lazy("troika seat", "Past"),
    "present": pgettext_lazy("troika seat", "Present"),
    "future": pgettext_lazy("troika seat", "Future"),
}


def balance_html(report: BalanceReport) -> str:
    warnings = format_html_join(
        "", '<li style="color:#b00">{}</li>', ((w,) for w in report.warnings)
    )
    overrides = format_html_join(
        "",
        _("<li>{} counted as <b>{}</b> (default {}): {}</li>"),
        ((o["country"], o["override"], o["default"], o["reason"]) for o in report.overrides),
    )
    share = number_format(report.developed_share, 2) if report.developed_share is not None else "-"
    return format_html(
        _(
            "<p>On {}: <b>{}</b> members, {} developed / {} developing (developed share {}).</p>"
            "<p>Regions represented: {}. Missing: {}.</p>"
        )
        + "{}{}",
        date_format(report.on, "DATE_FORMAT"),
        report.total,
        report.developed,
        report.developing,
        share,
        ", ".join(report.regions_represented) or _("none"),
        ", ".join(report.regions_missing) or _("none"),
        format_html(_("<p>Overrides in effect:</p><ul>{}</ul>"), overrides)
        if report.overrides
        else "",
        format_html("<ul>{}</ul>", warnings)
        if report.warnings
        else format_html('<p style="color:#070">{}</p>', _("Balanced according to the policy.")),
    )


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = [
        "name",
        "iso3",
        "region",
        "sub_region",
        "un_status",
        "development_default",
        "development_override",
        "override_reason",
    ]
    list_filter = ["region", "un_status", "development_default", "development_override"]
    search_fields = ["search_text"]  # shows the box; get_search_results does the matching
    readonly_fields = [
        "iso2",
        "iso3",
        "m49",
        "name",
        "official_name",
        "region",
        "sub_region",
        "intermediate_region",
        "un_status",
        "un_member_since",
        "development_default",
        "override_by",
        "override_at",
    ]
    fieldsets = [
        (None, {"fields": ["name", "official_name", "iso2", "iso3", "m49"]}),
        (
            "M49 classification",
            {
                "fields": [
                    "region",
                    "sub_region",
                    "intermediate_region",
                    "un_status",
                    "un_member_since",
                ]
            },
        ),
        (
            _("Development status (policy)"),
            {
                "fields": [
                    "development_default",
                    "development_override",
                    "override_reason",
                    "override_by",
                    "override_at",
                ],
                "description": _(
                    "Override the M49 default with a reason; every balance report "
                    "shows the override and its reason."
                ),
            },
        ),
        (
            _("Migration perspective (policy)"),
            {
                "fields": [
                    "migration_perspective",
                    "perspective_override",
                    "perspective_override_reason",
                ],
                "description": _(
                    "Origin, transit or destination; an override needs a reason and shows "
                    "in the balance report."
                ),
            },
        ),
        (_("History"), {"fields": ["activity"]}),
    ]

    def get_search_results(self, request, queryset, search_term):
        # Also serves every autocomplete that picks a country.
        return countries_matching(queryset, search_term), False

    def has_add_permission(self, request):
        return False  # reference data: `manage.py load_countries`

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        try:
            # policy data first: the override services compare against it
            if "migration_perspective" in form.changed_data:
                country_set_perspective(
                    actor=request.user,
                    country=obj,
                    perspective=form.cleaned_data["migration_perspective"],
                )
            if {"development_override", "override_reason"} & set(form.changed_data):
                country_override_development(
                    actor=request.user,
                    country=obj,
                    status=form.cleaned_data.get("development_override", ""),
                    reason=form.cleaned_data.get("override_reason", ""),
                )
            if {"perspective_override", "perspective_override_reason"} & set(form.changed_data):
                country_override_perspective(
                    actor=request.user,
                    country=obj,
                    perspective=form.cleaned_data.get("perspective_override", ""),
                    reason=form.cleaned_data.get("perspective_override_reason", ""),
                )
        except DomainError as exc:
            messages.error(request, exc.detail)


class EditionChairInline(AuditedInline):
    model = EditionChair
    autocomplete_fields = ["country"]
    verbose_name = _("chair government")
    verbose_name_plural = _("chair governments (several for a joint chairmanship)")


@admin.register(Edition)
class EditionAdmin(AuditedAdmin):
    list_display = [
        "ordinal",
        "title",
        "years",
        "chair_names",
        "venue_city",
        "venue_country",
        "is_public",
    ]
    list_display_links = ["ordinal", "title"]
    list_filter = ["is_public"]
    search_fields = [*content.search_fields("title", "theme"), "venue_city"]
    autocomplete_fields = ["venue_country"]
    inlines = [EditionChairInline]
    readonly_fields = ["troika", "steering_group_balance"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "ordinal",
                    ("title", "title_fr", "title_es"),  # side by side
                    ("theme", "theme_fr", "theme_es"),
                    "is_public",
                ]
            },
        ),
        (
            _("When and where"),
            {
                "fields": [
                    "year_start",
                    "year_end",
                    "start_date",
                    "end_date",
                    "venue_city",
                    "venue_country",
                ]
            },
        ),
        (_("Derived"), {"fields": ["troika", "steering_group_balance"]}),
        (_("History"), {"fields": ["activity"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("venue_country")
            .prefetch_related(Prefetch("chairs", queryset=Country.objects.order_by("name")))
        )

    @admin.display(description=_("Years"), ordering="year_start")
    def years(self, obj):
        return obj.years_label

    @admin.display(description=_("Chair(s)"))
    def chair_names(self, obj):
        return ", ".join(c.name for c in obj.chairs.all()) or "-"

    @admin.display(description=_("Troika (derived from the order of editions)"))
    def troika(self, obj):
        if obj is None or obj.pk is None:
            return _("Saved editions show their troika here.")
        rows = []
        for seat in troika_for_edition(obj):
            chairs = ", ".join(c.name for c in seat.chairs)
            if seat.candidates:
                chairs = ", ".join(
                    filter(
                        None,
                        [
                            chairs,
                            *(
                                gettext("%(country)s (candidate)") % {"country": c.name}
                                for c in seat.candidates
                            ),
                        ],
                    )
                )
            label = f"{seat.edition} ({seat.edition.years_label})" if seat.edition else "-"
            position = TROIKA_SEAT_LABELS.get(seat.position, seat.position.title())
            rows.append((position, label, chairs or "-", seat.note))
        return format_html(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th></th></tr>{}</table>",
            pgettext("troika seat", "Seat"),
            gettext("Edition"),
            gettext("Chair(s)"),
            format_html_join(
                "", "<tr><td>{}</td><td>{}</td><td>{}</td><td><i>{}</i></td></tr>", rows
            ),
        )

    @admin.display(description=_("Steering Group balance"))
    def steering_group_balance(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return balance_html(balance_report(report_date_for_edition(obj)))


@admin.register(SteeringGroupMembership)
class SteeringGroupMembershipAdmin(AuditedAdmin):
    list_display = [
        "country",
        "region",
        "development",
        "start_date",
        "end_date",
        "joined_edition",
        "left_edition",
    ]
    list_filter = ["country__region", "end_date"]
    search_fields = ["country__name", "country__iso3"]
    autocomplete_fields = ["country", "joined_edition", "left_edition"]
    list_select_related = ["country", "joined_edition", "left_edition"]
    date_hierarchy = "start_date"

    @admin.display(description=_("Region"), ordering="country__region")
    def region(self, obj):
        return obj.country.region

    @admin.display(description=_("Development status"))
    def development(self, obj):
        c = obj.country
        if c.is_overridden:
            return format_html("{} <i>(override: {})</i>", c.development_status, c.override_reason)
        return c.development_status

    def get_urls(self):
        from django.urls import path

        from gfmd.admin.balance import balance_view

        view = self.admin_site.admin_view(lambda request: balance_view(self, request))
        return [path("balance/", view, name="gfmd_steering_balance"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        report = balance_report(timezone.localdate())
        for warning in report.warnings:
            messages.warning(request, _("Balance today: %(warning)s") % {"warning": warning})
        extra_context = {**(extra_context or {}), "balance": balance_html(report)}
        return super().changelist_view(request, extra_context)


@admin.register(BalancePolicy)
class BalancePolicyAdmin(AuditedAdmin):
    list_display = ["effective_from", "target_developed_share", "tolerance", "regions"]
    json_form_fields = {
        "required_regions": lambda **kw: choice_list_field([(r, r) for r in M49_REGIONS], **kw)
    }

    @admin.display(description=_("Required regions"))
    def regions(self, obj):
        return sentence(obj.required_regions)


@admin.register(FriendsParticipation)
class FriendsParticipationAdmin(ExportActionsMixin, AuditedAdmin):
    export_name, export_columns = "friends-of-the-forum", FRIENDS_COLUMNS
    list_display = ["edition", "country", "organisation", "role"]
    list_filter = ["edition", "role", "country__region"]
    search_fields = ["country__name", "organisation__name", "organisation__acronym"]
    autocomplete_fields = ["edition", "country", "organisation"]
    list_select_related = ["edition", "country", "organisation"]
