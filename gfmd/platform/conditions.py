"""Scope conditions as the rules build them, without the parts that can match nothing.

A caller's scope is an OR of grants, most of them `field__in=<ids of a reach>`; for a
given caller many of those sets are empty. Django already leaves such a term out of the
SQL, but only after building each one into the query (joins, lookups, values): the
largest part of a write's object lookup for a focal point. `pruned` drops them first."""

from django.db.models import Q

_COLLECTIONS = (list, tuple, set, frozenset)


_EMPTY = object()  # marker: a subtree that can match no row


def _matches_nothing(child) -> bool:
    name, value = child
    return name.endswith("__in") and isinstance(value, _COLLECTIONS) and not value


def _prune(q: Q):
    if q.negated:  # NOT of nothing is everything: left as it is
        return q
    children = []
    for child in q.children:
        if isinstance(child, Q):
            child = _prune(child)
        if child is _EMPTY or (isinstance(child, tuple) and _matches_nothing(child)):
            if q.connector == Q.AND:
                return _EMPTY
            continue
        children.append(child)
    if not children and q.children:
        return _EMPTY
    pruned = Q()
    pruned.connector = q.connector
    pruned.children = children
    return pruned


def pruned(q: Q) -> Q:
    """`q` without the terms that match no row (`x__in=<empty>`): the same rows, less to
    build. An AND with such a term matches nothing, and so does an OR of nothing but
    them; a negated subtree is kept whole."""
    result = _prune(q)
    return Q(pk__in=[]) if result is _EMPTY else result  # Django runs no statement for it
