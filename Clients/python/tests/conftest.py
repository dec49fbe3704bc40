"""Fixtures of the client suites (helpers are in support.py)."""

import pytest

from support import Daemon


@pytest.fixture(scope="module")
def daemon():
    d = Daemon().start()
    yield d
    d.cleanup()


@pytest.fixture
def fresh_daemon():
    """A daemon of the test's own, for tests that stop and start it."""
    d = Daemon().start()
    yield d
    d.cleanup()
