"""Selectors' `keys_only` querysets (for lists whose payload an output spec writes): the
same records in the same order for every caller as the full selector, without the joins,
prefetches and annotations only model instances would use."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from civil_society.selectors.records import applications_for_user
from gfmd.models import FocalPoint
from roundtables.selectors.papers import inputs_for_user
from roundtables.selectors.programme import sessions_for_user

pytestmark = pytest.mark.django_db

SELECTORS = [sessions_for_user, inputs_for_user, applications_for_user]


def _callers():
    users = get_user_model().objects
    focal = FocalPoint.objects.exclude(country=None).order_by("id").first().user
    org = FocalPoint.objects.exclude(organisation=None).order_by("id").first().user
    return [users.get(username="staff"), focal, org, AnonymousUser()]


@pytest.mark.parametrize("selector", SELECTORS, ids=lambda s: s.__name__)
def test_same_keys_in_the_same_order_for_every_caller(demo, selector):
    for user in _callers():
        full = list(selector(user).values_list("pk", flat=True))
        keys = list(selector(user, keys_only=True).values_list("pk", flat=True))
        assert keys == full, user
        assert full or user.is_anonymous or selector is applications_for_user


@pytest.mark.parametrize("selector", SELECTORS, ids=lambda s: s.__name__)
def test_no_join_prefetch_or_annotation_a_key_does_not_need(demo, selector):
    staff = get_user_model().objects.get(username="staff")
    queryset = selector(staff, keys_only=True)
    assert not queryset.query.select_related
    assert not queryset._prefetch_related_lookups
    assert not queryset.query.annotations
    sql = str(queryset.values("pk").query)
    assert "GROUP BY" not in sql  # joins left are the ordering's and the scope's
    if selector is applications_for_user:  # the review total's join is gone
        assert "JOIN" not in sql and "GROUP BY" in str(selector(staff).values("pk").query)
