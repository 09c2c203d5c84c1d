"""Shared fixtures: the persona world, built once per test class or function."""
import pytest


@pytest.fixture
def world(db):
    from tdkt.core.testing import make_world

    return make_world()
