"""Admin for themes, roundtables (with the board), sessions, co-chairs and teams."""

from django.contrib import admin, messages
from django.db.models import Count, Prefetch
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from gfmd.platform import content
from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.admin.exports import ExportActionsMixin
from gfmd.platform.errors import DomainError
from roundtables.admin import board
from roundtables.enums import CoChairOrigin
from roundtables.exports import COCHAIR_COLUMNS, columns
from roundtables.models import CoChair, Roundtable, Session, TeamMembership, Theme
from roundtables.models.programme import session_code_search
from roundtables.selectors.programme import confirmed_cochairs, sessions_with_details
from roundtables.services import cochairs as cochair_services
from roundtables.services import teams as team_services
from roundtables.services.programme import session_save


@admin.register(Theme)
class ThemeAdmin(AuditedAdmin):
    list_display = ["name", "is_emerging", "used_in"]
    list_filter = ["is_emerging"]
    search_fields = content.search_fields("name", "description")  # in any language

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch(
                    "sessions",
                    queryset=Session.objects.select_related("roundtable__edition").order_by(
                        "roundtable__edition__ordinal"
                    ),
                )
            )
        )

    @admin.display(description=gettext_lazy("Used in (editions)"))
    def used_in(self, obj):
        years = sorted({s.roundtable.edition.years_label for s in obj.sessions.all()})
        return ", ".join(years) or "-"


class SessionInline(admin.TabularInline):
    model = Session
    fields = ["number", "title", "theme"]
    readonly_fields = fields
    extra = 0
    show_change_link = True
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Roundtable)
class RoundtableAdmin(AuditedAdmin):
    list_display = ["__str__", "edition", "number", "session_count"]
    list_filter = ["edition"]
    search_fields = content.search_fields("title")  # in any language
    autocomplete_fields = ["edition"]
    list_select_related = ["edition"]
    inlines = [SessionInline]
    change_list_template = "admin/roundtables/roundtable_changelist.html"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_total=Count("sessions"))

    @admin.display(description=gettext_lazy("Sessions"), ordering="session_total")
    def session_count(self, obj):
        return obj.session_total

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "board/", wrap(lambda r: board.board_view(self, r)), name="roundtables_board_index"
            ),
            path(
                "board/<int:edition_id>/",
                wrap(lambda r, edition_id: board.board_view(self, r, edition_id)),
                name="roundtables_board",
            ),
            path(
                "board/<int:edition_id>/cochair/<int:cochair_id>/<str:name>/",
                wrap(
                    lambda r, edition_id, cochair_id, name: board.board_cochair_action(
                        self, r, edition_id, cochair_id, name
                    )
                ),
                name="roundtables_board_cochair",
            ),
            *super().get_urls(),
        ]


class CoChairInline(admin.TabularInline):
    model = CoChair
    fields = ["country", "state", "seat", "origin", "decided_at", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TeamInline(admin.TabularInline):
    model = TeamMembership
    fields = ["country", "mechanism", "state", "decided_at", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    list_display = [
        "code_display",
        "title",
        "theme",
        "edition",
        "developed_seat",
        "developing_seat",
        "paper_state",
    ]
    list_filter = ["roundtable__edition", "theme"]
    # in any language; a session code ("RT 1.1") in the search is matched on its numbers
    search_fields = [*content.search_fields("title", "description"), "roundtable__edition__title"]
    autocomplete_fields = ["roundtable", "theme"]
    inlines = [CoChairInline, TeamInline]

    def get_search_results(self, request, queryset, search_term):
        condition, rest = session_code_search(search_term)
        if condition is not None:
            queryset = queryset.filter(condition)
        return super().get_search_results(request, queryset, rest)

    def get_queryset(self, request):
        return sessions_with_details()

    @admin.display(description=gettext_lazy("Session"), ordering="roundtable__number")
    def code_display(self, obj):
        return obj.code

    @admin.display(description=gettext_lazy("Edition"), ordering="roundtable__edition__ordinal")
    def edition(self, obj):
        return obj.roundtable.edition

    def _seat(self, obj, seat):
        holder = confirmed_cochairs(obj).get(seat)
        if holder:
            return holder.country.name
        return format_html('<b style="color:#b00">{}</b>', pgettext("seat", "open"))

    @admin.display(description=gettext_lazy("Developed co-chair"))
    def developed_seat(self, obj):
        return self._seat(obj, "developed")

    @admin.display(description=gettext_lazy("Developing co-chair"))
    def developing_seat(self, obj):
        return self._seat(obj, "developing")

    @admin.display(description=gettext_lazy("Paper"))
    def paper_state(self, obj):
        paper = getattr(obj, "paper", None)
        return paper.get_state_display() if paper else "-"

    def save_model(self, request, obj, form, change):
        session_save(actor=request.user, session=obj)


@admin.register(CoChair)
class CoChairAdmin(ExportActionsMixin, AuditedAdmin):
    """Staff nominate here (add); transitions run from the board or the actions;
    "Export CSV/XLSX" lists the selected co-chairs with session, seat and country."""

    export_name = "cochairs"

    @property
    def export_columns(self):
        return columns(COCHAIR_COLUMNS)  # titles in the request's language

    def export_queryset(self, queryset):
        return queryset.select_related("session__roundtable__edition", "country").order_by(
            "session__roundtable__number", "session__number", "id"
        )

    list_display = ["session", "country", "state", "seat", "origin", "proposed_at", "decided_at"]
    list_filter = ["state", "seat", "origin", "session__roundtable__edition"]
    search_fields = ["country__name", "session__title"]
    autocomplete_fields = ["session", "country"]
    list_select_related = ["session__roundtable__edition", "country"]
    actions = ["confirm"]

    def get_fields(self, request, obj=None):
        return ["session", "country", "reason"] if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f.name for f in CoChair._meta.fields] + ["activity"]

    def has_add_permission(self, request):
        return request.user.has_perm("roundtables.add_cochair")

    def has_change_permission(self, request, obj=None):
        return obj is None or request.user.has_perm("roundtables.view_cochair", obj)

    def save_model(self, request, obj, form, change):
        if change:
            return
        try:
            created = cochair_services.cochair_propose(
                actor=request.user,
                session=obj.session,
                country=obj.country,
                origin=CoChairOrigin.NOMINATED,
                note=obj.reason,
            )
            obj.pk = created.pk
        except DomainError as exc:
            messages.error(request, exc.detail)

    def has_confirm_permission(self, request):
        return request.user.has_perm("roundtables.confirm_cochair")

    @admin.action(
        description=gettext_lazy("Confirm the selected co-chairs"), permissions=["confirm"]
    )
    def confirm(self, request, queryset):
        for cochair in queryset.order_by("id"):
            try:
                cochair_services.cochair_confirm(actor=request.user, cochair=cochair)
            except DomainError as exc:
                messages.error(request, f"{cochair.session.code} {cochair.country}: {exc.detail}")
            else:
                messages.success(
                    request,
                    _("%(session)s: %(country)s confirmed.")
                    % {"session": cochair.session.code, "country": cochair.country},
                )


@admin.register(TeamMembership)
class TeamMembershipAdmin(AuditedAdmin):
    list_display = ["session", "country", "mechanism", "state", "requested_at", "decided_at"]
    list_filter = ["state", "session__roundtable__edition"]
    search_fields = ["country__name", "mechanism__name", "session__title"]
    list_select_related = ["session__roundtable__edition", "country", "mechanism"]
    actions = ["accept"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in TeamMembership._meta.fields] + ["activity"]

    def has_accept_permission(self, request):
        return request.user.has_perm("roundtables.accept_team")

    @admin.action(
        description=gettext_lazy("Accept the selected governments"), permissions=["accept"]
    )
    def accept(self, request, queryset):
        for membership in queryset.order_by("id"):
            try:
                team_services.team_accept(actor=request.user, membership=membership)
            except DomainError as exc:
                messages.error(request, f"{membership}: {exc.detail}")


def board_link():
    return reverse("admin:roundtables_board_index")
