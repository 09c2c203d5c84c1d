"""`tdkt backup`: one archive holding everything a province needs to start again on a new machine.

The archive is a gzip-compressed tar, ``tdkt-YYYYMMDD-HHMMSS.tar.gz`` (mode 0600: it holds the
signing key), written under a temporary name and renamed when complete, so that a copy job never
picks up half an archive. Its members:

    database/tdkt.sqlite3   SQLite: a consistent copy made with SQLite's online backup API
                            (``sqlite3.Connection.backup``) while the application keeps running
    database/tdkt.pgdump    PostgreSQL: ``pg_dump --format=custom`` (the password goes to pg_dump
                            through PGPASSWORD in its environment, never on its command line)
    files/…                 the stored files (MEDIA_ROOT): uploads, signed decisions, certificates
    signer/…                the signing key and certificate (TDKT_SIGNER_DIR): without them, no
                            certificate issued before the restore would verify as ours
    manifest.json           what the restore checks before touching anything (see ``manifest``)

The database is copied first and the files after it, so every file a database row names is in the
archive (a file written meanwhile is only an unreferenced extra). `tdkt.core.restore` reads it back.
"""
from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

from . import clock
from .choices import BackupAction

FORMAT = "tdkt-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/tdkt.sqlite3"
PG_MEMBER = "database/tdkt.pgdump"
FILES, SIGNER = "files", "signer"
ARCHIVE_RE = re.compile(r"^tdkt-\d{8}-\d{6}\.tar\.gz$")
# Left out of the archive: the signer's lock file and half-written files of an interrupted write.
SKIPPED_NAMES = {".signer.lock"}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A refusal or failure, with a Vietnamese sentence for the operator."""


@dataclasses.dataclass
class BackupResult:
    path: Path
    size: int
    sha256: str
    manifest: dict
    pruned: list[Path]


# -- what both directions share ------------------------------------------------------------------

def engine() -> str:
    """'sqlite' or 'postgresql', the database this installation is configured for."""
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    return vendor


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("tdkt")
    except PackageNotFoundError:
        return "không rõ"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_tool(name: str) -> str:
    """The path of pg_dump / pg_restore: TDKT_PG_BIN_DIR, the PATH, or Debian's versioned folders."""
    configured = getattr(settings, "TDKT_PG_BIN_DIR", "")
    candidates = [Path(configured) / name] if configured else []
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    candidates += sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise BackupError(f"Không tìm thấy chương trình {name} của PostgreSQL: hãy cài gói postgresql-client "
                      "cùng phiên bản với máy chủ (ví dụ postgresql-client-15) hoặc đặt TDKT_PG_BIN_DIR.")


def pg_env() -> dict[str, str]:
    """libpq's environment for the configured database: the password never appears in a process list."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD"),
                     ("NAME", "PGDATABASE")):
        if db.get(key):
            env[var] = str(db[key])
    sslmode = (db.get("OPTIONS") or {}).get("sslmode")
    if sslmode:
        env["PGSSLMODE"] = sslmode
    return env


def run_pg(args: list[str], what: str) -> None:
    done = subprocess.run(args, env=pg_env(), capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise BackupError(f"{what} không thành công (mã {done.returncode}): " + " | ".join(detail[-5:]))


def applied_migrations_sqlite(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as db:
        try:
            rows = db.execute("SELECT app, name FROM django_migrations").fetchall()
        except sqlite3.DatabaseError:
            rows = []
    return group_migrations(rows)


def applied_migrations_live() -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    return group_migrations(MigrationRecorder(connection).applied_migrations().keys())


def group_migrations(rows) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for app, name in rows:
        grouped.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(grouped.items())}


def stored_trees() -> list[tuple[str, Path]]:
    """(name in the archive, folder on disk) of the stored files and the signing key."""
    return [(FILES, Path(settings.MEDIA_ROOT)), (SIGNER, Path(settings.TDKT_SIGNER_DIR))]


# -- making a backup ------------------------------------------------------------------------------

def create_backup(to: Path | str | None = None, keep: int | None = None) -> BackupResult:
    """Write one archive into `to` (TDKT_BACKUP_DIR by default) and keep the newest `keep` archives."""
    folder = Path(to or settings.TDKT_BACKUP_DIR)
    keep = settings.TDKT_BACKUP_KEEP if keep is None else keep
    kind = engine()
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BackupError(f"Không tạo được thư mục sao lưu {folder}: {exc.strerror}.") from None
    started = clock.now()
    stamp = timezone.localtime(started).strftime("%Y%m%d-%H%M%S")
    final = folder / f"tdkt-{stamp}.tar.gz"
    if final.exists():
        raise BackupError(f"Đã có bản sao lưu {final.name}; hãy chạy lại sau một giây.")
    with tempfile.TemporaryDirectory(prefix=".tdkt-sao-luu-", dir=folder) as work:
        dump, member, migrations = _dump_database(kind, Path(work))
        partial = folder / f".{final.name}.partial"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                    entries = [_add(tar, member, dump)]
                    for name, root in stored_trees():
                        entries += _add_tree(tar, name, root, skip=folder)
                    manifest = _manifest(kind, started, migrations, entries)
                    data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mode, info.mtime = len(data), 0o600, int(started.timestamp())
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, final)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    result = BackupResult(final, final.stat().st_size, sha256_of(final), manifest, prune(folder, keep, final))
    _audit(result)
    return result


def _dump_database(kind: str, work: Path) -> tuple[Path, str, dict]:
    if kind == "sqlite":
        copy = work / "tdkt.sqlite3"
        if connection.in_atomic_block:  # SQLite's backup would wait for our own transaction forever
            raise BackupError("Không sao lưu được từ bên trong một giao dịch cơ sở dữ liệu đang mở.")
        name = str(settings.DATABASES["default"]["NAME"])
        if not connection.is_in_memory_db() and not Path(name).is_file():
            raise BackupError(f"Chưa có cơ sở dữ liệu SQLite {name}: chạy `tdkt migrate` hoặc khôi phục trước.")
        connection.ensure_connection()
        target = sqlite3.connect(copy)
        try:
            # One step (pages=-1): a consistent snapshot; in WAL mode writers carry on meanwhile.
            connection.connection.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        finally:
            target.close()
        return copy, SQLITE_MEMBER, applied_migrations_sqlite(copy)
    migrations = applied_migrations_live()
    dump = work / "tdkt.pgdump"
    run_pg([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)],
           "Sao lưu PostgreSQL (pg_dump)")
    return dump, PG_MEMBER, migrations


class _Hashing:
    """A file read once, and no further than the size written in its tar header: tarfile copies
    it into the archive while this sums exactly the bytes copied."""

    def __init__(self, handle, size: int):
        self.handle, self.left, self.digest = handle, size, hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        n = self.left if n is None or n < 0 else min(n, self.left)
        data = self.handle.read(n)
        self.left -= len(data)
        self.digest.update(data)
        return data


def _add(tar: tarfile.TarFile, member: str, path: Path) -> dict | None:
    try:
        handle = open(path, "rb")
    except FileNotFoundError:  # removed between the listing and the copy: nothing to keep
        return None
    with handle:
        stat = os.fstat(handle.fileno())
        info = tarfile.TarInfo(member)
        info.size, info.mtime, info.mode = stat.st_size, int(stat.st_mtime), stat.st_mode & 0o777
        reader = _Hashing(handle, stat.st_size)
        tar.addfile(info, reader)
    return {"path": member, "size": stat.st_size, "sha256": reader.digest.hexdigest()}


def _add_tree(tar: tarfile.TarFile, name: str, root: Path, skip: Path) -> list[dict]:
    """Every regular file under `root`, except the backup folder itself should it lie inside."""
    entries = []
    if not root.is_dir():
        return entries
    skip = skip.resolve()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if (Path(folder) / d).resolve() != skip)
        for file in sorted(files):
            path = Path(folder) / file
            if file in SKIPPED_NAMES or file.endswith((".tmp", ".partial")) or not path.is_file() or path.is_symlink():
                continue
            entry = _add(tar, f"{name}/{path.relative_to(root).as_posix()}", path)
            if entry:
                entries.append(entry)
    return entries


def _manifest(kind: str, started, migrations: dict, entries: list[dict | None]) -> dict:
    entries = [e for e in entries if e]
    return {
        "format": FORMAT, "format_version": FORMAT_VERSION,
        "app_version": app_version(),
        "created_at": started.isoformat(timespec="seconds"),
        "database": {"engine": kind, "member": SQLITE_MEMBER if kind == "sqlite" else PG_MEMBER},
        "migrations": migrations,
        "counts": {"files": len(entries), "bytes": sum(e["size"] for e in entries)},
        "files": entries,
    }


def prune(folder: Path, keep: int, newest: Path) -> list[Path]:
    """Delete the oldest archives of this command in `folder` beyond `keep` (0 keeps them all)."""
    if keep <= 0:
        return []
    archives = sorted(p for p in folder.iterdir() if ARCHIVE_RE.match(p.name) and p.is_file())
    removed = [p for p in archives[:-keep] if p != newest]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _audit(result: BackupResult) -> None:
    from .models import AuditEvent

    counts = result.manifest["counts"]
    AuditEvent.objects.create(
        actor=None, action=BackupAction.BACKUP, model="core.backup", object_id=result.path.name[:64],
        object_repr=f"Bản sao lưu {result.path.name}",
        after={"path": str(result.path), "size": result.size, "sha256": result.sha256,
               "files": counts["files"], "engine": result.manifest["database"]["engine"]},
        note=f"{counts['files']} tệp, {result.size} byte")


def describe(result: BackupResult) -> list[str]:
    """What `tdkt backup` prints, in Vietnamese."""
    counts, db = result.manifest["counts"], result.manifest["database"]
    lines = [
        f"Đã sao lưu vào {result.path} ({_size(result.size)}).",
        f"  Cơ sở dữ liệu: {'SQLite' if db['engine'] == 'sqlite' else 'PostgreSQL'}; "
        f"{sum(len(v) for v in result.manifest['migrations'].values())} bước chuyển đổi đã áp dụng; "
        f"ứng dụng phiên bản {result.manifest['app_version']}.",
        f"  {counts['files']} tệp ({_size(counts['bytes'])}) kèm mã kiểm tra SHA-256 trong manifest.json: cơ sở dữ "
        f"liệu, {_count(result.manifest, FILES)} tệp lưu trữ, "
        + ("khóa ký số và chứng thư." if _count(result.manifest, SIGNER) else "chưa có khóa ký số."),
        f"  SHA-256 của bản sao lưu: {result.sha256}",
    ]
    if _count(result.manifest, SIGNER):
        lines.append("  Bản sao lưu chứa khóa ký số: hãy cất giữ ở nơi an toàn như chính khóa.")
    if result.pruned:
        lines.append(f"  Đã xóa {len(result.pruned)} bản sao lưu cũ: " + ", ".join(p.name for p in result.pruned))
    return lines


def _count(manifest: dict, top: str) -> int:
    return sum(1 for entry in manifest["files"] if entry["path"].startswith(top + "/"))


def _size(n: int) -> str:
    for unit in ("byte", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "byte" else f"{n:.1f} {unit}".replace(".", ",")
        n /= 1024
    return str(n)
