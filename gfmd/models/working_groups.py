"""Ad hoc working groups: co-chaired by governments and/or mechanisms, any mix.

Deliverables go through the document engine (roundtables' working-paper workflow,
generalised): a deliverable is a document whose subject is the working group. Hook:
`WorkingGroup.deliverables_kind` names that document kind; the document side is built
there, not here.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from gfmd.enums import WorkingGroupStatus
from gfmd.platform.models.checks import CheckConstraint, one_of
from gfmd.platform.names import validate_visible_text, visible_text_constraint


class WorkingGroup(models.Model):
    # The document kind its deliverables will be filed under (document engine).
    deliverables_kind = "working_group_deliverable"

    name = models.CharField(_("name"), max_length=200, validators=[validate_visible_text])
    name_fr = models.CharField(
        _("name (French)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    name_es = models.CharField(
        _("name (Spanish)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    mandate = models.TextField(_("mandate"))
    mandate_fr = models.TextField(_("mandate (French)"), blank=True)
    mandate_es = models.TextField(_("mandate (Spanish)"), blank=True)
    term_from = models.DateField(_("term from"))
    term_to = models.DateField(_("term to"), null=True, blank=True)
    until_deliverable = models.BooleanField(
        _("until its deliverable"),
        default=False,
        help_text=_("The group's term ends when its deliverable is adopted, not on a date."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=WorkingGroupStatus.choices,
        default=WorkingGroupStatus.ACTIVE,
        editable=False,  # moved only by the transition engine
    )

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["-term_from", "name"]
        constraints = [
            visible_text_constraint("name", "workinggroup_name_visible"),
            models.UniqueConstraint(
                Lower("name"),
                name="workinggroup_name_unique_ci",
                violation_error_message=_("A working group with this name already exists."),
            ),
            CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="workinggroup_term_ordered",
                violation_error_message=_("The term cannot end before it starts."),
            ),
            CheckConstraint(
                condition=(Q(term_to__isnull=False) & Q(until_deliverable=False))
                | (Q(term_to__isnull=True) & Q(until_deliverable=True)),
                name="workinggroup_term_ends",
                violation_error_message=_(
                    "A working group's term ends either on a date or with its deliverable."
                ),
            ),
            CheckConstraint(
                condition=Q(status__in=WorkingGroupStatus.values), name="workinggroup_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def _body_str(row) -> str:
    return str(row.country or getattr(row, "organisation", None) or row.mechanism)


class WorkingGroupChair(models.Model):
    """A co-chair: a government or a mechanism (the public narratives group: Canada,
    Ecuador and the Mayors Mechanism)."""

    working_group = models.ForeignKey(
        "gfmd.WorkingGroup",
        on_delete=models.CASCADE,
        related_name="chairs",
        verbose_name=_("working group"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("government"),
    )
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_group_chairs",
        verbose_name=_("mechanism"),
    )

    class Meta:
        verbose_name = _("working group co-chair")
        verbose_name_plural = _("working group co-chairs")
        ordering = ["working_group", "id"]
        constraints = [
            CheckConstraint(
                condition=one_of("country", "mechanism"),
                name="workinggroupchair_one_body",
                violation_error_message=_("A co-chair is exactly one government or one mechanism."),
            ),
            models.UniqueConstraint(
                fields=["working_group", "country"],
                condition=Q(country__isnull=False),
                name="workinggroupchair_country_once",
                violation_error_message=_("This government already co-chairs the group."),
            ),
            models.UniqueConstraint(
                fields=["working_group", "mechanism"],
                condition=Q(mechanism__isnull=False),
                name="workinggroupchair_mechanism_once",
                violation_error_message=_("This mechanism already co-chairs the group."),
            ),
        ]

    def __str__(self) -> str:
        return _body_str(self)

    def clean(self):
        if self.country_id and not self.country.is_state:
            raise ValidationError(
                {"country": _("%(country)s is not a state.") % {"country": self.country}}
            )


class WorkingGroupMember(models.Model):
    """A member: a government, an organisation or a mechanism."""

    working_group = models.ForeignKey(
        "gfmd.WorkingGroup",
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name=_("working group"),
    )
    country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("government"),
    )
    organisation = models.ForeignKey(
        "gfmd.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation"),
    )
    mechanism = models.ForeignKey(
        "gfmd.Mechanism",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="working_group_memberships",
        verbose_name=_("mechanism"),
    )

    class Meta:
        verbose_name = _("working group member")
        verbose_name_plural = _("working group members")
        ordering = ["working_group", "id"]
        constraints = [
            CheckConstraint(
                condition=one_of("country", "organisation", "mechanism"),
                name="workinggroupmember_one_body",
                violation_error_message=_(
                    "A member is exactly one government, organisation or mechanism."
                ),
            ),
            *(
                models.UniqueConstraint(
                    fields=["working_group", body],
                    condition=Q(**{f"{body}__isnull": False}),
                    name=f"workinggroupmember_{body}_once",
                    violation_error_message=_("Already a member of this working group."),
                )
                for body in ("country", "organisation", "mechanism")
            ),
        ]

    def __str__(self) -> str:
        return _body_str(self)
