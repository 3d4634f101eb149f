"""Tagging with GCM objectives and SDG targets: optional per edition, enforced twice."""

import pytest
from django.db import IntegrityError, transaction

from gfmd.platform.errors import ConflictError, DomainError
from outcomes.enums import Scheme
from outcomes.models import EditionTagging, InputTag, Objective, SDGTarget, SessionTag
from outcomes.registry import subject_for
from outcomes.services.reference import reference_load
from outcomes.services.tagging import tagging_policy_switch, tags_of, tags_set
from tests.factories import country
from tests.outcomes.factories import policy_on
from tests.roundtables.factories import SessionFactory, add_input

pytestmark = pytest.mark.django_db


def test_reference_data_is_loaded_once_and_keeps_staff_translations():
    assert Objective.objects.count() == 23
    assert (
        SDGTarget.objects.filter(code__in=["10.7", "10.c", "8.8", "5.2", "16.2", "17.18"]).count()
        == 6
    )
    seven = Objective.objects.get(number=7)
    seven.title_fr = "Réduire les vulnérabilités (texte saisi par le personnel)"
    seven.save()
    assert reference_load() == {"objectives": 23, "targets": 10}
    seven.refresh_from_db()
    assert seven.title_fr.startswith("Réduire")
    assert Objective.objects.count() == 23
    assert Objective.objects.get(number=20).short_title_es == "Remesas"


def test_tagging_refused_when_the_edition_policy_is_off(staff):
    session = SessionFactory()
    with pytest.raises(DomainError) as refused:
        tags_set(actor=staff, subject=subject_for("session"), obj=session, objectives=[7])
    assert refused.value.code == "tagging_off"
    assert not SessionTag.objects.exists()


def test_tagging_on_for_gcm_only_refuses_sdg(staff):
    session = SessionFactory()
    policy_on(session.roundtable.edition, Scheme.GCM)
    result = tags_set(
        actor=staff, subject=subject_for("session"), obj=session, objectives=[7, 23, 7]
    )
    assert result == {"objectives": [7, 23], "sdg_targets": []}
    with pytest.raises(DomainError):
        tags_set(actor=staff, subject=subject_for("session"), obj=session, sdg_targets=["10.7"])
    # replacing the set removes what is no longer named
    tags_set(actor=staff, subject=subject_for("session"), obj=session, objectives=[23])
    assert tags_of(subject_for("session"), session)["objectives"] == [23]


def test_unknown_objective_is_a_field_error(staff):
    session = SessionFactory()
    policy_on(session.roundtable.edition)
    with pytest.raises(DomainError) as refused:
        tags_set(actor=staff, subject=subject_for("session"), obj=session, objectives=[24])
    assert refused.value.field == "objectives"


def test_input_tag_takes_the_edition_of_its_session(staff):
    session = SessionFactory()
    policy_on(session.roundtable.edition)
    contribution = add_input(session.paper, country=country("DEU"))
    tags_set(actor=staff, subject=subject_for("input"), obj=contribution, sdg_targets=["10.7"])
    assert InputTag.objects.get().edition_id == session.roundtable.edition_id


def test_database_refuses_a_tag_for_an_edition_with_the_policy_off():
    session = SessionFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionTag.objects.create(
            subject=session,
            scheme=Scheme.GCM,
            objective=Objective.objects.get(number=1),
            edition=session.roundtable.edition,
        )


def test_database_refuses_a_tag_naming_both_references():
    session = SessionFactory()
    policy_on(session.roundtable.edition)
    with pytest.raises(IntegrityError), transaction.atomic():
        SessionTag.objects.create(
            subject=session,
            scheme=Scheme.GCM,
            objective=Objective.objects.get(number=1),
            sdg_target=SDGTarget.objects.get(code="10.7"),
            edition=session.roundtable.edition,
        )


def test_database_refuses_switching_off_a_policy_in_use(staff):
    session = SessionFactory()
    edition = session.roundtable.edition
    policy_on(edition, Scheme.GCM)
    tags_set(actor=staff, subject=subject_for("session"), obj=session, objectives=[2])
    with pytest.raises(ConflictError):
        tagging_policy_switch(actor=staff, edition=edition, scheme=Scheme.GCM, on=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        EditionTagging.objects.filter(edition=edition).delete()
    tags_set(actor=staff, subject=subject_for("session"), obj=session, objectives=[])
    tagging_policy_switch(actor=staff, edition=edition, scheme=Scheme.GCM, on=False)
    assert not EditionTagging.objects.filter(edition=edition).exists()
