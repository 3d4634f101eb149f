import pytest

from tests.registration.factories import summit as make_summit


@pytest.fixture
def summit(db):
    """An open Summit registration (tests/registration/factories.py::summit)."""
    return make_summit()
