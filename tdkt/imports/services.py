"""Excel imports: upload a batch, validate it chunk by chunk, commit every row or none.

The writes themselves go through the services of org (create_person) and awards (create_decision,
create_award_record), which check role and scope and audit each record; this module wraps them in
one transaction so that a single failure saves nothing.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from tdkt.awards import register, services as award_services
from tdkt.awards.models import Decision
from tdkt.core import audit
from tdkt.core.choices import AuditAction
from tdkt.core.services import require_writer
from tdkt.org import services as org_services

from . import parsing
from .models import BatchStatus, ImportBatch, ImportKind
from .parsing import ImportFileError, Sheet
from .validation import AWARD_FIELD_COLUMNS, PEOPLE_FIELD_COLUMNS, Validator, make_validator


def chunk_rows() -> int:
    return max(1, int(getattr(settings, "TDKT_IMPORT_CHUNK_ROWS", 500)))


def step_seconds() -> float:
    """How long one progress step may keep validating further chunks (0: exactly one chunk a step)."""
    return float(getattr(settings, "TDKT_IMPORT_STEP_SECONDS", 1.5))


def max_stored_errors() -> int:
    return int(getattr(settings, "TDKT_IMPORT_MAX_ERRORS", 2000))


class ImportRowsError(Exception):
    """The file has bad rows, found before writing or raised by a service while writing (all rolled back)."""

    def __init__(self, errors: list[dict], bad_rows: int, data_rows: int):
        super().__init__(f"{len(errors)} lỗi ở {bad_rows} dòng")
        self.errors = errors
        self.bad_rows = bad_rows
        self.data_rows = data_rows


@dataclass
class ImportResult:
    data_rows: int = 0
    created: int = 0
    decisions_created: int = 0
    errors: list[dict] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)   # which issuing body each new decision went to


def _check_kind(kind: str) -> None:
    if kind not in ImportKind.values:
        raise ImportFileError("Loại dữ liệu nhập phải là danh sách cá nhân hoặc lịch sử khen thưởng.")


def read_file(kind: str, data: bytes, name: str) -> Sheet:
    """Open an upload or a file on disk as a Sheet, or raise ImportFileError with a Vietnamese reason."""
    _check_kind(kind)
    parsing.check_name_and_size(name, len(data))
    return parsing.open_sheet(data, kind)


# --- Upload --------------------------------------------------------------------------------------

def create_batch(actor, kind: str, uploaded) -> ImportBatch:
    """Check the uploaded file (extension, size, really an .xlsx, header row, row count) and store it
    under MEDIA_ROOT/imports/. Nothing is validated row by row yet: see validate_step."""
    require_writer(actor)
    _check_kind(kind)
    name = getattr(uploaded, "name", "") or ""
    size = getattr(uploaded, "size", None)
    parsing.check_name_and_size(name, size if size is not None else 1)
    uploaded.seek(0)
    data = uploaded.read(settings.TDKT_MAX_UPLOAD_BYTES + 1)
    sheet = read_file(kind, data, name)
    profile = getattr(actor, "profile", None)
    batch = ImportBatch(kind=kind, original_name=name[:255], size=len(data), created_by=actor,
                        unit_id=getattr(profile, "unit_id", None), sheet_name=sheet.name[:100],
                        header_row=sheet.header_row, total_rows=sheet.total_rows)
    batch.file.save(name, ContentFile(data), save=False)
    batch.save()
    return batch


def _sheet_of(batch: ImportBatch) -> Sheet:
    try:
        with batch.file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):
        raise ImportFileError("Không đọc được tệp đã tải lên; hãy tải lại tệp.") from None
    return read_file(batch.kind, data, batch.original_name)


def _require_owner(actor, batch: ImportBatch) -> None:
    require_writer(actor)
    if batch.created_by_id != getattr(actor, "pk", None):
        raise Http404("Không tìm thấy lần nhập.")


def _fail(batch: ImportBatch, message: str) -> ImportBatch:
    batch.status = BatchStatus.FAILED
    batch.message = message[:500]
    batch.save(update_fields=["status", "message", "updated_at"])
    return batch


# --- Validation in steps -------------------------------------------------------------------------

def validate_step(actor, batch: ImportBatch) -> ImportBatch:
    """Validate the next chunk(s) of the file (TDKT_IMPORT_CHUNK_ROWS rows each, and more while the step
    is shorter than TDKT_IMPORT_STEP_SECONDS), store progress and errors, and return the batch. The
    preview page calls this again and again (HTMX) until the batch is valid or invalid."""
    _require_owner(actor, batch)
    if not batch.is_validating:
        return batch
    began = time.monotonic()
    try:
        sheet = _sheet_of(batch)
    except ImportFileError as exc:
        return _fail(batch, str(exc))
    start = batch.processed_rows
    validator = make_validator(batch.kind, sheet, actor, state=dict(batch.state or {}))
    # Every step re-reads the workbook; on a big file that costs seconds, so a step then validates
    # for at least twice as long as the reading took, keeping the overhead to a third at most.
    opening = time.monotonic() - began
    deadline = time.monotonic() + max(step_seconds(), 2 * opening if step_seconds() else 0)
    position = start
    total = sheet.total_rows
    while position < total:
        stop = min(position + chunk_rows(), total)
        validator.check_chunk(sheet.rows(position, stop))
        position = stop
        if time.monotonic() >= deadline:
            break
    stored = list(batch.errors or [])
    room = max(0, max_stored_errors() - len(stored))
    stored.extend(validator.errors[:room])
    values = {
        "processed_rows": position, "total_rows": total, "errors": stored,
        "error_count": batch.error_count + len(validator.errors),
        "bad_row_count": batch.bad_row_count + validator.bad_rows,
        "data_rows": batch.data_rows + validator.data_rows,
        "state": validator.state, "status": BatchStatus.VALIDATING, "updated_at": timezone.now(),
    }
    if position >= total:
        if values["data_rows"] == 0:
            values["errors"].append({"row": None, "column": "",
                                     "message": "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."})
            values["error_count"] += 1
        values["status"] = BatchStatus.VALID if values["error_count"] == 0 else BatchStatus.INVALID
        values["validated_at"] = timezone.now()
        values["state"] = {}
    # Compare-and-set: a second, concurrent step on the same chunk changes nothing.
    ImportBatch.objects.filter(pk=batch.pk, processed_rows=start,
                               status__in=[BatchStatus.UPLOADED, BatchStatus.VALIDATING]).update(**values)
    batch.refresh_from_db()
    return batch


def validate_all(actor, kind: str, sheet: Sheet, progress=None) -> Validator:
    """Validate every row of a sheet at once (the commit and the command line)."""
    validator = make_validator(kind, sheet, actor)
    total = sheet.total_rows
    position = 0
    while position < total:
        stop = min(position + chunk_rows(), total)
        validator.check_chunk(sheet.rows(position, stop))
        position = stop
        if progress:
            progress(position, total)
    if validator.data_rows == 0:
        validator.errors.append({"row": None, "column": "", "message": "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."})
    return validator


# --- Commit --------------------------------------------------------------------------------------

def _service_errors(validator: Validator, row: int, exc: Exception, columns: dict[str, str]) -> list[dict]:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return [validator.error_dict(row, columns.get(fld, ""), message)
                for fld, messages in exc.message_dict.items() for message in messages]
    if isinstance(exc, (Http404, PermissionDenied)):
        return [validator.error_dict(row, "unit", "Đơn vị không thuộc phạm vi của bạn.")]
    return [validator.error_dict(row, "", "; ".join(getattr(exc, "messages", [str(exc)])))]


def _write_people(actor, validator: Validator, plans: list[dict], progress=None) -> tuple[int, int, list[dict]]:
    errors, created = [], 0
    for i, plan in enumerate(plans, 1):
        data = {k: v for k, v in plan.items() if k not in ("row", "unit")}
        try:
            org_services.create_person(actor, plan["unit"], **data)
            created += 1
        except (ValidationError, Http404, PermissionDenied) as exc:
            errors.extend(_service_errors(validator, plan["row"], exc, PEOPLE_FIELD_COLUMNS))
        if progress and i % chunk_rows() == 0:
            progress(i, len(plans))
    return created, 0, errors


def _write_awards(actor, validator: Validator, plans: list[dict], note: str, progress=None) -> tuple[int, int, list[dict]]:
    errors, created, decisions_created = [], 0, 0
    decisions: dict[tuple, Decision] = {}
    chosen = validator.state.setdefault("bodies_chosen", [])
    for i, plan in enumerate(plans, 1):
        key = (register.name_key(plan["issuer"]), register.number_seq(plan["number"]) or plan["number"],
               plan["signed_on"].year)
        try:
            decision = decisions.get(key)
            if decision is None:
                decision = award_services.find_decision(actor, issuer_name=plan["issuer"], number=plan["number"],
                                                        year=key[2])
                if decision is None:
                    decision = award_services.create_decision(
                        actor, number=plan["number"], signed_on=plan["signed_on"], authority=plan["authority"],
                        issuer_name=plan["issuer"], issuer_unit=plan["issuer_unit"], summary=note[:500])
                    decisions_created += 1
                    chosen.append(decision.body_message)
                decisions[key] = decision
            award_services.create_award_record(
                actor, award_type=plan["award_type"], subject_kind=plan["subject_kind"], year=plan["year"],
                person=plan.get("person"), recipient_unit=plan.get("recipient_unit"), household=plan.get("household"),
                kind=plan["kind"], achievement=plan["achievement"], decision=decision,
                audit_note=f"{note}, dòng {plan['row']}"[:500])
            created += 1
        except (ValidationError, Http404, PermissionDenied) as exc:
            errors.extend(_service_errors(validator, plan["row"], exc, AWARD_FIELD_COLUMNS))
        if progress and i % chunk_rows() == 0:
            progress(i, len(plans))
    return created, decisions_created, errors


def commit_sheet(actor, kind: str, sheet: Sheet, source_name: str, batch: ImportBatch | None = None,
                 progress=None) -> ImportResult:
    """Re-validate every row, then write them all in ONE transaction. Any bad row, found before or
    while writing, raises ImportRowsError and rolls everything back: nothing is half-saved."""
    require_writer(actor)
    note = f"Nhập từ tệp Excel “{source_name}”"
    with transaction.atomic():
        if batch is not None:
            locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
            if locked.status != BatchStatus.VALID:
                raise ImportRowsError([{"row": None, "column": "",
                                        "message": "Lần nhập này không ở trạng thái chờ ghi (đã ghi hoặc còn lỗi)."}],
                                      0, locked.data_rows)
        validator = validate_all(actor, kind, sheet, progress=(lambda n, t: progress("Kiểm tra", n, t)) if progress else None)
        if validator.errors:
            raise ImportRowsError(validator.errors, validator.bad_rows, validator.data_rows)
        write_progress = (lambda n, t: progress("Ghi", n, t)) if progress else None
        if kind == ImportKind.PEOPLE:
            created, decisions_created, errors = _write_people(actor, validator, validator.plans, write_progress)
        else:
            created, decisions_created, errors = _write_awards(actor, validator, validator.plans, note, write_progress)
        if errors:
            raise ImportRowsError(errors, len({e["row"] for e in errors}), validator.data_rows)
        bodies = list(dict.fromkeys(validator.state.get("bodies_chosen", [])))
        result = ImportResult(data_rows=validator.data_rows, created=created, decisions_created=decisions_created,
                              bodies=bodies)
        if batch is not None:
            batch.status = BatchStatus.COMMITTED
            batch.created_count = created
            batch.decisions_created = decisions_created
            batch.data_rows = validator.data_rows
            batch.committed_at = timezone.now()
            batch.message = " ".join(bodies)[:500]
            batch.save(update_fields=["status", "created_count", "decisions_created", "data_rows", "committed_at",
                                      "message", "updated_at"])
            audit.record(actor, AuditAction.IMPORT, batch, None,
                         {"kind": kind, "file": source_name, "rows": validator.data_rows, "created": created,
                          "decisions_created": decisions_created},
                         note=f"{note}: {created} bản ghi")
    return result


def commit_batch(actor, batch: ImportBatch) -> ImportBatch:
    """Write a valid batch. On bad rows the batch becomes invalid with their errors; nothing is saved."""
    _require_owner(actor, batch)
    if batch.status != BatchStatus.VALID:
        raise ValidationError("Chỉ ghi được tệp đã kiểm tra xong và không có dòng lỗi.")
    try:
        sheet = _sheet_of(batch)
    except ImportFileError as exc:
        return _fail(batch, str(exc))
    try:
        commit_sheet(actor, batch.kind, sheet, batch.original_name, batch=batch)
    except ImportRowsError as exc:
        batch.refresh_from_db()
        if batch.status == BatchStatus.COMMITTED:
            return batch
        batch.status = BatchStatus.INVALID
        batch.errors = exc.errors[:max_stored_errors()]
        batch.error_count = len(exc.errors)
        batch.bad_row_count = exc.bad_rows
        batch.message = "Khi ghi phát hiện dòng lỗi (dữ liệu đã thay đổi sau khi kiểm tra); chưa ghi dòng nào."
        batch.save(update_fields=["status", "errors", "error_count", "bad_row_count", "message", "updated_at"])
        return batch
    batch.refresh_from_db()
    return batch
