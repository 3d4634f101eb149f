"""Transition tables: every workflow's allowed state changes, as data (platform layer).

Each app declares its tables in its `enums.py`, next to the state enum, with
`TransitionTable(model_label, field, *transitions)`. The one guard (`TransitionTable.check`)
is called only by the engine (`gfmd.platform.services.transitions.transition_run`), and
the admin and the API ask `allowed_transitions(obj, user)` which actions to offer: all read the
same table.

Imports no model and no domain app, so `enums.py` modules can import it.
"""

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gfmd.platform.errors import ConflictError, DomainError

# model label ("roundtables.workingpaper") -> its table; filled as enums modules load.
TABLES: dict[str, "TransitionTable"] = {}


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    # The permission (django-rules name) a user needs; "" = the service decides alone.
    perm: str = ""


class TransitionTable(dict):
    """name -> Transition for one model's state field (a dict, so `table[name]` reads it)."""

    def __init__(self, model: str, field: str, *transitions: Transition):
        super().__init__((t.name, t) for t in transitions)
        self.model = model
        self.field = field
        TABLES[model] = self

    def state(self, obj) -> str:
        return getattr(obj, self.field)

    def named(self, name: str) -> Transition:
        transition = self.get(name)
        if transition is None:
            raise DomainError(
                gettext("Unknown operation '%(name)s'.") % {"name": name},
                code="unknown_transition",
            )
        return transition

    def permissions(self) -> dict[str, str]:
        """action -> permission name, for an API view's `permission_map` (one action per
        transition, named like it)."""
        return {t.name: t.perm for t in self.values()}

    def leading_to(self, state: str, target: str) -> Transition | None:
        """The transition from `state` to `target` (tables keyed by target use this)."""
        for transition in self.values():
            if transition.target == target and state in transition.sources:
                return transition
        return next((t for t in self.values() if t.target == target), None)

    def check(self, obj, name: str) -> Transition:
        """The one guard: the transition exists and the object's state is one of its sources."""
        transition = self.named(name)
        state = self.state(obj)
        if state in transition.sources:
            return transition
        labels = dict(type(obj)._meta.get_field(self.field).choices)
        raise ConflictError(
            gettext(
                "Cannot %(action)s: %(object)s is %(state)s; this is possible only when "
                "%(allowed)s."
            )
            % {
                "action": str(transition.label).lower(),
                "object": obj,
                "state": str(labels.get(state, state or _("undecided"))).lower(),
                "allowed": gettext(" or ").join(
                    str(labels.get(s, s or _("undecided"))).lower() for s in transition.sources
                ),
            },
            code="invalid_transition",
        )


def table_for(obj) -> TransitionTable:
    return TABLES[obj._meta.label_lower]


def allowed_transitions(obj, user=None, table: TransitionTable | None = None) -> list[Transition]:
    """The transitions the object's state allows next; with a user, only those they may run."""
    table = table if table is not None else table_for(obj)
    state = table.state(obj)
    return [
        t
        for t in table.values()
        if state in t.sources and (user is None or not t.perm or user.has_perm(t.perm, obj))
    ]
