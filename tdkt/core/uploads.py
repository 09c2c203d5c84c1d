"""Checks on uploaded documents: the kind is decided by the file's content, not its name."""
from __future__ import annotations

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

KINDS = {
    "pdf": ("PDF", "application/pdf"),
    "docx": ("Word (.docx)", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("Excel (.xlsx)", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}


def sniff(upload) -> str | None:
    """'pdf', 'docx', 'xlsx' from the bytes of the file, or None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def check_document(upload, allowed=("pdf", "docx", "xlsx"), field_label="Tệp đính kèm") -> str:
    """Refuse a file that is too large, or whose content is not one of the allowed kinds (whatever its
    name says). Returns the kind."""
    limit = settings.TDKT_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise ValidationError(f"{field_label}: tệp lớn hơn {limit // (1024 * 1024)} MB.")
    kind = sniff(upload)
    names = ", ".join(KINDS[k][0] for k in allowed)
    if kind not in allowed:
        raise ValidationError(f"{field_label}: chỉ nhận tệp {names}; nội dung tệp tải lên không phải loại này.")
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension != kind:
        raise ValidationError(f"{field_label}: phần mở rộng “.{extension}” không khớp nội dung tệp ({KINDS[kind][0]}).")
    return kind


def store_upload(instance, upload, *, field: str = "file", label: str = "Tệp đính kèm", allowed=("pdf", "docx", "xlsx")):
    """Check the upload by content, fill the StoredFile fields of `instance` and save it. A failure
    leaves no stored file behind (nothing half-saved); a refused file is a ValidationError on `field`."""
    import hashlib

    try:
        kind = check_document(upload, allowed=allowed, field_label=label)
    except ValidationError as exc:
        raise ValidationError({field: exc.messages}) from None
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    instance.original_name, instance.content_kind = upload.name[:255], kind
    instance.size, instance.sha256 = upload.size, digest.hexdigest()
    instance.file.save(f"tep.{kind}", upload, save=False)
    try:
        instance.save()
    except Exception:
        instance.file.storage.delete(instance.file.name)
        raise
    return instance


def send_stored(row):
    """A download of a StoredFile row under the name it was uploaded with (the caller checks scope)."""
    from django.http import FileResponse

    return FileResponse(row.file.open("rb"), as_attachment=True, filename=row.original_name)
