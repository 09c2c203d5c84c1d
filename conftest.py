"""Shared fixtures: the persona world, built once per test, and fast password hashing."""
import pytest


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing():
    """Test passwords need no brute-force resistance; PBKDF2 would dominate the suite's time."""
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    from tdkt.testing import make_world

    return make_world()


@pytest.fixture(autouse=True, scope="session")
def _private_files(tmp_path_factory):
    """Uploaded and generated files go to a temporary directory, never to var/files."""
    from django.conf import settings

    settings.MEDIA_ROOT = str(tmp_path_factory.mktemp("files"))
    # One demonstration signer for the run; documents are made in the test's own thread and process.
    settings.TDKT_SIGNER_DIR = tmp_path_factory.mktemp("signer")
    settings.TDKT_DOCUMENTS_IN_BACKGROUND = False
    settings.TDKT_CERTIFICATE_WORKERS = 1


@pytest.fixture(autouse=True)
def _real_clock():
    """A test that moves the clock (tdkt.core.clock.travel) leaves it as it found it."""
    from tdkt.core import clock

    yield
    clock.reset()


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_at_once():
    """Jobs run inside the call that queues them (django-tasks' immediate backend), once the
    transaction commits; the tests of the worker itself (tests/test_worker.py) queue them in the
    database and start a real `tdkt worker`."""
    from django.test.utils import override_settings

    override = override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}})
    override.enable()
    yield
    override.disable()
