"""Tagging content with GCM objectives and SDG targets, the per-edition policy, opt-outs.

`tags_set` is the one write path for tags of every registered subject (this app's, the
roundtables' and civil society's, and those other apps register: practices, outcome
documents). It replaces the subject's tags of each scheme given.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from gfmd.platform.errors import ConflictError, DomainError
from gfmd.platform.services.activity import log_action
from gfmd.platform.services.records import record_delete, record_save
from outcomes.enums import Scheme
from outcomes.models import EditionTagging, Objective, ReportingOptOut, SDGTarget
from outcomes.registry import SUBJECTS, TagSubject


def subject_edition_id(subject: TagSubject, obj) -> int | None:
    model = subject.subject_model()
    return (
        model._default_manager.filter(pk=obj.pk)
        .values_list(f"{subject.edition_path}__id", flat=True)
        .first()
    )


def schemes_on(edition_id: int | None) -> set[str]:
    if edition_id is None:  # content tied to no edition: the policy does not apply
        return set(Scheme.values)
    return set(
        EditionTagging.objects.filter(edition_id=edition_id).values_list("scheme", flat=True)
    )


@transaction.atomic
def tags_set(
    *,
    actor,
    subject: TagSubject,
    obj,
    objectives: list[int] | None = None,
    sdg_targets: list[str] | None = None,
) -> dict:
    """Replace `obj`'s GCM tags (when `objectives` is given) and SDG tags (when
    `sdg_targets` is given). Refused for a scheme the edition's policy has off."""
    model = subject.subject_model()
    # One writer per subject at a time: the lock orders concurrent replacements.
    model._default_manager.select_for_update().filter(pk=obj.pk).exists()
    edition_id = subject_edition_id(subject, obj)
    allowed = schemes_on(edition_id)
    wanted: dict[str, list] = {}
    if objectives is not None:
        numbers = sorted(set(objectives))
        found = dict(Objective.objects.filter(number__in=numbers).values_list("number", "id"))
        unknown = [n for n in numbers if n not in found]
        if unknown:
            raise DomainError(
                _("Unknown GCM objective: %(numbers)s.")
                % {"numbers": ", ".join(map(str, unknown))},
                field="objectives",
            )
        if numbers and Scheme.GCM not in allowed:
            raise DomainError(
                _("Tagging with GCM objectives is off for this edition."),
                field="objectives",
                code="tagging_off",
            )
        wanted[Scheme.GCM] = [found[n] for n in numbers]
    if sdg_targets is not None:
        codes = sorted(set(sdg_targets))
        found = dict(SDGTarget.objects.filter(code__in=codes).values_list("code", "id"))
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise DomainError(
                _("Unknown SDG target: %(codes)s.") % {"codes": ", ".join(unknown)},
                field="sdg_targets",
            )
        if codes and Scheme.SDG not in allowed:
            raise DomainError(
                _("Tagging with SDG targets is off for this edition."),
                field="sdg_targets",
                code="tagging_off",
            )
        wanted[Scheme.SDG] = [found[c] for c in codes]
    tag_class = subject.tag_class()
    before = tags_of(subject, obj)
    for scheme, ids in wanted.items():
        column = "objective_id" if scheme == Scheme.GCM else "sdg_target_id"
        tag_class.objects.filter(subject_id=obj.pk, scheme=scheme).exclude(
            **{f"{column}__in": ids}
        ).delete()
        present = set(
            tag_class.objects.filter(subject_id=obj.pk, scheme=scheme).values_list(
                column, flat=True
            )
        )
        tag_class.objects.bulk_create(
            [
                tag_class(
                    subject_id=obj.pk,
                    scheme=scheme,
                    edition_id=edition_id,
                    tagged_by=_user(actor),
                    **{column: ref_id},
                )
                for ref_id in ids
                if ref_id not in present
            ]
        )
    after = tags_of(subject, obj)
    if after != before:
        log_action(actor, obj, "outcomes.tags_set", {"from": before, "to": after})
    return after


def tags_of(subject: TagSubject, obj) -> dict:
    rows = subject.tag_class().objects.filter(subject_id=obj.pk)
    return {
        "objectives": sorted(
            n for n in rows.values_list("objective__number", flat=True) if n is not None
        ),
        "sdg_targets": sorted(
            c for c in rows.values_list("sdg_target__code", flat=True) if c is not None
        ),
    }


def _user(actor):
    return actor if getattr(actor, "is_authenticated", False) else None


@transaction.atomic
def tagging_policy_switch(*, actor, edition, scheme: str, on: bool) -> EditionTagging | None:
    """Switch tagging with `scheme` on or off for `edition`. Off is refused while content
    of the edition carries tags of that scheme (the database refuses it too)."""
    if scheme not in Scheme.values:
        raise DomainError(_("Unknown tagging scheme."), field="scheme")
    current = (
        EditionTagging.objects.select_for_update().filter(edition=edition, scheme=scheme).first()
    )
    if on:
        if current is not None:
            return current
        return record_save(
            actor=actor,
            instance=EditionTagging(edition=edition, scheme=scheme, switched_on_by=_user(actor)),
        )
    if current is None:
        return None
    for subject in SUBJECTS.values():
        if subject.tag_class().objects.filter(edition=edition, scheme=scheme).exists():
            raise ConflictError(
                _(
                    "Content of this edition is still tagged (%(kind)s); remove those tags "
                    "before switching the tagging off."
                )
                % {"kind": subject.label},
                code="tags_exist",
            )
    record_delete(actor=actor, instance=current)
    return None


def optout_record(*, actor, country, edition=None, reason: str = "") -> ReportingOptOut:
    return record_save(
        actor=actor,
        instance=ReportingOptOut(
            country=country, edition=edition, reason=reason, recorded_by=_user(actor)
        ),
    )


def optout_remove(*, actor, optout: ReportingOptOut) -> None:
    record_delete(actor=actor, instance=optout)
