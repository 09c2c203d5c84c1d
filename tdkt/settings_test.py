"""The settings the test suite runs with: tdkt.settings with a test-only secret key and public
address when the environment gives none (a fresh clone has no var/installation.json), set in the
environment so that the commands tests start in a subprocess read the same."""
import os

os.environ.setdefault("TDKT_SECRET_KEY", "test-only-secret-key-" + "x7Qp3Lm9Zr" * 5)
os.environ.setdefault("TDKT_PUBLIC_URL", "http://127.0.0.1:8000")

from tdkt.settings import *  # noqa: E402,F403
