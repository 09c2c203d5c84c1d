"""`tdkt backup` and `tdkt restore` (tdkt.core.backup, tdkt.core.restore) on real files and a real
database, SQLite or PostgreSQL as the suite runs: a signed certificate issued here still verifies,
by its QR page and by uploading its PDF, in a fresh installation restored from the archive by the
real command in another process; an archive from an older schema is migrated forward; a damaged,
foreign or newer archive, or a target that holds data, is refused before anything is touched."""
from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tdkt.core.backup import BackupError, create_backup
from tdkt.core.models import AuditEvent
from tdkt.core.restore import restore

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_URL = "https://thiduakhenthuong.hanam.gov.vn"

# Run inside the restored installation: the certificate's QR link and the public verification page,
# through Django's test client, with only what the restore put in TDKT_VAR_DIR / DATABASE_URL.
VERIFY = r"""
import hashlib, io, json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tdkt.settings")
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pypdf import PdfReader
from tdkt.dossiers.models import Certificate

cert = Certificate.objects.get(code=sys.argv[1])
with cert.file.open("rb") as handle:
    data = handle.read()
links = [str(a.get_object()["/A"]["/URI"]) for page in PdfReader(io.BytesIO(data)).pages
         for a in page.get("/Annots") or [] if "/A" in a.get_object() and "/URI" in a.get_object()["/A"]]
qr = next(link for link in links if "/xac-minh/" in link)
client = Client()
page = client.get(qr.split(".gov.vn", 1)[1], secure=True)
upload = client.post("/xac-minh/", {"upload": SimpleUploadedFile("bang.pdf", data, content_type="application/pdf")},
                     secure=True)
print(json.dumps({"qr": qr, "page_status": page.status_code, "page": page.content.decode(),
                  "upload_status": upload.status_code, "upload": upload.content.decode(),
                  "sha256": hashlib.sha256(data).hexdigest()}))
"""


class Target:
    """A fresh installation: an empty TDKT_VAR_DIR and, on PostgreSQL, an empty database of its own."""

    def __init__(self, var_dir: Path):
        self.var_dir, self.database = var_dir, None
        if connection.vendor == "postgresql":
            self.database = f"tdkt_restore_{uuid.uuid4().hex[:10]}"
            _admin(f'CREATE DATABASE "{self.database}"')

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TDKT_", "DATABASE_URL", "DJANGO_"))}
        env.update(TDKT_VAR_DIR=str(self.var_dir), TDKT_PUBLIC_URL=PUBLIC_URL,
                   TDKT_ALLOWED_HOSTS="testserver,thiduakhenthuong.hanam.gov.vn",
                   TDKT_SECRET_KEY=f"khoa-thu-nghiem-{uuid.uuid4().hex}{uuid.uuid4().hex}")
        if self.database:
            db = settings.DATABASES["default"]
            env["DATABASE_URL"] = (f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
                                   f"{db['PORT'] or 5432}/{self.database}")
        return env

    def tdkt(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "tdkt.cli", *args], env=self.env(), cwd=ROOT,
                              capture_output=True, text=True, timeout=600)

    def verify(self, code: str) -> dict:
        done = subprocess.run([sys.executable, "-c", VERIFY, code], env=self.env(), cwd=ROOT,
                              capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout.strip().splitlines()[-1])

    def drop(self):
        if self.database:
            _admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


def _admin(sql: str) -> None:
    import psycopg

    db = settings.DATABASES["default"]
    with psycopg.connect(host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432, user=db["USER"],
                         password=db["PASSWORD"], dbname="postgres", autocommit=True) as admin:
        admin.execute(sql)


@pytest.fixture
def targets(tmp_path):
    made = []

    def make(name: str) -> Target:
        made.append(Target(tmp_path / name))
        return made[-1]

    yield make
    for target in made:
        target.drop()


@pytest.fixture
def own_files(tmp_path, settings):
    """This test's own stored files and signing key, so the archive holds only what it made."""
    settings.MEDIA_ROOT = str(tmp_path / "source-files")
    settings.TDKT_SIGNER_DIR = tmp_path / "source-signer"
    settings.TDKT_PUBLIC_URL = PUBLIC_URL
    return tmp_path


def _issue_certificate():
    """One decision with one signed certificate, committed (pg_dump reads from another session)."""
    from tdkt.awards.models import AwardType
    from tdkt.dossiers.models import Certificate
    from tdkt.dossiers.tests.factories import ready_dossier, sign_and_number, through_disclosure
    from tdkt.rules import catalogue
    from tdkt.testing import make_world

    catalogue.load(AwardType)  # a transactional test starts from empty tables
    world = make_world()
    dossier = ready_dossier(world.clerk_a, world.unit_a, [({"recipient_unit": world.unit_a_child}, "BK_TINH")])
    through_disclosure(world, dossier)
    sign_and_number(world, dossier)  # signed, then numbered by the văn thư (issue 18)
    cert = Certificate.objects.get(dossier=dossier)
    assert cert.file and cert.sha256
    return cert


def _assert_verifies(target: Target, cert) -> None:
    seen = target.verify(cert.code)
    assert seen["qr"] == f"{PUBLIC_URL}/xac-minh/{cert.code}/"
    assert seen["page_status"] == 200 and "còn hiệu lực" in seen["page"] and "Phòng Ngân sách" in seen["page"]
    assert seen["sha256"] == cert.sha256  # the very file the register issued
    assert seen["upload_status"] == 200 and 'data-valid="1"' in seen["upload"]
    assert f"trùng khớp với bằng số {cert.serial}" in seen["upload"]


def test_backup_round_trip_a_certificate_verifies_after_restore_into_an_empty_directory(transactional_db, own_files,
                                                                                        targets):
    cert = _issue_certificate()
    made = create_backup(own_files / "backups")
    assert made.path.stat().st_mode & 0o777 == 0o600  # it holds the signing key
    listed = {entry["path"]: entry for entry in made.manifest["files"]}
    assert listed[f"files/{cert.file.name}"]["sha256"] == cert.sha256
    assert {"signer/signer-key.pem", "signer/signer-cert.pem"} <= set(listed)
    assert made.manifest["database"]["engine"] == connection.vendor
    assert "0001_initial" in made.manifest["migrations"]["dossiers"]
    assert AuditEvent.objects.filter(action="system.backup", object_id=made.path.name).exists()

    fresh = targets("fresh")
    done = fresh.tdkt("restore", str(made.path))
    assert done.returncode == 0, done.stderr
    assert "kích thước và mã SHA-256 đều khớp" in done.stdout
    assert "Đã khôi phục cơ sở dữ liệu" in done.stdout and "Đã khôi phục khóa ký số" in done.stdout
    assert (fresh.var_dir / "signer" / "signer-key.pem").stat().st_mode & 0o777 == 0o600
    _assert_verifies(fresh, cert)

    again = fresh.tdkt("restore", str(made.path))
    assert again.returncode == 1 and "đã có dữ liệu" in again.stderr and "--force" in again.stderr
    forced = fresh.tdkt("restore", "--force", str(made.path))
    assert forced.returncode == 0, forced.stderr
    assert [p.name for p in fresh.var_dir.glob("files.truoc-khoi-phuc-*")] and list(fresh.var_dir.glob("signer.truoc-*"))
    if connection.vendor == "sqlite":
        assert "Đã chuyển cơ sở dữ liệu cũ sang" in forced.stdout
    else:
        assert "bảng có sẵn trong cơ sở dữ liệu" in forced.stdout
    _assert_verifies(fresh, cert)

    # `tdkt backup` itself, on the restored installation while nothing else runs.
    second = fresh.tdkt("backup", "--to", str(own_files / "second"))
    assert second.returncode == 0, second.stderr
    assert "Đã sao lưu vào" in second.stdout and "SHA-256" in second.stdout
    archive = next((own_files / "second").glob("tdkt-*.tar.gz"))
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert {e["path"]: e["sha256"] for e in manifest["files"]}[f"files/{cert.file.name}"] == cert.sha256


def test_a_backup_of_an_older_schema_is_migrated_forward_on_restore(transactional_db, own_files, targets):
    from django.db.migrations.loader import MigrationLoader

    cert = _issue_certificate()
    made = create_backup(own_files / "backups")
    old = targets("old")
    assert old.tdkt("restore", str(made.path)).returncode == 0
    # Take the restored copy back to before an app's latest migration, as an older version left it.
    # A reversal can meet data the older schema cannot hold (a longer value), so take the first app
    # whose latest migration reverses cleanly.
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for app in ("emulation", "org", "dossiers", "core"):
        leaf = graph.leaf_nodes(app)[0]
        parent = next(p for p in graph.node_map[leaf].parents if p[0] == app)
        if old.tdkt("manage", "migrate", app, parent[1], "--no-input").returncode == 0:
            break
    else:
        pytest.fail("no app's latest migration could be reversed")
    older = old.tdkt("backup", "--to", str(own_files / "older"))
    assert older.returncode == 0, older.stderr
    archive = next((own_files / "older").glob("tdkt-*.tar.gz"))

    new = targets("new")
    done = new.tdkt("restore", str(archive))
    assert done.returncode == 0, done.stderr
    assert "Bản sao lưu của phiên bản cũ hơn: đã chạy" in done.stdout
    shown = new.tdkt("manage", "showmigrations", app)
    assert f"[X] {leaf[1]}" in shown.stdout
    _assert_verifies(new, cert)


# -- refusals, before anything is touched ----------------------------------------------------------

@pytest.fixture
def archive(transactional_db, own_files, tmp_path, settings):
    """A small archive of this test database (committed: SQLite's backup cannot read from inside the
    test's own transaction), and an empty place to restore it into."""
    from tdkt.awards.models import AwardType
    from tdkt.rules import catalogue
    from tdkt.testing import make_world

    catalogue.load(AwardType)
    make_world()
    (tmp_path / "source-files").mkdir()
    (tmp_path / "source-files" / "quyet-dinh.pdf").write_bytes(b"%PDF-1.4 noi dung\n%%EOF\n")
    made = create_backup(tmp_path / "backups").path
    settings.VAR_DIR = tmp_path / "target"
    settings.MEDIA_ROOT = str(tmp_path / "target" / "files")
    settings.TDKT_SIGNER_DIR = tmp_path / "target" / "signer"
    return made


def _repack(source: Path, change) -> Path:
    """The same archive with `change(members)` applied to its {name: bytes}."""
    with tarfile.open(source) as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile()}
    change(members)
    out = source.with_name("sua-" + source.name)
    with tarfile.open(out, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


def _manifest_change(fn):
    def change(members):
        manifest = json.loads(members["manifest.json"])
        fn(manifest)
        members["manifest.json"] = json.dumps(manifest).encode()
    return change


def _untouched(tmp_path):
    target = tmp_path / "target"
    return not (target / "files").exists() and not (target / "signer").exists()


def test_a_changed_file_in_the_archive_is_refused_before_anything_is_touched(archive, tmp_path):
    def alter(members):
        members["files/quyet-dinh.pdf"] = members["files/quyet-dinh.pdf"].replace(b"noi dung", b"noi-dung")
    with pytest.raises(BackupError, match="files/quyet-dinh.pdf: mã SHA-256 không khớp"):
        restore(_repack(archive, alter))
    assert _untouched(tmp_path)


def test_a_missing_or_unlisted_file_is_refused(archive, tmp_path):
    def drop_and_add(members):
        del members["files/quyet-dinh.pdf"]
        members["files/la.exe"] = b"MZ"
    with pytest.raises(BackupError) as refused:
        restore(_repack(archive, drop_and_add))
    assert "files/quyet-dinh.pdf: thiếu trong bản sao lưu" in str(refused.value)
    assert "files/la.exe: không có trong manifest" in str(refused.value)
    assert _untouched(tmp_path)


def test_a_backup_from_a_newer_version_is_refused_naming_its_migrations(archive, tmp_path):
    def newer(manifest):
        manifest["app_version"] = "9.0.0"
        manifest["migrations"]["dossiers"].append("9999_tu_tuong_lai")
    with pytest.raises(BackupError, match=r"phiên bản ứng dụng mới hơn tạo \(9\.0\.0\).*dossiers\.9999_tu_tuong_lai"):
        restore(_repack(archive, _manifest_change(newer)))
    assert _untouched(tmp_path)


def test_a_backup_of_the_other_database_engine_is_refused(archive, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"

    def swap(manifest):
        manifest["database"]["engine"] = other
    with pytest.raises(BackupError, match="không khôi phục chéo"):
        restore(_repack(archive, _manifest_change(swap)))
    assert _untouched(tmp_path)


def test_a_database_with_data_is_not_overwritten_without_force(archive, tmp_path):
    with pytest.raises(BackupError, match="đã có dữ liệu: cơ sở dữ liệu .* có dữ liệu"):
        restore(archive)
    assert _untouched(tmp_path)


def test_what_is_not_a_backup_is_refused_in_vietnamese(tmp_path, db):
    junk = tmp_path / "tdkt-20260101-000000.tar.gz"
    junk.write_bytes(b"khong phai tar")
    with pytest.raises(BackupError, match="Không đọc được tệp"):
        restore(junk)
    with pytest.raises(BackupError, match="Không tìm thấy tệp sao lưu"):
        restore(tmp_path / "khong-co.tar.gz")
    plain = tmp_path / "khac.tar.gz"
    with tarfile.open(plain, "w:gz") as tar:
        info = tarfile.TarInfo("../../etc/passwd")
        info.size = 1
        tar.addfile(info, io.BytesIO(b"x"))
    with pytest.raises(BackupError, match="đường dẫn không an toàn"):
        restore(plain)


def test_backup_keeps_the_newest_archives(tmp_path, transactional_db, own_files):
    folder = tmp_path / "kho"
    folder.mkdir()
    for day in ("20260101", "20260102", "20260103"):
        (folder / f"tdkt-{day}-010000.tar.gz").write_bytes(b"cu")
    (folder / "ghi-chu.txt").write_text("không phải bản sao lưu")
    made = create_backup(folder, keep=2)
    assert sorted(p.name for p in folder.iterdir()) == sorted(["tdkt-20260103-010000.tar.gz", made.path.name,
                                                               "ghi-chu.txt"])
    assert [p.name for p in made.pruned] == ["tdkt-20260101-010000.tar.gz", "tdkt-20260102-010000.tar.gz"]


def test_backup_refuses_to_run_inside_an_open_transaction(db, tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("pg_dump reads from its own session; only SQLite's backup API shares the connection")
    with pytest.raises(BackupError, match="giao dịch cơ sở dữ liệu đang mở"):
        create_backup(tmp_path)


def test_a_backup_folder_inside_the_stored_files_is_not_archived_into_itself(tmp_path, transactional_db, own_files):
    inside = tmp_path / "source-files" / "saoluu"
    (tmp_path / "source-files" / "ho-so").mkdir(parents=True)
    (tmp_path / "source-files" / "ho-so" / "to-trinh.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (inside).mkdir()
    (inside / "tdkt-20260101-000000.tar.gz").write_bytes(b"ban cu")
    made = create_backup(inside, keep=0)
    paths = [entry["path"] for entry in made.manifest["files"]]
    assert "files/ho-so/to-trinh.pdf" in paths and not any(p.startswith("files/saoluu/") for p in paths)
