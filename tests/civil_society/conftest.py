import pytest

from tests.civil_society.factories import CommitteeMemberFactory, CSDEditionFactory, PolicyFactory


@pytest.fixture
def csd(db):
    return CSDEditionFactory()


@pytest.fixture
def reviewer(csd):
    """An advisory committee member (reviewer) of `csd`."""
    return CommitteeMemberFactory(csd_edition=csd)


@pytest.fixture
def policy(csd):
    return PolicyFactory(csd_edition=csd)
