"""Signed QR payloads: short, purpose-bound, tamper-evident."""

import pytest

from gfmd.platform.errors import DomainError
from gfmd.platform.signing import sign_reference, verify_reference


def test_payload_round_trips_and_is_short():
    payload = sign_reference(purpose="badge", object_id=1234, version=2)
    assert len(payload) < 60
    ref = verify_reference(payload, purpose="badge")
    assert (ref.object_id, ref.version) == (1234, 2)


@pytest.mark.parametrize(
    "mutate",
    [
        lambda p: p.replace("1234.2", "1235.2"),  # another badge
        lambda p: p.replace("1234.2", "1234.3"),  # another version
        lambda p: p[:-1] + ("A" if p[-1] != "A" else "B"),  # signature changed
        lambda p: p.split(":")[0],  # no signature
        lambda p: "",
        lambda p: "x" * 500,
    ],
)
def test_tampered_payload_refused(mutate):
    payload = sign_reference(purpose="badge", object_id=1234, version=2)
    with pytest.raises(DomainError):
        verify_reference(mutate(payload), purpose="badge")


def test_payload_for_another_purpose_refused():
    payload = sign_reference(purpose="badge", object_id=1, version=1)
    with pytest.raises(DomainError):
        verify_reference(payload, purpose="ticket")
