"""`pruned` (gfmd/platform/conditions.py): a scope without its terms that match nothing
selects the same rows for every caller, and builds fewer terms."""

import pytest
from django.db.models import F, Q

from gfmd.platform.conditions import pruned
from roundtables.enums import PaperState
from roundtables.models import Input, PaperVersion, WorkingPaper
from roundtables.selectors import papers as paper_sel
from tests.factories import country
from tests.roundtables.conftest import ROLES
from tests.roundtables.factories import add_input, add_text_version, set_state


def _leaves(q) -> list:
    return [
        leaf
        for child in q.children
        for leaf in (_leaves(child) if isinstance(child, Q) else [child])
    ]


def test_an_empty_in_leaves_an_or_and_empties_an_and():
    q = Q(a__in=[]) | Q(b__in={1}) | (Q(c__in=frozenset()) & Q(d=2)) | Q(e__in=())
    assert pruned(q).children == [("b__in", {1})] and pruned(q).connector == Q.OR


def test_nothing_left_is_the_empty_scope_and_everything_stays_everything():
    assert pruned(Q(a__in=[]) | (Q(b__in=set()) & Q(c=1))) == Q(pk__in=[])
    assert pruned(Q()) == Q()


def test_negated_parts_other_values_and_expressions_are_kept():
    negated = ~Q(a__in=[])  # NOT (nothing) is every row: not for pruning
    q = negated | Q(b=F("c")) | Q(d__in=WorkingPaper.objects.values("id")) | Q(e__in=[])
    assert pruned(q).children == [negated, ("b", F("c")), q.children[2]]


SCOPES = [
    (WorkingPaper, paper_sel.visible_papers_q),
    (PaperVersion, paper_sel.visible_versions_q),
    (Input, paper_sel.visible_inputs_q),
]


@pytest.mark.django_db
@pytest.mark.parametrize("model,scope", SCOPES, ids=lambda v: getattr(v, "__name__", ""))
def test_same_rows_for_every_role_with_fewer_terms(world, monkeypatch, model, scope):
    set_state(world.paper, PaperState.CONSULTATION)
    add_input(world.paper, country=country("BRA"))
    add_text_version(world.paper)
    fewer = 0
    for role in ROLES:
        user = world.users[role]
        kept = scope(user)
        with monkeypatch.context() as m:
            m.setattr(paper_sel, "pruned", lambda q: q)
            whole = scope(user)
        rows = list(model.objects.filter(kept).order_by("pk").values_list("pk", flat=True))
        assert rows == list(
            model.objects.filter(whole).order_by("pk").values_list("pk", flat=True)
        ), role
        fewer += len(_leaves(kept)) < len(_leaves(whole))
    assert fewer >= 3  # most callers' reaches are partly empty: their scopes shrink
