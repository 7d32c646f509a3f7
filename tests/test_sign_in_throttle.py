"""The sign-in throttle: guessing one name pauses that name; colleagues behind one office
address are not locked out by one person's slips, but many names tried from one address are."""

from __future__ import annotations

from tests.conftest import Clock
from werkboek.signin.throttle import FIRST_WAIT, Throttle, address_key, name_key

OFFICE = address_key("192.0.2.10")


def test_five_wrong_passphrases_pause_that_name_only():
    clock = Clock(start=1000.0)
    throttle = Throttle(clock=clock)
    for _ in range(5):
        assert not throttle.blocked(name_key("GW-1"), OFFICE)
        throttle.failed(name_key("GW-1"), OFFICE)
    assert throttle.blocked(name_key("GW-1"), OFFICE)
    assert throttle.blocked(name_key(" gw-1 "), OFFICE)  # the same name, typed otherwise
    assert not throttle.blocked(name_key("GW-2"), OFFICE)  # a colleague at the same office
    clock.now += FIRST_WAIT + 1
    assert not throttle.blocked(name_key("GW-1"), OFFICE)


def test_many_names_from_one_address_pause_that_address():
    throttle = Throttle(clock=Clock(start=1000.0))
    for n in range(30):
        throttle.failed(name_key(f"geraden-{n}"), OFFICE)
    assert throttle.blocked(name_key("GW-2"), OFFICE)
    assert not throttle.blocked(name_key("GW-2"), address_key("192.0.2.99"))


def test_a_success_forgives_the_name_but_not_the_address():
    throttle = Throttle(clock=Clock(start=1000.0))
    for n in range(30):
        throttle.failed(name_key(f"geraden-{n}"), OFFICE)
    for _ in range(5):
        throttle.failed(name_key("Eigen-1"), OFFICE)
    throttle.succeeded("Eigen-1")  # an attacker signing in with an account of their own
    assert not throttle.blocked(name_key("Eigen-1"))
    assert throttle.blocked(name_key("GW-2"), OFFICE)
