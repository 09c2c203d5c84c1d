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


class _Mailbox:
    """The messages a local SMTP server (aiosmtpd) received, parsed as e-mail."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str):
        return [m for rcpts, m in self.messages if address in rcpts]


@pytest.fixture
def smtp_server(settings):
    """A real SMTP server on a free loopback port; Django sends to it through its SMTP backend, and
    the jobs run at once (django-tasks' immediate backend), so a test reads back what was sent."""
    import socket

    import django_tasks.signals  # noqa: F401 - resets the task backends when TASKS is overridden
    from aiosmtpd.controller import Controller

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = _Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.TDKT_PUBLIC_URL = "https://thiduakhenthuong.hanam.gov.vn"
    yield mailbox
    controller.stop()
