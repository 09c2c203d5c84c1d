"""The public pages' limits: an upload too large is refused before its body is read (413), and
anonymous writes (verification uploads, disclosure comments) are rate-limited in the database (429),
in Vietnamese."""
import io

import pytest

from tdkt.core import clock
from tdkt.core.models import RateBucket
from tdkt.dossiers.services import council as council_services, decisions
from tdkt.testing import is_vietnamese, login

from .factories import council, ready_dossier
from .test_pages import voted

pytestmark = pytest.mark.django_db
GIB = 1024 ** 3


class CountingStream(io.RawIOBase):
    """A 1 GiB request body made on demand, counting what the server reads of it."""

    def __init__(self, size):
        self.size, self.read_bytes = size, 0

    def readable(self):
        return True

    def read(self, n=-1):
        n = self.size - self.read_bytes if n is None or n < 0 else min(n, self.size - self.read_bytes)
        self.read_bytes += n
        return b"x" * n

    def readline(self, limit=-1):
        return self.read(min(limit, 65536) if limit and limit > 0 else 65536)


def post_stream(client, path, stream, content_type="multipart/form-data; boundary=BoUnDaRy"):
    return client.generic("POST", path, b"", content_type=content_type,
                          **{"wsgi.input": stream, "CONTENT_LENGTH": str(stream.size)})


def test_upload_limit_is_enforced_while_the_body_arrives(client, settings):
    stream = CountingStream(GIB)
    response = post_stream(client, "/xac-minh/", stream)
    assert response.status_code == 413
    body = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in body and "20 MB" in body
    assert stream.read_bytes == 0  # refused from the Content-Length, before reading the body
    api = post_stream(client, "/api/dossiers", CountingStream(GIB), content_type="application/json")
    assert api.status_code == 413 and is_vietnamese(api.json()["detail"])
    # Just under the limit the page reads the form as usual (and refuses the non-PDF in words).
    settings.TDKT_MAX_UPLOAD_BYTES = 2048
    from django.core.files.uploadedfile import SimpleUploadedFile

    ok = client.post("/xac-minh/", {"file": SimpleUploadedFile("bang.pdf", b"x" * 1000)})
    assert ok.status_code == 200


def test_rate_limit_on_anonymous_verification_uploads(client, settings, world):
    settings.TDKT_ANON_WRITES_PER_HOUR = 3
    for _ in range(3):
        assert client.post("/xac-minh/", {}).status_code == 200
    refused = client.post("/xac-minh/", {})
    assert refused.status_code == 429
    assert "quá nhiều lần" in refused.content.decode() and int(refused["Retry-After"]) > 0
    # Counted in the database (one row per client, action and hour), so every worker process sees it.
    [bucket] = RateBucket.objects.filter(key__startswith="anon:verify:127.0.0.1:")
    assert bucket.count == 4
    # Another address, a reading, or a logged-in user is not held back.
    assert client.post("/xac-minh/", {}, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get("/xac-minh/").status_code == 200
    assert login(world.officer).post("/xac-minh/", {}).status_code == 200
    # A later window starts a new count.
    clock.travel(1)
    assert client.post("/xac-minh/", {}).status_code == 200


def test_rate_limit_on_anonymous_disclosure_comments(client, settings, world):
    settings.TDKT_ANON_WRITES_PER_HOUR = 2
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"person": world.person_a}, "BK_TINH")])
    members = council(3)
    session = voted(world, dossier, members)
    for m in members:
        council_services.cast_ballot(m, session.items.get(), "agree")
    council_services.close_session(world.officer, session)
    decisions.start_disclosure(world.officer, dossier)
    comment = {"author_name": "Trần Văn Dân", "contact": "0912345678", "content": "Đồng ý với danh sách"}
    for _ in range(2):
        assert client.post(f"/cong-khai/{dossier.pk}/", comment).status_code == 302
    assert client.post(f"/cong-khai/{dossier.pk}/", comment).status_code == 429
    assert dossier.comments.count() == 2
