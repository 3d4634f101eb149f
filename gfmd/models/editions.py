from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, Q, Value
from django.utils.translation import gettext_lazy as _

from gfmd.platform.models.checks import CheckConstraint
from gfmd.platform.models.pgconstraints import PostgresExclusionConstraint
from gfmd.platform.names import validate_visible_text, visible_text_constraint

# The Forum began in 2007; a year past 2100 is a typo (20155), not a plan.
FIRST_YEAR, LAST_YEAR = 2007, 2100
YEAR_MESSAGE = _("Give a year from 2007 (the first Forum) to 2100.")
YEAR_VALIDATORS = [
    MinValueValidator(FIRST_YEAR, message=YEAR_MESSAGE),
    MaxValueValidator(LAST_YEAR, message=YEAR_MESSAGE),
]


class Edition(models.Model):
    """One year's Forum cycle (e.g. GFMD 2014, Stockholm). Ordered by `ordinal`.

    The troika is derived from this order (see selectors.editions.troika_for_edition);
    it is never stored.
    """

    ordinal = models.PositiveSmallIntegerField(
        _("ordinal"), unique=True, help_text=_("1 for GFMD 2007, ...")
    )
    year_start = models.PositiveSmallIntegerField(_("year start"), validators=YEAR_VALIDATORS)
    year_end = models.PositiveSmallIntegerField(
        _("year end"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Only when the chairmanship spans two years."),
    )
    title = models.CharField(_("title"), max_length=200, validators=[validate_visible_text])
    title_fr = models.CharField(
        _("title (French)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    title_es = models.CharField(
        _("title (Spanish)"), max_length=200, blank=True, validators=[validate_visible_text]
    )
    theme = models.TextField(_("theme"), blank=True)
    theme_fr = models.TextField(_("theme (French)"), blank=True)
    theme_es = models.TextField(_("theme (Spanish)"), blank=True)
    start_date = models.DateField(
        _("start date"), null=True, blank=True, help_text=_("Forum meeting start.")
    )
    end_date = models.DateField(_("end date"), null=True, blank=True)
    venue_city = models.CharField(_("venue city"), max_length=100, blank=True)
    venue_country = models.ForeignKey(
        "gfmd.Country",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("venue country"),
    )
    is_public = models.BooleanField(
        _("is public"),
        default=True,
        help_text=_("Listed publicly (anonymous users see public editions)."),
    )
    chairs = models.ManyToManyField(
        "gfmd.Country",
        through="gfmd.EditionChair",
        related_name="chaired_editions",
        verbose_name=_("chairs"),
    )

    class Meta:
        verbose_name = _("edition")
        verbose_name_plural = _("editions")
        ordering = ["ordinal"]
        constraints = [
            visible_text_constraint("title", "edition_title_visible"),
            CheckConstraint(
                condition=Q(ordinal__gte=1),
                name="edition_ordinal_positive",
                violation_error_message=_("The ordinal number starts at 1."),
            ),
            CheckConstraint(
                condition=Q(year_start__gte=FIRST_YEAR, year_start__lte=LAST_YEAR),
                name="edition_year_plausible",
                violation_error_message=YEAR_MESSAGE,
            ),
            CheckConstraint(
                condition=Q(year_end__isnull=True) | Q(year_end__gt=F("year_start")),
                name="edition_years_ordered",
                violation_error_message=_("The end year must come after the start year."),
            ),
            CheckConstraint(
                condition=Q(year_end__isnull=True) | Q(year_end__lte=F("year_start") + 1),
                name="edition_spans_at_most_two_years",
                violation_error_message=_("An edition spans at most two calendar years."),
            ),
            CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="edition_dates_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def years_label(self) -> str:
        return f"{self.year_start}-{self.year_end}" if self.year_end else str(self.year_start)

    def clean(self):
        # A chair's Forum meeting may slip into the following January (Quito, January
        # 2020, closed Ecuador's 2019 chairmanship), so allow one year past the last.
        errors = {}
        last_year = (self.year_end or self.year_start or 0) + 1
        for field in ("start_date", "end_date"):
            value = getattr(self, field)
            if value and self.year_start and not (self.year_start <= value.year <= last_year):
                errors[field] = _(
                    "The date must fall within the edition's years (%(years)s) or the year after."
                ) % {"years": self.years_label}
        if errors:
            raise ValidationError(errors)


def term_range():
    """The chairmanship term as a closed date range (open-ended while `term_end` is empty)."""
    return Func(
        F("term_start"),
        F("term_end"),
        Value("[]"),
        function="daterange",
        output_field=DateRangeField(),
    )


class EditionChair(models.Model):
    """A chairing government of an edition; several rows mean a joint chairmanship.

    The term (`term_start`, `term_end`) is the chairmanship on dates (Colombia's began on
    1 April 2024); historic chairs recorded by year have none. Terms of different editions
    never overlap (joint chairs of one edition share theirs); the troika on a date follows
    them (selectors.editions.troika_on).
    """

    edition = models.ForeignKey(
        "gfmd.Edition",
        on_delete=models.CASCADE,
        related_name="chair_links",
        verbose_name=_("edition"),
    )
    country = models.ForeignKey(
        "gfmd.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    term_start = models.DateField(
        _("term start"), null=True, blank=True, help_text=_("The day the chairmanship begins.")
    )
    term_end = models.DateField(
        _("term end"),
        null=True,
        blank=True,
        help_text=_("The last day of the chairmanship; empty while it runs."),
    )

    class Meta:
        verbose_name = _("edition chair")
        verbose_name_plural = _("edition chairs")
        ordering = ["edition__ordinal", "country__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "country"],
                name="editionchair_unique",
                violation_error_message=_("This government already chairs this edition."),
            ),
            CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_start__isnull=False),
                name="editionchair_term_end_needs_start",
                violation_error_message=_("Give the term's start before its end."),
            ),
            CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gt=F("term_start")),
                name="editionchair_term_ordered",
                violation_error_message=_("The term must end after it starts."),
            ),
            PostgresExclusionConstraint(
                name="editionchair_terms_no_overlap",
                expressions=[("edition", RangeOperators.NOT_EQUAL), (term_range(), "&&")],
                condition=Q(term_start__isnull=False),
                violation_error_message=_(
                    "Another edition's chairmanship term overlaps these dates."
                ),
            ),
        ]

    def __str__(self) -> str:
        return _("%(country)s chairs %(edition)s") % {
            "country": self.country,
            "edition": self.edition,
        }

    def clean(self):
        if self.country_id and not self.country.is_state:
            raise ValidationError(
                {
                    "country": _("%(country)s is not a state; only governments chair the Forum.")
                    % {"country": self.country}
                }
            )
        if self.term_start and self.edition_id:
            others = EditionChair.objects.filter(term_start__isnull=False).exclude(
                edition_id=self.edition_id
            )
            others = others.filter(Q(term_end__isnull=True) | Q(term_end__gte=self.term_start))
            if self.term_end:
                others = others.filter(term_start__lte=self.term_end)
            if others.exists():
                raise ValidationError(
                    {"term_start": _("Another edition's chairmanship term overlaps these dates.")}
                )
