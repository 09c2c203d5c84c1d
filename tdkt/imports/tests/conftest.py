import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT, never to the project's var/ directory; the
    persona users' passwords are hashed cheaply (the slow default hasher dominated test time)."""
    settings.MEDIA_ROOT = tmp_path / "files"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
