"""Excel (.xlsx) exports shared by the lists: a write-only workbook, a bold header row, a download.

Every cell an export writes goes through `tdkt.documents.spreadsheet.safe_cell` (write-only sheets:
`append_row`, `header_row`; ordinary sheets: `put`), so that a value typed by a user never becomes a
live formula (OWASP "CSV injection"); a CSV export writes `csv_text(value)`.
"""
import io

from django.http import FileResponse

from tdkt.documents.spreadsheet import csv_text, formula_like, safe_cell

__all__ = ["XLSX", "append_row", "csv_text", "download", "formula_like", "header_row", "put", "safe_cell"]

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _write_only(ws, value, font=None):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=value)
    if font is not None:
        cell.font = font
    return safe_cell(cell)


def append_row(ws, values):
    """Append `values` to a write-only sheet, each string kept as text."""
    ws.append([_write_only(ws, v) if isinstance(v, str) else v for v in values])


def header_row(ws, titles):
    """Append `titles` as a bold row to a write-only sheet."""
    from openpyxl.styles import Font

    ws.append([_write_only(ws, title, Font(bold=True)) for title in titles])


def put(ws, row: int, column: int, value):
    """Write `value` into an ordinary sheet's cell (row, column) as `safe_cell` does; the cell."""
    return safe_cell(ws.cell(row=row, column=column, value=value))


def download(wb, filename: str) -> FileResponse:
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)
