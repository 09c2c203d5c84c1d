"""Checks on uploaded documents: the kind is decided by the file's content, not its name.

`sniff` reads the signature (a PDF header, a zip holding word/document.xml or xl/workbook.xml);
`opens_as` then parses the whole file as that kind, so that a PDF header followed by an executable,
or a zip that merely names word/document.xml, is refused: a PDF must open with pypdf (its cross-
reference table, trailer and page tree), a .xlsx with openpyxl as a workbook, a .docx with
python-docx. A zip whose members would unpack to more than `UNZIPPED_MAX_BYTES` is refused before
anything is unpacked (a zip bomb).
"""
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


UNZIPPED_MAX_BYTES = 200 * 1024 * 1024
# The smallest PDF `opens_as` accepts (one blank A4 page): what the demo and the tests upload.
BLANK_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
             b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\nxref\n0 4\n0000000000 65535 f \n"
             b"0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\n"
             b"startxref\n164\n%%EOF\n")


def opens_as(upload, kind: str) -> bool:
    """Whether the whole of `upload` parses as `kind` ('pdf', 'docx', 'xlsx'); the position is kept at 0."""
    upload.seek(0)
    try:
        if kind == "pdf":
            return _opens_as_pdf(upload)
        with zipfile.ZipFile(upload) as archive:
            if sum(info.file_size for info in archive.infolist()) > UNZIPPED_MAX_BYTES:
                return False
        upload.seek(0)
        if kind == "xlsx":
            from openpyxl import load_workbook

            workbook = load_workbook(upload, read_only=True)
            try:
                return bool(workbook.sheetnames)
            finally:
                workbook.close()
        if kind == "docx":
            import docx

            docx.Document(upload)
            return True
    except Exception:  # noqa: BLE001 - any failure of a parser means "not this kind"
        return False
    finally:
        upload.seek(0)
    return False


def _opens_as_pdf(upload) -> bool:
    from pypdf import PdfReader

    reader = PdfReader(upload, strict=False)
    len(reader.pages)  # walks the page tree: a broken one raises
    return reader.trailer.get("/Root") is not None


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
    if not opens_as(upload, kind):
        raise ValidationError(f"{field_label}: tệp mang dấu hiệu {KINDS[kind][0]} nhưng không mở được như một tệp "
                              f"{KINDS[kind][0]} hợp lệ (tệp hỏng hoặc bị giả dạng); hãy kiểm tra lại tệp.")
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
