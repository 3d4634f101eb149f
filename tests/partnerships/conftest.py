import pytest

from tests.factories import EditionFactory


@pytest.fixture
def edition(db):
    return EditionFactory()
