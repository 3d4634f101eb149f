"""One permission class for every API view: it asks the rules in <app>/rules.py.

Each view action maps to a permission name: list/retrieve -> view, create -> add,
update -> change, destroy -> delete. A view (or a mixin it inherits) adds or overrides
names with ONE spelling, a class dict `permission_map = {action: permission name}`
(e.g. {"troika": "gfmd.view_troika"}); the dicts along the class's bases are merged, the
most derived winning. Workflow actions take theirs from the transition table
(`permission_map = {**TABLE.permissions(), ...}`). The admin asks the same names.
Objects outside the caller's reach never get here: querysets come from selectors,
so they are 404 before any 403.
"""

from functools import cache

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.permissions import BasePermission
from rules import Predicate
from rules.permissions import permissions as rule_set

VERB_BY_ACTION = {
    "list": "view",
    "retrieve": "view",
    "create": "add",
    "update": "change",
    "partial_update": "change",
    "destroy": "delete",
    "metadata": "view",
}


@cache
def permission_map_of(view_class) -> dict[str, str]:
    """The class's `permission_map` merged with its bases' (e.g. ActivityMixin's)."""
    merged: dict[str, str] = {}
    for klass in reversed(view_class.__mro__):
        merged.update(vars(klass).get("permission_map", {}))
    return merged


def permission_for(view) -> str | None:
    action = getattr(view, "action", None)
    mapping = permission_map_of(type(view))
    if action in mapping:
        return mapping[action]
    verb = VERB_BY_ACTION.get(action)
    queryset = getattr(view, "queryset", None)
    model = queryset.model if queryset is not None else None
    if verb is None or model is None:
        return None  # an unmapped action is refused, never allowed by accident
    return f"{model._meta.app_label}.{verb}_{model._meta.model_name}"


@cache
def rule_reads_object(perm: str | None) -> bool:
    """Whether the rule of `perm` may read the object it is asked about. A rule of the
    user alone decides the same for any object, so a detail read in one statement can be
    checked without building the record (SpecListMixin.retrieve)."""
    if perm is None or perm not in rule_set:
        return False  # refused, or asked of ModelBackend, which refuses any object
    return _reads_object(rule_set[perm])


def _reads_object(predicate) -> bool:
    # Combined predicates (a | b, a & b, a ^ b, ~a) are functions of *args holding their
    # parts in their closure; anything else not understood counts as reading the object.
    if not isinstance(predicate, Predicate):
        return True
    if not predicate.var_args:
        return predicate.num_args > 1
    if predicate.fn.__name__ not in ("AND", "OR", "XOR", "INVERT"):
        return True
    parts = [cell.cell_contents for cell in predicate.fn.__closure__ or ()]
    parts = [part for part in parts if isinstance(part, Predicate)]
    return not parts or any(_reads_object(part) for part in parts)


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def scope_for(view, request) -> str:
    """The OAuth2 scope an action needs: per-view `required_scopes`, else read / write."""
    scopes = getattr(view, "required_scopes", None) or {}
    action = getattr(view, "action", None)
    if action in scopes:
        return scopes[action]
    return "read" if request.method in SAFE_METHODS else "write"


class RulesPermission(BasePermission):
    message = _("You do not have permission to perform this action.")

    def has_permission(self, request, view) -> bool:
        # DRF checks permissions before it looks for the method's handler, so a method
        # the view does not offer was refused as a 403 (an unmapped action); say 405.
        if request.method.upper() not in view.allowed_methods:
            raise MethodNotAllowed(request.method)
        perm = permission_for(view)
        if perm is None:
            return False
        token = request.auth
        if hasattr(token, "allow_scopes"):  # an OAuth2 access token: scopes bound it too
            scope = scope_for(view, request)
            if not token.allow_scopes([scope]):
                self.message = _("This token lacks the '%(scope)s' scope.") % {"scope": scope}
                return False
        if getattr(view, "detail", False) and getattr(view, "action", None) != "metadata":
            # Decided per object in has_object_permission, after the scoped lookup (404).
            return True
        return request.user.has_perm(perm)

    def reads_object(self, view) -> bool:
        return rule_reads_object(permission_for(view))

    def has_object_permission(self, request, view, obj) -> bool:
        perm = permission_for(view)
        return perm is not None and request.user.has_perm(perm, obj)
