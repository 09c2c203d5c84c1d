"""Excel (.xlsx) exports shared by the lists: a write-only workbook, a bold header row, a download."""
import io

from django.http import FileResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_row(ws, titles):
    """Append `titles` as a bold row to a write-only sheet."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for title in titles:
        cell = WriteOnlyCell(ws, value=title)
        cell.font = Font(bold=True)
        cells.append(cell)
    ws.append(cells)


def download(wb, filename: str) -> FileResponse:
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=filename, content_type=XLSX)
