import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    """Uploaded files go to a temporary MEDIA_ROOT, never to the project's var/ directory."""
    settings.MEDIA_ROOT = tmp_path / "files"
