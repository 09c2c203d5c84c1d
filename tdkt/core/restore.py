"""`tdkt restore BACKUP [--force]`: an archive of `tdkt.core.backup` back into this installation.

Nothing is touched before the whole archive has been read and checked: it is unpacked into a
staging folder inside TDKT_VAR_DIR (tar's "data" filter refuses absolute paths, links and `..`),
every file is compared with the size and SHA-256 the manifest lists (and no file may be unlisted),
the database engine must match, and the archive's migration state must be known to this version
of the application:

- a backup made by a NEWER version (it records migrations this code does not have) is refused:
  an older application cannot read a newer schema; install that version (or a later one) first;
- a backup made by an OLDER version is restored and then migrated forward, as an upgrade would.

A database that already holds data (users, units or people), stored files or a signing key are
replaced only with --force; what they held is then moved aside (SQLite file, folders) next to its
place with the suffix ``.truoc-khoi-phuc-<time>``, except a PostgreSQL database, whose tables are
dropped (take a `tdkt backup` first). A database that has only the tables of `tdkt migrate` and
no data counts as empty. The restore records itself in the restored audit log.
"""
from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
import zlib
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from . import backup, clock
from .backup import FILES, SIGNER, BackupError
from .choices import BackupAction

# A database holds data when one of these has a row (a migrated, still empty database does not).
DATA_TABLES = ("auth_user", "org_unit", "org_person")
ASIDE = ".truoc-khoi-phuc-"
ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def restore(archive: Path | str, force: bool = False) -> list[str]:
    """Restore `archive`; answers the Vietnamese lines saying what was done. Raises BackupError."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"Không tìm thấy tệp sao lưu {archive}.")
    var = Path(settings.VAR_DIR)
    var.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".tdkt-khoi-phuc-", dir=var))
    try:
        manifest = _unpack(archive, staging)
        lines = [f"Đã kiểm tra {len(manifest['files'])} tệp trong bản sao lưu {archive.name} (tạo lúc "
                 f"{_when(manifest['created_at'])}, ứng dụng phiên bản {manifest.get('app_version', '?')}): "
                 "kích thước và mã SHA-256 đều khớp."]
        kind = _check_engine(manifest)
        pending = _check_migrations(manifest)
        try:
            occupied = _occupied(kind)
        except OperationalError as exc:
            raise BackupError(f"Không kết nối được cơ sở dữ liệu {_database_label(kind)}: {exc}".strip()) from None
        if occupied and not force:
            raise BackupError("Không khôi phục vì nơi nhận đã có dữ liệu: " + "; ".join(occupied) + ". "
                              "Nếu chắc chắn muốn thay thế, hãy chạy `tdkt backup` để giữ lại dữ liệu hiện tại "
                              "rồi chạy lại lệnh khôi phục với --force.")
        if kind == "sqlite" and connection.is_in_memory_db():
            raise BackupError("Cơ sở dữ liệu SQLite đang cấu hình nằm trong bộ nhớ: không có tệp để khôi phục vào.")
        stamp = timezone.localtime(clock.now()).strftime("%Y%m%d-%H%M%S")
        lines += _restore_database(kind, manifest, staging, stamp)
        lines += _restore_trees(manifest, staging, stamp)
        connection.close()
        lines += _migrate(pending)
        _audit(archive, manifest)
        lines.append("Khôi phục hoàn tất. Hãy khởi động lại dịch vụ web và tiến trình nền (tdkt worker).")
        return lines
    finally:
        shutil.rmtree(staging, ignore_errors=True)


# -- reading and checking the archive -------------------------------------------------------------

def _unpack(archive: Path, staging: Path) -> dict:
    try:
        with tarfile.open(archive, "r:*") as tar:
            tar.extractall(staging, filter="data")
    except tarfile.FilterError as exc:
        raise BackupError(f"Bản sao lưu {archive.name} chứa đường dẫn không an toàn ({exc}): không khôi phục.") from None
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise BackupError(f"Không đọc được tệp {archive.name} như một bản sao lưu (tar.gz): {exc}.") from None
    try:
        manifest = json.loads((staging / backup.MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"Tệp {archive.name} không có manifest.json: không phải bản sao lưu của tdkt backup.") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(f"manifest.json trong {archive.name} bị hỏng: {exc}.") from None
    if not isinstance(manifest, dict) or manifest.get("format") != backup.FORMAT:
        raise BackupError(f"Tệp {archive.name} không phải bản sao lưu của tdkt backup.")
    if not isinstance(manifest.get("format_version"), int) or manifest["format_version"] > backup.FORMAT_VERSION:
        raise BackupError(f"Bản sao lưu dùng định dạng phiên bản {manifest.get('format_version')}, mới hơn phiên bản "
                          f"{backup.FORMAT_VERSION} mà ứng dụng này đọc được: hãy cài phiên bản ứng dụng mới hơn.")
    try:
        _verify(manifest, staging)
    except (KeyError, TypeError, AttributeError) as exc:
        raise BackupError(f"manifest.json trong {archive.name} thiếu hoặc sai trường {exc}.") from None
    return manifest


def _verify(manifest: dict, staging: Path) -> None:
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    present = {p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()} - {backup.MANIFEST}
    problems = [f"{path}: thiếu trong bản sao lưu" for path in sorted(set(listed) - present)]
    problems += [f"{path}: không có trong manifest" for path in sorted(present - set(listed))]
    for path in sorted(set(listed) & present):
        entry, file = listed[path], staging / path
        if file.stat().st_size != entry["size"]:
            problems.append(f"{path}: kích thước {file.stat().st_size} byte, manifest ghi {entry['size']} byte")
        elif backup.sha256_of(file) != entry["sha256"]:
            problems.append(f"{path}: mã SHA-256 không khớp")
    database = (manifest.get("database") or {}).get("member")
    if database not in listed:
        problems.append("không có tệp cơ sở dữ liệu")
    if problems:
        shown = "; ".join(problems[:5]) + (f"; và {len(problems) - 5} lỗi khác" if len(problems) > 5 else "")
        raise BackupError(f"Bản sao lưu bị hỏng hoặc đã bị sửa đổi, không khôi phục gì: {shown}.")


def _check_engine(manifest: dict) -> str:
    kind, theirs = backup.engine(), manifest["database"].get("engine")
    if theirs != kind:
        raise BackupError(f"Bản sao lưu là cơ sở dữ liệu {ENGINE_NAMES.get(theirs, theirs)}, còn cấu hình hiện tại dùng "
                          f"{ENGINE_NAMES[kind]} (DATABASE_URL): không khôi phục chéo giữa hai loại cơ sở dữ liệu.")
    return kind


def _check_migrations(manifest: dict) -> list[tuple[str, str]]:
    """Refuse a backup from a newer application; answer the migrations an older one still needs."""
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    for migration in loader.replacements.values():
        known.update(migration.replaces)
    applied = {(app, name) for app, names in (manifest.get("migrations") or {}).items() for name in names}
    unknown = sorted(applied - known)
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(f"Bản sao lưu do phiên bản ứng dụng mới hơn tạo ({manifest.get('app_version', '?')}): cơ sở "
                          f"dữ liệu có {len(unknown)} bước chuyển đổi mà phiên bản này ({backup.app_version()}) không có "
                          f"({names}). Hãy cài phiên bản {manifest.get('app_version', 'mới hơn')} trở lên rồi khôi phục.")
    pending = []
    for key in loader.graph.nodes:
        migration = loader.graph.nodes[key]
        done = key in applied or (migration.replaces and all(tuple(r) in applied for r in migration.replaces))
        if not done:
            pending.append(key)
    return sorted(pending)


# -- what is already there -------------------------------------------------------------------------

def _occupied(kind: str) -> list[str]:
    found = []
    if _database_holds_data(kind):
        found.append(f"cơ sở dữ liệu {_database_label(kind)} có dữ liệu")
    for name, root in backup.stored_trees():
        if _has_files(root):
            found.append(f"thư mục {'tệp lưu trữ' if name == FILES else 'khóa ký số'} {root} có tệp")
    return found


def _database_label(kind: str) -> str:
    db = settings.DATABASES["default"]
    return str(db["NAME"]) if kind == "sqlite" else f"{db['NAME']} trên {db.get('HOST') or 'localhost'}"


def _database_holds_data(kind: str) -> bool:
    """Through the configured connection (for SQLite it creates an empty file where none was:
    harmless, the restore puts its own in place)."""
    if kind == "sqlite":
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in DATA_TABLES:
            if table in tables:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def _has_files(root: Path) -> bool:
    return root.is_dir() and any(p.is_file() and p.name != ".signer.lock" for p in root.rglob("*"))


def _set_aside(path: Path, stamp: str) -> Path:
    aside = path.with_name(f"{path.name}{ASIDE}{stamp}")
    path.rename(aside)
    return aside


# -- putting things in place -----------------------------------------------------------------------

def _restore_database(kind: str, manifest: dict, staging: Path, stamp: str) -> list[str]:
    source = staging / manifest["database"]["member"]
    if kind == "sqlite":
        return _restore_sqlite(source, stamp)
    return _restore_postgresql(source)


def _restore_sqlite(source: Path, stamp: str) -> list[str]:
    path = Path(settings.DATABASES["default"]["NAME"])
    lines = []
    held = _database_holds_data("sqlite")
    connection.close()
    for suffix in ("", "-wal", "-shm"):
        old = path.with_name(path.name + suffix)
        if old.exists():
            if held:
                aside = _set_aside(old, stamp)
                if not suffix:
                    lines.append(f"Đã chuyển cơ sở dữ liệu cũ sang {aside}.")
            else:
                old.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    source.chmod(0o600)
    shutil.move(source, path)
    lines.append(f"Đã khôi phục cơ sở dữ liệu SQLite vào {path}.")
    return lines


def _restore_postgresql(source: Path) -> list[str]:
    lines = []
    tables = connection.introspection.table_names()
    if tables:
        quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
        lines.append(f"Đã xóa {len(tables)} bảng có sẵn trong cơ sở dữ liệu {_database_label('postgresql')}.")
    # The functions the migrations made (the data-version trigger's): the dump creates them again.
    # Those of an extension (pg_trgm) belong to it and stay.
    with connection.cursor() as cursor:
        cursor.execute("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                       "WHERE n.nspname = current_schema() AND pg_get_userbyid(p.proowner) = current_user "
                       "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')")
        for (function,) in cursor.fetchall():
            cursor.execute(f"DROP FUNCTION IF EXISTS {function} CASCADE")
    connection.close()
    name = settings.DATABASES["default"]["NAME"]
    backup.run_pg([backup.pg_tool("pg_restore"), "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
            f"--dbname={name}", str(source)], "Khôi phục PostgreSQL (pg_restore)")
    lines.append(f"Đã khôi phục cơ sở dữ liệu PostgreSQL {_database_label('postgresql')} (pg_restore).")
    return lines


def _restore_trees(manifest: dict, staging: Path, stamp: str) -> list[str]:
    lines = []
    counts = {FILES: 0, SIGNER: 0}
    for entry in manifest["files"]:
        top = entry["path"].split("/", 1)[0]
        if top in counts:
            counts[top] += 1
    for name, root in backup.stored_trees():
        if root.exists():
            if _has_files(root):
                lines.append(f"Đã chuyển thư mục cũ sang {_set_aside(root, stamp)}.")
            else:
                shutil.rmtree(root)
        root.parent.mkdir(parents=True, exist_ok=True)
        source = staging / name
        if source.is_dir():
            shutil.move(source, root)
        else:
            root.mkdir()
        if name == SIGNER:
            root.chmod(0o700)
            lines.append(f"Đã khôi phục khóa ký số và chứng thư ({counts[name]} tệp) vào {root}." if counts[name] else
                         "Bản sao lưu không có khóa ký số (hệ thống chưa ký văn bản nào khi sao lưu).")
        else:
            lines.append(f"Đã khôi phục {counts[name]} tệp lưu trữ vào {root}.")
    return lines


def _migrate(pending: list[tuple[str, str]]) -> list[str]:
    if not pending:
        return ["Cơ sở dữ liệu đã ở đúng phiên bản của ứng dụng, không cần chuyển đổi."]
    from django.core.management import call_command

    try:
        call_command("migrate", interactive=False, verbosity=0)
    except Exception as exc:  # the data is in place; say what is left to do instead of a traceback
        raise BackupError(f"Đã khôi phục dữ liệu nhưng chuyển đổi cơ sở dữ liệu lên phiên bản hiện tại không thành "
                          f"công ({exc}); chạy `tdkt migrate` để xem chi tiết.") from exc
    shown = ", ".join(f"{app}.{name}" for app, name in pending[:5]) + ("…" if len(pending) > 5 else "")
    return [f"Bản sao lưu của phiên bản cũ hơn: đã chạy {len(pending)} bước chuyển đổi cơ sở dữ liệu ({shown})."]


def _audit(archive: Path, manifest: dict) -> None:
    from .models import AuditEvent

    AuditEvent.objects.create(
        actor=None, action=BackupAction.RESTORE, model="core.backup", object_id=archive.name[:64],
        object_repr=f"Bản sao lưu {archive.name}"[:300],
        after={"created_at": manifest["created_at"], "app_version": manifest.get("app_version"),
               "files": len(manifest["files"])},
        note=f"Khôi phục từ bản sao lưu tạo lúc {_when(manifest['created_at'])}")


def _when(iso: str) -> str:
    try:
        from datetime import datetime

        return timezone.localtime(datetime.fromisoformat(iso)).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return str(iso)
