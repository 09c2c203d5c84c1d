"""Reading the clerks' spreadsheets: the columns of each kind of file, the header row, cell values.

Files are read with python-calamine (fast, read-only). Nothing here touches the database: it turns a
file into numbered rows of raw cells, and raw cells into Python values or a Vietnamese reason.
"""
from __future__ import annotations

import datetime
import io
import itertools
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings

from tdkt.core.text import fold, normalize_spaces
from tdkt.core.years import date_problem


def max_rows() -> int:
    return getattr(settings, "TDKT_IMPORT_MAX_ROWS", 200_000)


def max_unzipped_bytes() -> int:
    """A .xlsx is a zip; refuse archives that would inflate beyond this (a "zip bomb")."""
    return getattr(settings, "TDKT_IMPORT_MAX_UNZIPPED_BYTES", 400 * 1024 * 1024)

HEADER_SEARCH_ROWS = 20


class ImportFileError(Exception):
    """The file as a whole cannot be read (wrong format, too big, no header row). Vietnamese message."""


@dataclass(frozen=True)
class Column:
    field: str
    header: str          # as written in the template
    required: bool = False
    aliases: tuple[str, ...] = ()
    hint: str = ""
    example: object = ""
    width: int = 16


def header_key(text) -> str:
    """Fold a header cell for matching: no marks, no “*”, no parenthesised hint, no punctuation."""
    text = fold(str(text or ""))
    text = re.sub(r"\(.*?\)", " ", text)
    text = re.sub(r"[^0-9a-z]+", " ", text)
    return " ".join(text.split())


PEOPLE_COLUMNS = [
    Column("stt", "STT", aliases=("tt", "so tt", "so thu tu"), example="Ví dụ", width=7),
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten ca nhan"),
           "Họ, tên đệm và tên; ít nhất hai từ.", "Nguyễn Văn An", 26),
    Column("gender", "Giới tính", True, ("gioi", "nam nu"), "Nam hoặc Nữ.", "Nam", 10),
    Column("birth_date", "Ngày sinh", False, ("ngay thang nam sinh", "ngay sinh dd mm yyyy", "sinh ngay"),
           "dd/mm/yyyy, ví dụ 17/05/1980.", "17/05/1980", 13),
    Column("ethnicity", "Dân tộc", False, (), "Để trống là Kinh.", "Kinh", 10),
    Column("national_id", "Số CCCD", False, ("cccd", "so can cuoc", "so can cuoc cong dan", "so dinh danh",
                                              "so dinh danh ca nhan", "so cmnd cccd", "cmnd cccd"),
           "Đủ 12 chữ số (định dạng ô là Văn bản để giữ số 0 ở đầu).", "", 16),
    Column("unit", "Đơn vị", True, ("ma don vi", "don vi cong tac", "co quan don vi", "ten don vi"),
           "Mã đơn vị (xem bảng đơn vị bên dưới) hoặc đúng tên đơn vị.", "", 14),
    Column("position", "Chức vụ", False, ("chuc danh", "chuc vu chuc danh"), "", "Chuyên viên", 18),
    Column("is_leader", "Lãnh đạo", False, ("la lanh dao", "lanh dao quan ly", "can bo lanh dao"),
           "Ghi x (hoặc Có) nếu là lãnh đạo, quản lý.", "", 10),
    Column("is_direct_worker", "Trực tiếp LĐSX", False,
           ("truc tiep lao dong san xuat", "truc tiep ld sx", "nguoi truc tiep lao dong san xuat",
            "truc tiep lao dong san xuat cong tac", "truc tiep"),
           "Ghi x (hoặc Có) nếu là người trực tiếp lao động, sản xuất, công tác.", "", 12),
    Column("employment_kind", "Loại cán bộ", False, ("loai", "doi tuong can bo", "loai cbccvc"),
           "Cán bộ, Công chức, Viên chức, Người lao động, Lực lượng vũ trang, Nông dân, Khác; "
           "để trống là Viên chức.", "Công chức", 16),
    Column("hired_on", "Ngày vào làm", False, ("ngay tuyen dung", "ngay vao co quan", "ngay bat dau cong tac",
                                                "ngay vao nganh"),
           "dd/mm/yyyy.", "01/09/2005", 13),
]

AWARD_COLUMNS = [
    Column("stt", "STT", aliases=("tt", "so tt", "so thu tu"), example="Ví dụ", width=7),
    Column("name", "Họ và tên (hoặc Tên tập thể)", False,
           ("ho ten", "ten tap the", "ho va ten ten tap the", "ho ten ten tap the", "ten ca nhan tap the",
            "ho ten ca nhan ten tap the", "ca nhan tap the", "doi tuong duoc khen"),
           "Cá nhân: họ và tên như trong danh sách cá nhân. Tập thể: để trống nếu chính là đơn vị, hoặc mã/tên "
           "tập thể thuộc đơn vị. Hộ gia đình: họ tên chủ hộ.", "Nguyễn Văn An", 26),
    Column("birth_date", "Ngày sinh", False, ("ngay thang nam sinh",),
           "dd/mm/yyyy; cần khi đơn vị có hai người trùng tên.", "17/05/1980", 13),
    Column("unit", "Đơn vị", True, ("ma don vi", "don vi cong tac", "co quan don vi", "ten don vi"),
           "Mã đơn vị (xem bảng đơn vị bên dưới) hoặc đúng tên đơn vị.", "", 14),
    Column("subject", "Đối tượng", False, ("loai doi tuong", "doi tuong khen thuong"),
           "Cá nhân, Tập thể hoặc Hộ gia đình; để trống là Cá nhân.", "Cá nhân", 12),
    Column("award", "Danh hiệu/Hình thức", True,
           ("danh hieu", "hinh thuc", "hinh thuc khen thuong", "danh hieu thi dua", "hinh thuc danh hieu",
            "danh hieu hinh thuc khen thuong", "danh hieu khen thuong", "ten danh hieu", "khen thuong"),
           "Tên như vẫn ghi: “Chiến sỹ thi đua cơ sở”, “CSTĐCS”, “Bằng khen UBND tỉnh”… (xem bảng bên dưới).",
           "Chiến sĩ thi đua cơ sở", 28),
    Column("year", "Năm", True, ("nam thanh tich", "nam dat", "nam khen thuong", "nam dat danh hieu"),
           "Năm thành tích, ví dụ 2024.", 2024, 8),
    Column("kind", "Loại hình", False, ("loai hinh khen thuong", "loai khen thuong"),
           "Thường xuyên, Chuyên đề, Đột xuất, Cống hiến, Niên hạn, Đối ngoại; để trống là Thường xuyên.",
           "Thường xuyên", 14),
    Column("achievement", "Thành tích", False, ("noi dung thanh tich", "thanh tich dat duoc", "ly do"),
           "", "Hoàn thành xuất sắc nhiệm vụ năm 2024", 30),
    Column("number", "Số quyết định", True, ("so qd", "so ky hieu", "so ky hieu quyet dinh", "so quyet dinh khen thuong",
                                             "quyet dinh so"),
           "Số, ký hiệu, ví dụ 125/QĐ-STC.", "125/QĐ-STC", 16),
    Column("signed_on", "Ngày quyết định", True, ("ngay qd", "ngay ky", "ngay ky quyet dinh", "ngay ban hanh"),
           "dd/mm/yyyy.", "20/12/2024", 14),
    Column("issuer", "Cơ quan ban hành", False, ("co quan quyet dinh", "noi ban hanh", "don vi ban hanh",
                                                  "co quan ban hanh quyet dinh"),
           "Để trống thì suy ra từ đơn vị và thẩm quyền (ví dụ Bằng khen tỉnh: UBND tỉnh).", "", 24),
]


def _pick(columns: list[Column], *fields: str) -> list[Column]:
    by_field = {c.field: c for c in columns}
    return [by_field[f] for f in fields]


# The nominee list a unit keeps for a dossier (tdkt/dossiers/intake.py): who, which award, what achievement.
NOMINEE_COLUMNS = [
    *_pick(AWARD_COLUMNS, "stt", "name", "birth_date"),
    *_pick(PEOPLE_COLUMNS, "national_id"),
    *_pick(AWARD_COLUMNS, "unit", "subject", "award"),
    Column("achievement", "Tóm tắt thành tích", False,
           ("thanh tich", "noi dung thanh tich", "thanh tich dat duoc", "tom tat thanh tich dat duoc",
            "tom tat thanh tich de nghi", "ly do"),
           "Để trống thì dùng nội dung chung ghi trên trang nhập.", "Hoàn thành xuất sắc nhiệm vụ năm 2025", 40),
    # A ground only people can judge (the rule engine's claims) with its evidence, where the award needs one.
    Column("ground", "Căn cứ đề nghị", False, ("can cu", "can cu de nghi khen thuong", "can cu khen thuong"),
           "Chỉ ghi khi danh hiệu, hình thức cần căn cứ (ví dụ Bằng khen): chọn đúng tên một căn cứ trong bảng "
           "“Căn cứ đề nghị” bên dưới; để trống nếu không nêu.", "", 36),
    Column("evidence", "Minh chứng căn cứ", False, ("minh chung", "minh chung can cu de nghi", "van ban minh chung"),
           "Bắt buộc khi có căn cứ: văn bản, số quyết định, tài liệu chứng minh căn cứ đã nêu.", "", 36),
]

COLUMNS = {"people": PEOPLE_COLUMNS, "awards": AWARD_COLUMNS, "nominees": NOMINEE_COLUMNS}


def _column_index(columns: list[Column]) -> dict[str, str]:
    index = {}
    for col in columns:
        for key in (header_key(col.header), *col.aliases):
            index.setdefault(key, col.field)
    return index


# --- The workbook --------------------------------------------------------------------------------

@dataclass
class Sheet:
    """The data sheet of an import file, with its header row located and its columns mapped."""

    kind: str
    name: str
    header_index: int                 # 0-based index of the header row
    columns: dict[str, tuple[int, str]]   # field -> (column index, header text as in the file)
    total_rows: int                   # rows after the header, blank ones included
    _sheet: object = field(repr=False, default=None)

    @property
    def header_row(self) -> int:
        return self.header_index + 1

    def column_label(self, field_name: str) -> str:
        if field_name in self.columns:
            return self.columns[field_name][1]
        for col in COLUMNS[self.kind]:
            if col.field == field_name:
                return col.header
        return field_name

    def rows(self, start: int = 0, stop: int | None = None):
        """(Excel row number, {field: raw cell}) for data rows start..stop (0-based after the header)."""
        first = self.header_index + 1 + start
        last = None if stop is None else self.header_index + 1 + stop
        raw_rows = itertools.islice(self._sheet.iter_rows(), first, last)
        for offset, cells in enumerate(raw_rows):
            values = {f: (cells[i] if i < len(cells) else "") for f, (i, _) in self.columns.items()}
            yield first + offset + 1, values


def _check_container(data: bytes) -> None:
    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError(NOT_XLSX)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unzipped = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileError(NOT_XLSX) from None
    if "xl/workbook.xml" not in names:
        raise ImportFileError(NOT_XLSX)
    if unzipped > max_unzipped_bytes():
        raise ImportFileError("Tệp Excel giải nén ra quá lớn; hãy chia thành nhiều tệp nhỏ hơn.")


NOT_XLSX = ("Tệp không phải là tệp Excel .xlsx hợp lệ (có thể chỉ được đổi đuôi tên). "
            "Hãy mở tệp bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)”.")


def check_name_and_size(name: str, size: int) -> None:
    if not (name or "").lower().endswith(".xlsx"):
        hint = " Tệp .xls đời cũ: hãy mở bằng Excel và lưu lại dạng .xlsx." if (name or "").lower().endswith(".xls") else ""
        raise ImportFileError(f"Chỉ nhận tệp Excel đuôi .xlsx (tệp “{name}” không đúng).{hint}")
    limit = settings.TDKT_MAX_UPLOAD_BYTES
    if size > limit:
        raise ImportFileError(f"Tệp dung lượng {size / 1024 / 1024:.1f} MB, vượt giới hạn "
                              f"{limit / 1024 / 1024:.0f} MB; hãy chia thành nhiều tệp nhỏ hơn.")
    if size == 0:
        raise ImportFileError("Tệp rỗng.")


def open_sheet(data: bytes, kind: str) -> Sheet:
    """Open the workbook, find the sheet and header row of this kind of file, map its columns."""
    from python_calamine import CalamineError, CalamineWorkbook

    _check_container(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (CalamineError, ValueError, OSError):
        raise ImportFileError(NOT_XLSX) from None
    columns = COLUMNS[kind]
    required = [c for c in columns if c.required]
    index = _column_index(columns)
    best_missing = None
    for sheet_name in workbook.sheet_names:
        try:
            sheet = workbook.get_sheet_by_name(sheet_name)
        except CalamineError:
            continue
        head = list(itertools.islice(sheet.iter_rows(), HEADER_SEARCH_ROWS))
        for i, cells in enumerate(head):
            mapped: dict[str, tuple[int, str]] = {}
            for j, cell in enumerate(cells):
                fld = index.get(header_key(cell))
                if fld and fld not in mapped:
                    mapped[fld] = (j, normalize_spaces(str(cell)).rstrip("* ").strip())
            missing = [c.header for c in required if c.field not in mapped]
            if not missing:
                end = sheet.end
                height = (end[0] + 1) if end else 0
                total = max(0, height - i - 1)
                limit = max_rows()
                if total > limit:
                    raise ImportFileError(f"Tệp có {total:,} dòng, vượt giới hạn {limit:,} dòng một lần nhập; "
                                          "hãy chia thành nhiều tệp.".replace(",", "."))
                return Sheet(kind, sheet_name, i, mapped, total, sheet)
            if len(mapped) >= 2 and (best_missing is None or len(missing) < len(best_missing)):
                best_missing = missing
    expected = ", ".join(c.header for c in required)
    if best_missing:
        raise ImportFileError(f"Dòng tiêu đề thiếu cột bắt buộc: {', '.join(best_missing)}. "
                              "Hãy dùng tệp mẫu tải về từ trang này.")
    raise ImportFileError(f"Không tìm thấy dòng tiêu đề có các cột {expected} trong {HEADER_SEARCH_ROWS} dòng đầu "
                          "của tệp. Hãy dùng tệp mẫu tải về từ trang này.")


# --- Cell values ---------------------------------------------------------------------------------

class CellError(ValueError):
    """A cell that cannot be read; the message is the Vietnamese reason."""


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def shown(value) -> str:
    """How a raw cell appears in a message."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return normalize_spaces(str(value))[:80]


def text(value, max_length: int | None = None, label: str = "") -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return shown(value)
    result = normalize_spaces(str(value))
    if max_length and len(result) > max_length:
        raise CellError(f"{label or 'Nội dung'} dài quá {max_length} ký tự.")
    return result


_DATE_PATTERNS = [
    (re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"), ("d", "m", "y")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), ("y", "m", "d")),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T]00:00(:00)?$"), ("y", "m", "d")),
]


def date(value, label: str) -> datetime.date | None:
    """A date cell, or text dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy) or yyyy-mm-dd, within
    the dates a user may enter (core.years.DATES)."""
    parsed = _date(value, label)
    problem = date_problem(parsed, label)
    if problem:
        raise CellError(problem)
    return parsed


def _date(value, label: str) -> datetime.date | None:
    if is_blank(value):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = normalize_spaces(str(value))
    for pattern, order in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            parts = dict(zip(order, (int(g) for g in match.groups()[:3])))
            try:
                return datetime.date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                break
    raise CellError(f"{label} “{shown(value)}” không phải ngày hợp lệ (ghi theo dạng dd/mm/yyyy, ví dụ 17/05/1980).")


def year(value, label: str) -> int | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise CellError(f"{label} phải là năm có bốn chữ số, ví dụ 2024.")
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    raw = normalize_spaces(str(value))
    if re.fullmatch(r"\d{4}", raw):
        return int(raw)
    raise CellError(f"{label} “{shown(value)}” phải là năm có bốn chữ số, ví dụ 2024.")


_TRUE = {"x", "co", "c", "yes", "y", "1", "true", "dung", "la lanh dao", "v"}
_FALSE = {"", "khong", "k", "no", "n", "0", "false", "-"}


def flag(value, label: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        value = str(int(value)) if float(value).is_integer() else str(value)
    key = fold(str(value or ""))
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise CellError(f"{label} “{shown(value)}” không hiểu được; ghi x (hoặc Có) nếu đúng, để trống nếu không.")


def national_id(value, label: str) -> str:
    """CCCD numbers: a number cell loses its leading zero (every CCCD starts with a province code
    like 035), so a number of fewer than 12 digits is padded back."""
    if is_blank(value):
        return ""
    if isinstance(value, float):
        if not value.is_integer():
            raise CellError(f"{label} “{shown(value)}” phải gồm đúng 12 chữ số.")
        digits = str(int(value))
        if len(digits) <= 12:
            digits = digits.zfill(12)
    else:
        digits = re.sub(r"[\s.\-]", "", str(value))
    if not (digits.isdigit() and len(digits) == 12):
        raise CellError(f"{label} “{shown(value)}” phải gồm đúng 12 chữ số.")
    return digits


def choice(value, mapping: dict[str, str], label: str, allowed: str) -> str | None:
    """Map a folded cell to a code through `mapping` (keys folded); None when blank."""
    if is_blank(value):
        return None
    key = header_key(value)
    if key in mapping:
        return mapping[key]
    raise CellError(f"{label} “{shown(value)}” không hợp lệ; ghi một trong: {allowed}.")
