"""Issue 11 §3: every Excel and CSV export neutralises cells a spreadsheet would read as a formula."""
import ast
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tdkt.awards import services as award_services
from tdkt.awards.models import AwardType
from tdkt.core.excel import csv_text
from tdkt.core.services import system_actor
from tdkt.imports.workbook import build_template
from tdkt.org import services as org_services
from tdkt.testing import login

pytestmark = pytest.mark.django_db
HOSTILE = '=HYPERLINK("http://x", "y")'  # two "words", as a person's name must have


def _cells(data: bytes, sheet=0):
    wb = load_workbook(io.BytesIO(data))
    return [cell for row in wb.worksheets[sheet].iter_rows() for cell in row if cell.value is not None]


def test_excel_export_keeps_a_formula_like_name_as_text(world):
    root = system_actor()
    person = org_services.create_person(root, world.unit_a, full_name=HOSTILE, gender="male")
    award_services.create_award_record(root, award_type=AwardType.objects.get(code="LDTT"),
                                       subject_kind="individual", person=person, year=2024,
                                       achievement="-1 ngày công; @ghi chú")
    response = login(world.officer).get("/khen-thuong/xuat-excel/", {"year": 2024})
    assert response.status_code == 200
    cells = {c.value: c for c in _cells(b"".join(response.streaming_content))}
    name = cells[HOSTILE]
    assert name.data_type == "s" and name.quotePrefix  # a string, not a formula; Excel keeps it text
    achievement = cells["-1 ngày công; @ghi chú"]
    assert achievement.data_type == "s" and achievement.quotePrefix
    assert not cells["Nguyễn Văn Đức"].quotePrefix  # ordinary text is left as it is
    assert all(c.data_type != "f" for c in cells.values())


def test_import_template_lists_formula_like_unit_names_as_text(world):
    org_services.create_unit(system_actor(), name="+Phòng thử", code="=PT", kind="division", parent=world.unit_a)
    cells = {c.value: c for c in _cells(build_template("people", world.officer), sheet=1)}
    assert cells["+Phòng thử"].data_type == "s" and cells["+Phòng thử"].quotePrefix
    assert cells["=PT"].data_type == "s" and cells["=PT"].quotePrefix


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_csv_text_prefixes_formula_starts(value):
    assert csv_text(value) == "'" + value
    assert csv_text("Nguyễn " + value) == "Nguyễn " + value
    assert csv_text(12) == 12


def test_every_workbook_writer_routes_cells_through_the_one_function():
    """A module that builds an openpyxl workbook writes no cell by `.append(` or `.cell(value=` directly."""
    root = Path(__file__).resolve().parent.parent / "tdkt"
    offenders = []
    for path in root.rglob("*.py"):
        if "tests" in path.parts or path.name in {"excel.py", "spreadsheet.py"}:
            continue
        source = path.read_text()
        if "openpyxl" not in source or "Workbook(" not in source:
            continue
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr == "append" and node.args and isinstance(node.args[0], ast.List):
                    offenders.append(f"{path.name}:{node.lineno}")
                if node.func.attr == "cell" and any(k.arg == "value" for k in node.keywords):
                    inside_safe = "safe_cell(" in source.splitlines()[node.lineno - 1]
                    if not inside_safe:
                        offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
