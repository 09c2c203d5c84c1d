"""Spreadsheet cells that stay values (OWASP "CSV injection"), for every Excel and CSV the product writes.

`safe_cell` keeps a string cell a string, never a formula; one that begins with `=`, `+`, `-`, `@`, a
tab or a carriage return is also marked "quote prefix", so that Excel and LibreOffice keep it as text
even when the cell is edited. The visible text is unchanged (a name such as "-Hoa" still reads "-Hoa").
A CSV, where a cell has no type, writes `csv_text(value)`: such a value prefixed with `'`.
The exports of the web pages use them through `tdkt.core.excel`; the dossier's attached list here.
"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """Whether a spreadsheet could read `value` as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(cell):
    """Keep an openpyxl `cell` a plain value: a string is stored as text, never as a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if formula_like(cell.value):
            cell.quotePrefix = True
    return cell


def csv_text(value):
    """A value for a CSV cell: one that a spreadsheet would read as a formula gets a leading `'`."""
    return "'" + value if formula_like(value) else value
