"""Admin for working papers (transition actions, versions, review screen) and inputs."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gfmd.platform.admin.base import AuditedAdmin
from gfmd.platform.errors import DomainError
from roundtables.admin import board, publish, versions
from roundtables.enums import FINAL_STATES, PAPER_KINDS, PAPER_TRANSITIONS, ROUNDTABLE_PAPER
from roundtables.models import Input, PaperVersion, WorkingPaper
from roundtables.selectors.papers import input_summary, versions_for_user
from roundtables.services.papers import document_create, paper_set_public, paper_transition

# Transitions that need no extra input can run as changelist actions; opening
# consultation (deadline) and withdrawing (reason) run from the board's forms.
SIMPLE_TRANSITIONS = ("start_drafting", "return_to_drafting", "finalise", "distribute")


class PaperVersionInline(admin.TabularInline):
    model = PaperVersion
    fields = [
        "number",
        "kind",
        "stage",
        "released",
        "original_filename",
        "size",
        "checksum",
        "note",
        "author",
        "created_at",
        "download",
        "compare",
    ]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The same rule as the API (staff see every version; anyone else what the rule allows).
        return versions_for_user(request.user)

    @admin.display(description=gettext_lazy("File"))
    def download(self, obj):
        url = reverse("roundtables-version-download", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("download"))

    @admin.display(description=gettext_lazy("Changes"))
    def compare(self, obj):
        """The API's text diff against the previous version (text versions only)."""
        if obj.number < 2 or not obj.text:
            return "-"
        url = reverse("workingpaper-diff", args=[obj.paper_id])
        return format_html(
            '<a href="{}?from={}&amp;to={}">{}</a>',
            url,
            obj.number - 1,
            obj.number,
            _("compare with version %(number)d") % {"number": obj.number - 1},
        )


def _transition_action(name):
    transition = PAPER_TRANSITIONS[name]

    def run(modeladmin, request, queryset):
        for paper in queryset.order_by("id"):
            if not request.user.has_perm("roundtables.transition_paper", paper):
                messages.error(request, _("%(paper)s: not allowed.") % {"paper": paper})
                continue
            try:
                paper_transition(actor=request.user, paper=paper, name=name)
            except DomainError as exc:
                messages.error(request, f"{paper.code}: {exc.detail}")
            else:
                messages.success(
                    request,
                    _("%(session)s: %(action)s done.")
                    % {"session": paper.code, "action": transition.label},
                )

    run.__name__ = name
    return admin.action(description=transition.label, permissions=["transition"])(run)


@admin.register(WorkingPaper)
class WorkingPaperAdmin(AuditedAdmin):
    list_display = [
        "title",
        "kind",
        "session_code",
        "edition",
        "state",
        "consultation_deadline",
        "input_count",
        "undecided_count",
        "is_public",
        "review_link",
    ]
    list_filter = ["kind", "state", "is_public", "edition"]
    search_fields = ["title", "session__title"]
    fields = [
        "kind",
        "edition",
        "session",
        "working_group",
        "title",
        "state",
        "consultation_deadline",
        "consultation_round",
        "final_version",
        "is_public",
        "published_at",
        "publish_link",
        "recommendation_links",
        "adoption",
        "add_version_link",
        "comment_summary",
        "activity",
    ]
    readonly_fields = [
        "kind",
        "edition",
        "session",
        "working_group",
        "adoption",
        "state",
        "consultation_deadline",
        "consultation_round",
        "final_version",
        "is_public",
        "published_at",
        "publish_link",
        "recommendation_links",
        "add_version_link",
        "comment_summary",
        "activity",
    ]
    # Adding: one of the Chair's documents, an outcome document (a rapporteur report names
    # its session) or a working group's deliverable (roundtable papers come with their session).
    add_fields = ["kind", "edition", "session", "working_group", "title"]
    autocomplete_fields = ["session"]  # thousands of sessions over the years: search them
    inlines = [PaperVersionInline]
    actions = [_transition_action(n) for n in SIMPLE_TRANSITIONS] + ["publish", "unpublish"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("edition", "session__roundtable__edition", "working_group")
            .annotate(
                input_total=Count("inputs"),
                undecided_total=Count("inputs", filter=Q(inputs__decision="")),
            )
        )

    def has_add_permission(self, request):
        return request.user.has_perm("roundtables.add_workingpaper")

    def get_fields(self, request, obj=None):
        return self.add_fields if obj is None else self.fields

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def get_inlines(self, request, obj):
        return [] if obj is None else self.inlines

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "kind":
            kwargs["choices"] = [
                (value, spec.label)
                for value, spec in PAPER_KINDS.items()
                if value != ROUNDTABLE_PAPER
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        # The form has validated the kind's rules (model validation and constraints).
        form.instance = document_create(
            actor=request.user,
            edition=obj.edition,
            kind=obj.kind,
            title=obj.title,
            working_group=obj.working_group,
            session=obj.session,
        )

    def has_transition_permission(self, request):
        return request.user.has_perm("roundtables.publish_paper")  # staff in the admin

    def has_publish_permission(self, request):
        return request.user.has_perm("roundtables.publish_paper")

    @admin.display(description=gettext_lazy("Session"), ordering="session__roundtable__number")
    def session_code(self, obj):
        return obj.session.code if obj.session_id else "-"

    @admin.display(description=gettext_lazy("Who commented"))
    def comment_summary(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        summary = input_summary(obj)
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    row["region"],
                    row["development_status_label"],
                    row["inputs"],
                    ", ".join(row["names"]),
                )
                for row in summary["by_region"]
            ),
        )
        return format_html(
            "<p>{}</p><table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>"
            "</thead><tbody>{}</tbody></table>",
            _(
                "%(countries)d government(s), %(organisations)d organisation(s), "
                "%(mechanisms)d mechanism(s), %(inputs)d input(s)."
            )
            % summary,
            _("Region"),
            _("Development status"),
            _("Inputs"),
            _("Governments"),
            rows,
        )

    @admin.display(description=gettext_lazy("Inputs"), ordering="input_total")
    def input_count(self, obj):
        return obj.input_total

    @admin.display(description=gettext_lazy("Undecided"), ordering="undecided_total")
    def undecided_count(self, obj):
        return obj.undecided_total

    @admin.display(description=gettext_lazy("Versions"))
    def add_version_link(self, obj):
        url = reverse("admin:roundtables_workingpaper_add_version", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Add a version (upload a file)"))

    @admin.display(description=gettext_lazy("Publish"))
    def publish_link(self, obj):
        if obj.is_public or obj.state not in FINAL_STATES:
            return "-"
        return format_html(
            '<a href="{}">{}</a>', publish.publish_url(obj), _("publish (public access)")
        )

    @admin.display(description=gettext_lazy("Recommendations"))
    def recommendation_links(self, obj):
        """The government recommendations naming this outcome document (outcomes app)."""
        if not obj.kind_spec.outcome:
            return "-"
        links = format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            (
                (reverse("admin:outcomes_recommendation_change", args=[r.pk]), r.title)
                for r in obj.recommendations.order_by("id")
            ),
        )
        return links or "-"

    @admin.display(description=gettext_lazy("Review"))
    def review_link(self, obj):
        url = reverse("admin:roundtables_workingpaper_review", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("review inputs"))

    def _set_public(self, request, queryset, public):
        for paper in queryset.order_by("id"):
            try:
                paper_set_public(actor=request.user, paper=paper, public=public)
            except DomainError as exc:
                if exc.code != publish.GUARD_CODE:
                    messages.error(request, f"{paper.code}: {exc.detail}")
                    continue
                # The Chatham House guard refused: link to the screen offering the override.
                messages.error(
                    request,
                    format_html(
                        '{}: {} <a href="{}?override=1">{}</a>',
                        paper.code,
                        exc.detail,
                        publish.publish_url(paper),
                        _("Publish with an override and a reason"),
                    ),
                )

    @admin.action(description=gettext_lazy("Publish (public access)"), permissions=["publish"])
    def publish(self, request, queryset):
        self._set_public(request, queryset, True)

    @admin.action(description=gettext_lazy("Unpublish"), permissions=["publish"])
    def unpublish(self, request, queryset):
        self._set_public(request, queryset, False)

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:paper_id>/add-version/",
                wrap(lambda r, paper_id: versions.add_version_view(self, r, paper_id)),
                name="roundtables_workingpaper_add_version",
            ),
            path(
                "<int:paper_id>/review/",
                wrap(lambda r, paper_id: board.review_view(self, r, paper_id)),
                name="roundtables_workingpaper_review",
            ),
            path(
                "<int:paper_id>/publish/",
                wrap(lambda r, paper_id: publish.publish_view(self, r, paper_id)),
                name="roundtables_workingpaper_publish",
            ),
            path(
                "<int:paper_id>/transition/<str:name>/",
                wrap(lambda r, paper_id, name: board.paper_action(self, r, paper_id, name)),
                name="roundtables_workingpaper_transition",
            ),
            *super().get_urls(),
        ]


@admin.register(Input)
class InputAdmin(AuditedAdmin):
    """Read-only list; decisions are recorded on the paper's review screen."""

    list_display = ["id", "paper", "body_name", "consultation_round", "submitted_at", "decision"]
    list_filter = ["decision", "paper__state", "paper__edition"]
    search_fields = ["text", "evidence", "country__name", "organisation__name", "mechanism__name"]
    list_select_related = ["paper", "country", "organisation", "mechanism"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Input._meta.fields] + ["activity"]

    @admin.display(description=gettext_lazy("From"))
    def body_name(self, obj):
        return str(obj.body)
