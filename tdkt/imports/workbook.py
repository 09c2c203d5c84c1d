"""The downloadable template of each import file, written with openpyxl.

Sheet 1 holds the Vietnamese headers (bold), one example row (its STT is “Ví dụ”, so the import skips
it) and drop-down lists; sheet 2 “Hướng dẫn” explains every column and lists the accepted award
names and codes and the units in the user's scope.
"""
from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from tdkt.awards.models import AwardType
from tdkt.core.excel import put
from tdkt.core.scope import scope_unit_ids
from tdkt.org.choices import EmploymentKind
from tdkt.org.models import Unit

from .parsing import COLUMNS

GUIDE = "Hướng dẫn"
SHEET_TITLES = {"people": "Cá nhân", "awards": "Khen thưởng", "nominees": "Đối tượng đề nghị"}
TEMPLATE_ROWS = 1000
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
BOLD = Font(bold=True)
EXAMPLE_FONT = Font(italic=True, color="808080")

KIND_LIST = "Thường xuyên,Chuyên đề,Đột xuất,Cống hiến,Niên hạn,Đối ngoại"


def _units_for(actor):
    ids = scope_unit_ids(actor)
    units = Unit.objects.active().select_related("parent")
    if ids is not None:
        units = units.filter(id__in=ids)
    return list(units)


def _example_unit(units):
    """The most specific unit in scope reads best in the example row."""
    return max(units, key=lambda u: u.path.count("/"), default=None)


def _list_validation(ws, column_letter: str, formula: str, strict: bool, prompt: str = "") -> None:
    dv = DataValidation(type="list", formula1=formula, allow_blank=True, showDropDown=False)
    # Clerks may still type another spelling of an award or a unit name: only warn then.
    dv.errorStyle = "stop" if strict else "information"
    dv.showErrorMessage = strict
    dv.error = "Giá trị không có trong danh sách."
    if prompt:
        dv.prompt = prompt[:250]
        dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(f"{column_letter}2:{column_letter}{TEMPLATE_ROWS + 1}")


def build_template(kind: str, actor, grounds: list[tuple[str, str]] | None = None) -> bytes:
    """`grounds` (the nominee list only): (label, awards that offer it) rows of the grounds table, from
    which the “Căn cứ đề nghị” column's drop-down is filled; the workflow app that knows them passes them."""
    columns = COLUMNS[kind]
    units = _units_for(actor)
    awards = list(AwardType.objects.all())

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLES[kind]
    guide = wb.create_sheet(GUIDE)

    letters = {}
    for i, col in enumerate(columns, 1):
        letter = get_column_letter(i)
        letters[col.field] = letter
        cell = put(ws, 1, i, col.header + ("*" if col.required else ""))
        cell.font = BOLD
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        ws.column_dimensions[letter].width = col.width
    ws.freeze_panes = "A2"
    example_unit = _example_unit(units)
    for i, col in enumerate(columns, 1):
        value = col.example
        if col.field == "unit":
            value = example_unit.code if example_unit else ""
        cell = put(ws, 2, i, value)
        cell.font = EXAMPLE_FONT
    for fld in ("national_id", "number"):
        if fld in letters:      # text cells keep CCCD leading zeros and numbers like 05/QĐ
            for row in range(2, TEMPLATE_ROWS + 2):
                ws[f"{letters[fld]}{row}"].number_format = "@"

    # --- the guide sheet ---
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 52
    guide.column_dimensions["C"].width = 18
    guide.column_dimensions["D"].width = 60
    r = 1
    put(guide, r, 1, f"Hướng dẫn nhập {SHEET_TITLES[kind].lower()} từ Excel").font = Font(bold=True, size=14)
    r += 1
    put(guide, r, 1, "Mỗi dòng của trang đầu là một bản ghi. Cột có dấu * là bắt buộc. Dòng có STT "
                                      "“Ví dụ” được bỏ qua. Ngày ghi dd/mm/yyyy. Tệp chỉ được ghi khi không còn dòng "
                                      "lỗi nào; nếu có lỗi, hệ thống liệt kê từng dòng, cột và lý do.")
    r += 2
    for i, title in enumerate(("Cột", "Cách ghi", "Bắt buộc"), 1):
        put(guide, r, i, title).font = BOLD
    for col in columns:
        r += 1
        put(guide, r, 1, col.header)
        put(guide, r, 2, col.hint).alignment = Alignment(wrap_text=True)
        put(guide, r, 3, "Có" if col.required else "")

    award_first = award_last = None
    if "award" in letters:
        r += 2
        put(guide, r, 1, "Danh hiệu, hình thức khen thưởng").font = Font(bold=True, size=12)
        r += 1
        for i, title in enumerate(("Mã", "Tên", "Đối tượng", "Cách viết khác cũng được nhận"), 1):
            put(guide, r, i, title).font = BOLD
        for award in sorted(awards, key=lambda a: (-a.rank, a.code)):
            r += 1
            award_first = award_first or r
            award_last = r
            put(guide, r, 1, award.code)
            put(guide, r, 2, award.name)
            put(guide, r, 3, award.subjects_display)
            others = [award.short_name] + [a for a in award.aliases.splitlines() if a][:6]
            put(guide, r, 4, "; ".join(o for o in others if o))

    r += 2
    put(guide, r, 1, "Đơn vị trong phạm vi của bạn (ghi mã hoặc đúng tên)").font = Font(bold=True, size=12)
    r += 1
    for i, title in enumerate(("Mã đơn vị", "Tên đơn vị", "Cấp trên"), 1):
        put(guide, r, i, title).font = BOLD
    unit_first = unit_last = None
    for unit in units:
        r += 1
        unit_first = unit_first or r
        unit_last = r
        put(guide, r, 1, unit.code)
        put(guide, r, 2, unit.name)
        put(guide, r, 3, unit.parent.code if unit.parent_id else "")

    ground_first = ground_last = None
    if grounds and "ground" in letters:
        r += 2
        put(guide, r, 1, "Căn cứ đề nghị (ghi đúng tên ở cột Tên)").font = Font(bold=True, size=12)
        r += 1
        for i, title in enumerate(("STT", "Tên", "", "Danh hiệu, hình thức nêu được căn cứ này"), 1):
            put(guide, r, i, title).font = BOLD
        for i, (label, awards_text) in enumerate(grounds, 1):
            r += 1
            ground_first = ground_first or r
            ground_last = r
            put(guide, r, 1, i)
            put(guide, r, 2, label).alignment = Alignment(wrap_text=True)
            put(guide, r, 4, awards_text).alignment = Alignment(wrap_text=True)

    # --- drop-down lists ---
    quoted = f"'{GUIDE}'"
    if unit_first:
        _list_validation(ws, letters["unit"], f"{quoted}!$A${unit_first}:$A${unit_last}", False,
                         "Mã đơn vị (xem trang Hướng dẫn)")
    if kind == "people":
        _list_validation(ws, letters["gender"], '"Nam,Nữ"', True)
        _list_validation(ws, letters["is_leader"], '"x"', False)
        _list_validation(ws, letters["is_direct_worker"], '"x"', False)
        _list_validation(ws, letters["employment_kind"], '"' + ",".join(EmploymentKind.labels) + '"', False)
    else:
        if award_first:
            _list_validation(ws, letters["award"], f"{quoted}!$B${award_first}:$B${award_last}", False)
        _list_validation(ws, letters["subject"], '"Cá nhân,Tập thể,Hộ gia đình"', True)
        if "kind" in letters:
            _list_validation(ws, letters["kind"], f'"{KIND_LIST}"', False)
        if ground_first:
            _list_validation(ws, letters["ground"], f"{quoted}!$B${ground_first}:$B${ground_last}", False,
                             "Căn cứ đề nghị (xem trang Hướng dẫn); để trống nếu hình thức không cần")

    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
