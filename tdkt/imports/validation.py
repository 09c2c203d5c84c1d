"""Row validation of import files: every bad cell becomes {row, column, message} in Vietnamese, every good
row becomes a plan the commit carries out through the services of org and awards.

A validator works chunk by chunk (the preview page shows progress between chunks); what it must
remember from earlier chunks (the keys of likely duplicates within the file) is in `state`, plain
JSON that the batch keeps between steps.
"""
from __future__ import annotations

import abc
import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.db.models import Q

from tdkt.awards import register
from tdkt.awards.choices import Authority, AwardStatus, CommendationKind, SubjectKind
from tdkt.awards.models import AwardRecord, AwardType, Decision
from tdkt.core import clock
from tdkt.core.scope import scope_unit_ids
from tdkt.core.text import fold, normalize_spaces
from tdkt.core.years import RECORD_YEARS
from tdkt.org.choices import EmploymentKind, Gender, UnitKind
from tdkt.org.models import Household, Person, Unit
from tdkt.org.services import MSG_NATIONAL_ID_UNAVAILABLE

from . import parsing
from .parsing import CellError, Sheet, header_key, is_blank


def seen_key(text: str) -> str:
    """A short fixed-size key for the within-file duplicate state (kept small for files of 200,000 rows)."""
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _fmt(d: datetime.date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


def award_key(text) -> str:
    """Fold an award name the way clerks vary it: marks, case, punctuation, “sỹ” for “sĩ”,
    “Ủy ban nhân dân” for “UBND”."""
    key = header_key(text)
    key = re.sub(r"\bsy\b", "si", key)
    key = key.replace("uy ban nhan dan", "ubnd")
    return key


def _mapping(pairs: dict[str, list[str]], choices) -> dict[str, str]:
    result = {}
    for value, label in choices.choices:
        result[header_key(value)] = value
        result[header_key(label)] = value
    for value, words in pairs.items():
        for word in words:
            result[header_key(word)] = value
    return result


GENDERS = _mapping({Gender.MALE: ["nam", "trai", "m"], Gender.FEMALE: ["nu", "gai", "f"]}, Gender)
EMPLOYMENT_KINDS = _mapping({
    EmploymentKind.WORKER: ["lao dong", "nld", "hop dong"],
    EmploymentKind.CIVIL_SERVANT: ["cc"], EmploymentKind.PUBLIC_EMPLOYEE: ["vc"],
    EmploymentKind.ARMED_FORCES: ["llvt", "quan doi", "cong an"],
}, EmploymentKind)
SUBJECT_KINDS = _mapping({
    SubjectKind.INDIVIDUAL: ["ca nhan", "cn"], SubjectKind.COLLECTIVE: ["tap the", "tt", "don vi", "co quan"],
    SubjectKind.HOUSEHOLD: ["ho", "gia dinh", "ho gia dinh", "hgd"],
}, SubjectKind)
COMMENDATION_KINDS = _mapping({
    CommendationKind.REGULAR: ["thuong xuyen", "cong trang", "khen thuong thuong xuyen", "hang nam"],
    CommendationKind.THEMATIC: ["chuyen de", "theo dot", "khen thuong chuyen de", "theo chuyen de"],
    CommendationKind.AD_HOC: ["dot xuat", "khen thuong dot xuat"],
    CommendationKind.CAREER: ["cong hien", "qua trinh cong hien"],
    CommendationKind.LONG_SERVICE: ["nien han"],
    CommendationKind.FOREIGN: ["doi ngoai"],
    CommendationKind.THEMATIC_MOVEMENT: ["phong trao thi dua theo chuyen de", "phong trao theo chuyen de"],
}, CommendationKind)

KIND_WORDS = "Thường xuyên, Chuyên đề, Đột xuất, Cống hiến, Niên hạn, Đối ngoại, Phong trào thi đua theo chuyên đề"

# The field a service names in its ValidationError -> the column of the file.
PEOPLE_FIELD_COLUMNS = {"full_name": "full_name", "gender": "gender", "birth_date": "birth_date",
                        "national_id": "national_id", "employment_kind": "employment_kind", "hired_on": "hired_on",
                        "unit": "unit", "position": "position", "ethnicity": "ethnicity"}
AWARD_FIELD_COLUMNS = {"award_type": "award", "subject_kind": "subject", "person": "name", "recipient_unit": "name",
                       "household": "name", "year": "year", "kind": "kind", "number": "number",
                       "signed_on": "signed_on", "issuer_name": "issuer", "authority": "award"}


class Lookups:
    """What every row needs and that can be loaded once: units (by code and name), the scope, awards."""

    def __init__(self, actor):
        self.actor = actor
        self.scope = scope_unit_ids(actor)
        self.units: dict[int, Unit] = {u.pk: u for u in Unit.objects.all()}
        self.by_code: dict[str, Unit] = {}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in self.units.values():
            self.by_code[fold(unit.code)] = unit
            for name in {fold(unit.name), fold(unit.short_name)} - {""}:
                self.by_name.setdefault(name, []).append(unit)
        self.parent_ids = {u.parent_id for u in self.units.values() if u.parent_id}
        self._awards: dict[str, AwardType] | None = None
        self._province_names: list[str] | None = None

    # --- units ---

    def in_scope(self, unit: Unit) -> bool:
        return self.scope is None or unit.pk in self.scope

    def resolve_unit(self, raw, label: str) -> Unit:
        written = parsing.text(raw)
        key = fold(written)
        if not key:
            raise CellError(f"{label} không được để trống (ghi mã đơn vị hoặc tên đơn vị).")
        candidates = [self.by_code[key]] if key in self.by_code else self.by_name.get(key, [])
        mine = [u for u in candidates if self.in_scope(u)]
        if not mine:
            if self.scope is None:
                raise CellError(f"Không tìm thấy đơn vị “{written}” trong danh mục đơn vị; ghi mã đơn vị "
                                "(xem trang Hướng dẫn của tệp mẫu) hoặc đúng tên đơn vị.")
            raise CellError(f"Đơn vị “{written}” không có trong danh mục hoặc không thuộc phạm vi của bạn; ghi mã "
                            "đơn vị thuộc phạm vi (xem trang Hướng dẫn của tệp mẫu) hoặc đúng tên đơn vị.")
        if len(mine) > 1:
            codes = ", ".join(sorted(u.code for u in mine))
            raise CellError(f"Tên đơn vị “{written}” ứng với nhiều đơn vị (mã {codes}); hãy ghi mã đơn vị.")
        return mine[0]

    def lineage(self, unit: Unit):
        """The unit, then its parents up to the top."""
        seen = set()
        while unit is not None and unit.pk not in seen:
            seen.add(unit.pk)
            yield unit
            unit = self.units.get(unit.parent_id) if unit.parent_id else None

    def match_unit_below(self, unit: Unit, written: str) -> list[Unit]:
        key = fold(written)
        return [u for u in self.units.values()
                if u.path.startswith(unit.path) and key in (fold(u.code), fold(u.name), fold(u.short_name))]

    # --- awards ---

    def province_names(self) -> list[str]:
        if self._province_names is None:
            names = []
            for unit in self.units.values():
                if unit.kind == UnitKind.PROVINCE:
                    key = award_key(unit.name)
                    names.append(key)
                    names.append(re.sub(r"^ubnd ", "", key))
            self._province_names = sorted({n for n in names if n}, key=len, reverse=True)
        return self._province_names

    @property
    def awards(self) -> dict[str, AwardType]:
        if self._awards is None:
            index: dict[str, AwardType] = {}
            for award in AwardType.objects.all():
                for written in (award.code, award.name, award.short_name, *award.aliases.splitlines()):
                    key = award_key(written)
                    if key:
                        index.setdefault(key, award)
            self._awards = index
        return self._awards

    def resolve_award(self, raw, label: str) -> AwardType:
        written = parsing.text(raw)
        if not written:
            raise CellError(f"{label} không được để trống.")
        key = award_key(written)
        tries = [key, re.sub(r"^(danh hieu|hinh thuc khen thuong|hinh thuc|tang) ", "", key)]
        for province in self.province_names():
            # "Bằng khen của UBND tỉnh Hà Nam" is the provincial certificate of merit.
            for candidate in list(tries):
                if province in candidate:
                    name_free = candidate.replace(province, "ubnd tinh" if province.startswith("ubnd") else "tinh")
                    tries.append(" ".join(name_free.split()))
        for candidate in tries:
            if candidate in self.awards:
                return self.awards[candidate]
        raise CellError(f"Không nhận ra danh hiệu, hình thức “{written}”; ghi tên như trong danh mục (xem trang "
                        "Hướng dẫn của tệp mẫu), ví dụ “Chiến sĩ thi đua cơ sở”, “CSTĐCS”, “Bằng khen UBND tỉnh”.")

    def default_issuer(self, award: AwardType, unit: Unit) -> tuple[str, Unit | None]:
        """Who issues the decision when the file does not say: from the award's authority and the unit."""
        authority = award.authority
        if authority == Authority.PRIME_MINISTER:
            return "Thủ tướng Chính phủ", None
        if authority == Authority.PRESIDENT:
            return "Chủ tịch nước", None
        chain = list(self.lineage(unit))
        if authority == Authority.PROVINCE_CHAIR:
            issuer = next((u for u in chain if u.kind == UnitKind.PROVINCE), None)
            return (issuer.name, issuer) if issuer else ("UBND tỉnh", None)
        if authority == Authority.COMMUNE_CHAIR:
            issuer = next((u for u in chain if u.kind == UnitKind.COMMUNE), unit)
            return issuer.name, issuer
        # The head of the agency: a division (phòng) of a department is not an issuer itself.
        issuer = next((u for u in chain if u.kind != UnitKind.DIVISION), unit)
        return issuer.name, issuer

    def issuer_unit_for(self, issuer_name: str) -> Unit | None:
        matches = self.by_name.get(fold(issuer_name), [])
        return matches[0] if len(matches) == 1 else None


@dataclass
class RowResult:
    row: int
    errors: list[tuple[str, str]] = field(default_factory=list)   # (field, message)

    def add(self, fld: str, message: str) -> None:
        self.errors.append((fld, message))

    def has(self, *fields: str) -> bool:
        return any(f in fields for f, _ in self.errors)


class Validator(abc.ABC):
    """Shared skeleton: parse cells, then check a whole chunk against the database in a few queries."""

    kind = ""

    def __init__(self, sheet: Sheet, actor, state: dict | None = None, lookups: Lookups | None = None):
        self.sheet = sheet
        self.actor = actor
        self.lookups = lookups or Lookups(actor)
        self.state = state if state is not None else {}
        self.errors: list[dict] = []
        self.bad_rows = 0
        self.data_rows = 0
        self.plans: list[dict] = []

    def label(self, fld: str) -> str:
        return self.sheet.column_label(fld)

    def error_dict(self, row: int, fld: str, message: str) -> dict:
        return {"row": row, "column": self.label(fld) if fld else "", "message": message}

    def is_blank_row(self, raw: dict) -> bool:
        stt = fold(str(raw.get("stt") or ""))
        if stt.startswith("vi du") or stt == "vd":
            return True     # the template's example row
        return all(is_blank(v) for f, v in raw.items() if f != "stt")

    def cell(self, result: RowResult, fld: str, func, *args):
        try:
            return func(*args)
        except CellError as exc:
            result.add(fld, str(exc))
            return None

    def check_chunk(self, rows) -> list[dict]:
        """Validate (row number, raw cells) pairs; returns the plans of good rows, adds errors."""
        pending = []
        for number, raw in rows:
            if self.is_blank_row(raw):
                continue
            self.data_rows += 1
            result = RowResult(number)
            pending.append((result, self.parse(result, raw)))
        self.check_against_database(pending)
        plans = []
        for result, values in pending:
            if result.errors:
                self.bad_rows += 1
                self.errors.extend(self.error_dict(result.row, f, m) for f, m in self.sorted_errors(result))
            else:
                plans.append({"row": result.row, **values})
        self.plans.extend(plans)
        return plans

    def sorted_errors(self, result: RowResult):
        order = {c.field: i for i, c in enumerate(parsing.COLUMNS[self.kind])}
        return sorted(result.errors, key=lambda e: order.get(e[0], 99))

    @abc.abstractmethod
    def parse(self, result: RowResult, raw: dict) -> dict:
        """Turn one row's raw cells into field values, adding errors to `result`."""

    @abc.abstractmethod
    def check_against_database(self, pending) -> None:
        """Check a chunk of parsed rows against the database in a few queries."""


# --- People --------------------------------------------------------------------------------------

class PeopleValidator(Validator):
    kind = "people"

    def parse(self, result: RowResult, raw: dict) -> dict:
        label = self.label
        v: dict = {}
        name = self.cell(result, "full_name", parsing.text, raw.get("full_name"), 150, label("full_name"))
        if name is not None:
            if not name:
                result.add("full_name", f"{label('full_name')} không được để trống.")
            elif len(name.split()) < 2:
                result.add("full_name", f"{label('full_name')} “{name}” phải có ít nhất họ và tên (hai từ).")
            v["full_name"] = name
        gender = self.cell(result, "gender", parsing.choice, raw.get("gender"), GENDERS, label("gender"), "Nam, Nữ")
        if gender is None and not result.has("gender"):
            result.add("gender", f"{label('gender')} không được để trống (ghi Nam hoặc Nữ).")
        v["gender"] = gender
        birth = self.cell(result, "birth_date", parsing.date, raw.get("birth_date"), label("birth_date"))
        if birth is not None:
            if birth > clock.today():
                result.add("birth_date", f"{label('birth_date')} {_fmt(birth)} ở tương lai.")
            elif birth.year < 1900:
                result.add("birth_date", f"{label('birth_date')} {_fmt(birth)} không hợp lệ (trước năm 1900).")
        v["birth_date"] = birth
        ethnicity = self.cell(result, "ethnicity", parsing.text, raw.get("ethnicity"), 50, label("ethnicity"))
        if ethnicity:
            v["ethnicity"] = ethnicity
        v["national_id"] = self.cell(result, "national_id", parsing.national_id, raw.get("national_id"),
                                     label("national_id")) or ""
        unit = self.cell(result, "unit", self.lookups.resolve_unit, raw.get("unit"), label("unit"))
        if unit is not None and unit.is_merged:
            successor = unit.final_successor()
            result.add("unit", f"Đơn vị “{unit.name}” đã sáp nhập vào “{successor.name}” (mã {successor.code}); "
                               "hãy ghi đơn vị tiếp nhận.")
        v["unit"] = unit
        v["position"] = self.cell(result, "position", parsing.text, raw.get("position"), 200, label("position")) or ""
        v["is_leader"] = bool(self.cell(result, "is_leader", parsing.flag, raw.get("is_leader"), label("is_leader")))
        v["is_direct_worker"] = bool(self.cell(result, "is_direct_worker", parsing.flag, raw.get("is_direct_worker"),
                                               label("is_direct_worker")))
        kind = self.cell(result, "employment_kind", parsing.choice, raw.get("employment_kind"), EMPLOYMENT_KINDS,
                         label("employment_kind"), ", ".join(EmploymentKind.labels))
        if kind:
            v["employment_kind"] = kind
        hired = self.cell(result, "hired_on", parsing.date, raw.get("hired_on"), label("hired_on"))
        if hired is not None:
            if hired > clock.today() + datetime.timedelta(days=366):
                result.add("hired_on", f"{label('hired_on')} {_fmt(hired)} quá xa trong tương lai.")
            elif birth is not None and hired < birth:
                result.add("hired_on", f"{label('hired_on')} {_fmt(hired)} trước {label('birth_date').lower()} "
                                       f"{_fmt(birth)}.")
        v["hired_on"] = hired
        return v

    def check_against_database(self, pending) -> None:
        names = {fold(v["full_name"]) for _, v in pending if v.get("full_name") and v.get("birth_date")}
        same_name: dict[tuple[str, datetime.date], Person] = {}
        if names:
            for person in Person.objects.filter(search_text__in=names, birth_date__isnull=False).select_related("unit"):
                same_name.setdefault((person.search_text, person.birth_date), person)
        ids = {v["national_id"] for _, v in pending if v.get("national_id")}
        same_id = {p.national_id: p for p in Person.objects.filter(national_id__in=ids).select_related("unit")} if ids else {}
        seen_people = self.state.setdefault("people", {})
        seen_ids = self.state.setdefault("national_ids", {})
        for result, v in pending:
            nid = v.get("national_id") or ""
            if nid:
                if nid in same_id:
                    p = same_id[nid]
                    result.add("national_id", f"Số CCCD {nid} đã có trong hệ thống: {p.full_name}, {p.unit.name}."
                               if self.lookups.in_scope(p.unit) else MSG_NATIONAL_ID_UNAVAILABLE.format(nid=nid))
                elif seen_key(nid) in seen_ids:
                    result.add("national_id", f"Số CCCD {nid} trùng với dòng {seen_ids[seen_key(nid)]} của tệp.")
                else:
                    seen_ids[seen_key(nid)] = result.row
            if not (v.get("full_name") and v.get("birth_date")) or result.has("national_id"):
                continue
            folded, birth = fold(v["full_name"]), v["birth_date"]
            existing = same_name.get((folded, birth))
            # Two different CCCD numbers are two different people, whatever their names.
            if existing is not None and not (nid and existing.national_id and nid != existing.national_id):
                if self.lookups.in_scope(existing.unit):
                    result.add("full_name", f"Có thể trùng người đã có: {existing.full_name}, sinh "
                                            f"{_fmt(existing.birth_date)}, đơn vị {existing.unit.name}.")
                else:
                    result.add("full_name", f"Có thể trùng người đã có trong hệ thống (cùng họ tên, ngày sinh "
                                            f"{_fmt(existing.birth_date)}) ở một đơn vị ngoài phạm vi của bạn; "
                                            "nếu người này chuyển đến, hãy đề nghị chuyển công tác thay vì nhập mới.")
                continue
            key = seen_key(f"{folded}|{birth.isoformat()}")
            earlier = seen_people.get(key)
            if earlier is not None and not (nid and earlier[1] and nid != earlier[1]):
                result.add("full_name", f"Có thể trùng người ở dòng {earlier[0]} của tệp (cùng họ tên và ngày sinh).")
            elif earlier is None:
                seen_people[key] = [result.row, nid]


# --- Award history -------------------------------------------------------------------------------

class AwardValidator(Validator):
    kind = "awards"

    def parse(self, result: RowResult, raw: dict) -> dict:
        label = self.label
        lookups = self.lookups
        v: dict = {}
        subject = self.cell(result, "subject", parsing.choice, raw.get("subject"), SUBJECT_KINDS, label("subject"),
                            "Cá nhân, Tập thể, Hộ gia đình")
        if subject is None and not result.has("subject"):
            subject = SubjectKind.INDIVIDUAL
        v["subject_kind"] = subject
        v["name"] = self.cell(result, "name", parsing.text, raw.get("name"), 255, label("name")) or ""
        if subject in (SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD) and not v["name"] and not result.has("name"):
            result.add("name", f"{label('name')} không được để trống.")
        v["birth_date"] = self.cell(result, "birth_date", parsing.date, raw.get("birth_date"), label("birth_date"))
        v["unit"] = self.cell(result, "unit", lookups.resolve_unit, raw.get("unit"), label("unit"))
        award = self.cell(result, "award", lookups.resolve_award, raw.get("award"), label("award"))
        if award is not None and subject and not award.allows(subject):
            result.add("award", f"“{award.name}” không áp dụng cho đối tượng {SubjectKind(subject).label.lower()} "
                                f"(áp dụng cho: {award.subjects_display}).")
        v["award_type"] = award
        year = self.cell(result, "year", parsing.year, raw.get("year"), label("year"))
        this_year = clock.today().year
        if year is None and not result.has("year"):
            result.add("year", f"{label('year')} không được để trống (năm thành tích, ví dụ {this_year - 1}).")
        elif year is not None and year not in RECORD_YEARS:
            result.add("year", f"{label('year')} {year} phải từ {RECORD_YEARS.first} đến {RECORD_YEARS.upper}.")
            year = None
        v["year"] = year
        kind = self.cell(result, "kind", parsing.choice, raw.get("kind"), COMMENDATION_KINDS, label("kind"), KIND_WORDS)
        v["kind"] = kind or CommendationKind.REGULAR
        v["achievement"] = self.cell(result, "achievement", parsing.text, raw.get("achievement"), 4000,
                                     label("achievement")) or ""
        number = self.cell(result, "number", parsing.text, raw.get("number"), 50, label("number"))
        if number is not None and not number:
            result.add("number", f"{label('number')} không được để trống.")
        v["number"] = number or ""
        signed = self.cell(result, "signed_on", parsing.date, raw.get("signed_on"), label("signed_on"))
        if signed is None and not result.has("signed_on"):
            result.add("signed_on", f"{label('signed_on')} không được để trống (dd/mm/yyyy).")
        elif signed is not None:
            if signed > clock.today():
                result.add("signed_on", f"{label('signed_on')} {_fmt(signed)} ở tương lai.")
            elif year is not None and signed.year < year:
                result.add("year", f"Năm thành tích {year} sau năm ký quyết định ({_fmt(signed)}).")
        v["signed_on"] = signed
        issuer = self.cell(result, "issuer", parsing.text, raw.get("issuer"), 255, label("issuer")) or ""
        issuer_unit = lookups.issuer_unit_for(issuer) if issuer else None
        if not issuer and award is not None and v["unit"] is not None:
            issuer, issuer_unit = lookups.default_issuer(award, v["unit"])
        if issuer_unit is not None and not lookups.in_scope(issuer_unit):
            issuer_unit = None      # a clerk may cite a higher body's decision but not file it as theirs
        v["issuer"] = issuer
        v["issuer_unit"] = issuer_unit
        v["authority"] = award.authority if award is not None else ""
        return v

    # The subject of each row, then duplicates and decisions, in a handful of queries per chunk.
    def check_against_database(self, pending) -> None:
        self._resolve_people(pending)
        self._resolve_collectives(pending)
        self._resolve_households(pending)
        self._check_duplicates(pending)
        self._check_decisions(pending)

    def _subject_ok(self, result: RowResult, v: dict, kind: str) -> bool:
        return v.get("subject_kind") == kind and v.get("unit") is not None and not result.has("name", "unit", "subject")

    def _resolve_people(self, pending) -> None:
        rows = [(r, v) for r, v in pending if self._subject_ok(r, v, SubjectKind.INDIVIDUAL) and v["name"]]
        names = {fold(v["name"]) for _, v in rows}
        by_name: dict[str, list[Person]] = {}
        if names:
            for person in Person.objects.filter(search_text__in=names).select_related("unit"):
                by_name.setdefault(person.search_text, []).append(person)
        for result, v in rows:
            unit, name, birth = v["unit"], v["name"], v["birth_date"]
            found = [p for p in by_name.get(fold(name), [])
                     if p.unit.path.startswith(unit.path) and self.lookups.in_scope(p.unit)]
            where = f"đơn vị “{unit.name}”" + (" và các đơn vị trực thuộc" if unit.pk in self.lookups.parent_ids else "")
            if birth is not None:
                exact = [p for p in found if p.birth_date == birth]
                if not exact:
                    others = ", ".join(_fmt(p.birth_date) or "không rõ ngày sinh" for p in found[:3])
                    extra = f" (có người cùng tên sinh {others})" if found else ""
                    result.add("name", f"Không tìm thấy cá nhân “{name}” sinh {_fmt(birth)} ở {where}{extra}; "
                                       "hãy nhập cá nhân trước (mẫu nhập cá nhân) hoặc sửa họ tên, ngày sinh.")
                    continue
                found = exact
            if not found:
                result.add("name", f"Không tìm thấy cá nhân “{name}” ở {where}; hãy nhập cá nhân trước (mẫu nhập "
                                   "cá nhân) hoặc sửa họ tên, đơn vị.")
            elif len(found) > 1:
                if birth is None:
                    result.add("name", f"Có {len(found)} người tên “{name}” ở {where}; hãy ghi thêm ngày sinh để "
                                       "phân biệt.")
                else:
                    result.add("name", f"Có {len(found)} người tên “{name}” cùng sinh {_fmt(birth)} ở {where}; "
                                       "không phân biệt được, hãy kiểm tra lại danh sách cá nhân.")
            else:
                v["person"] = found[0]

    def _resolve_collectives(self, pending) -> None:
        for result, v in pending:
            if not self._subject_ok(result, v, SubjectKind.COLLECTIVE):
                continue
            unit = v["unit"]
            if not v["name"] or fold(v["name"]) in (fold(unit.name), fold(unit.code), fold(unit.short_name)):
                v["recipient_unit"] = unit
                continue
            found = [u for u in self.lookups.match_unit_below(unit, v["name"]) if self.lookups.in_scope(u)]
            if len(found) == 1:
                v["recipient_unit"] = found[0]
            elif not found:
                result.add("name", f"Không tìm thấy tập thể “{v['name']}” thuộc đơn vị “{unit.name}”; ghi mã hoặc "
                                   "đúng tên đơn vị, hoặc để trống nếu tập thể chính là đơn vị.")
            else:
                result.add("name", f"Tên tập thể “{v['name']}” ứng với nhiều đơn vị (mã "
                                   f"{', '.join(u.code for u in found)}); hãy ghi mã đơn vị.")

    def _resolve_households(self, pending) -> None:
        rows = [(r, v) for r, v in pending if self._subject_ok(r, v, SubjectKind.HOUSEHOLD) and v["name"]]
        if not rows:
            return
        keys = {self._head_key(v["name"]) for _, v in rows}
        by_head: dict[str, list[Household]] = {}
        for household in Household.objects.filter(search_text__in=keys).select_related("unit"):
            by_head.setdefault(household.search_text, []).append(household)
        for result, v in rows:
            unit = v["unit"]
            found = [h for h in by_head.get(self._head_key(v["name"]), []) if h.unit.path.startswith(unit.path)]
            if len(found) == 1:
                v["household"] = found[0]
            elif not found:
                result.add("name", f"Không tìm thấy hộ gia đình có chủ hộ “{v['name']}” ở “{unit.name}”.")
            else:
                result.add("name", f"Có {len(found)} hộ có chủ hộ “{v['name']}” ở “{unit.name}”; không phân biệt được.")

    @staticmethod
    def _head_key(name: str) -> str:
        # "Hộ ông Đinh Văn Tư" names the head; "Hồ Văn Nam" is a family name and stays.
        lowered = normalize_spaces(name).lower()
        return fold(re.sub(r"^hộ (gia đình )?(ông |bà )?", "", lowered))

    @staticmethod
    def subject_key(v: dict) -> str | None:
        if v.get("person") is not None:
            return f"i{v['person'].pk}"
        if v.get("recipient_unit") is not None:
            return f"c{v['recipient_unit'].pk}"
        if v.get("household") is not None:
            return f"h{v['household'].pk}"
        return None

    @staticmethod
    def award_key_of(v: dict, subject: str) -> str:
        award = v["award_type"]
        # A title is given once a year; a commendation may come twice in a year under different kinds.
        kind = "" if award.category == "title" else v["kind"]
        return f"{subject}|{award.code}|{v['year']}|{kind}"

    def _check_duplicates(self, pending) -> None:
        rows = [(r, v, self.subject_key(v)) for r, v in pending
                if v.get("award_type") is not None and v.get("year") is not None and self.subject_key(v)]
        if not rows:
            return
        existing = {}
        records = AwardRecord.objects.filter(status=AwardStatus.VALID, year__in={v["year"] for _, v, _ in rows},
                                             award_type__in={v["award_type"].pk for _, v, _ in rows})
        people = {v["person"].pk for _, v, _ in rows if v.get("person")}
        units = {v["recipient_unit"].pk for _, v, _ in rows if v.get("recipient_unit")}
        households = {v["household"].pk for _, v, _ in rows if v.get("household")}
        records = records.filter(Q(person__in=people) | Q(recipient_unit__in=units) | Q(household__in=households))
        for record in records.select_related("award_type", "decision"):
            subject = (f"i{record.person_id}" if record.person_id else
                       f"c{record.recipient_unit_id}" if record.recipient_unit_id else f"h{record.household_id}")
            kind = "" if record.award_type.category == "title" else record.kind
            existing.setdefault(f"{subject}|{record.award_type.code}|{record.year}|{kind}", record)
        seen = self.state.setdefault("awards", {})
        for result, v, subject in rows:
            key = self.award_key_of(v, subject)
            if key in existing:
                record = existing[key]
                where = (f" (Quyết định số {record.decision.number} ngày {_fmt(record.decision.signed_on)})"
                         if record.decision else "")
                result.add("award", f"Đã có “{record.award_type.name}” năm {record.year} của {record.recipient_name} "
                                    f"trong hệ thống{where}.")
            elif seen_key(key) in seen:
                result.add("award", f"Trùng với dòng {seen[seen_key(key)]} của tệp (cùng đối tượng, danh hiệu/hình thức, năm).")
            elif not result.errors:
                seen[seen_key(key)] = result.row

    def _check_decisions(self, pending) -> None:
        """Rows naming one decision (the same body however spelt, number, year) agree on its date; a
        decision of the register outside the importer's scope is refused, never linked."""
        rows = [(r, v) for r, v in pending if v.get("number") and v.get("signed_on") and v.get("issuer")
                and not r.has("signed_on", "number")]
        if not rows:
            return
        bodies = {}
        for _, v in rows:
            key = register.name_key(v["issuer"])
            if key not in bodies:
                bodies[key] = register.find_body(v["issuer"])
        wanted = [b for b in bodies.values() if b is not None]
        found, visible = {}, set()
        if wanted:
            existing = Decision.objects.numbered().filter(body__in=wanted, year__in={v["signed_on"].year for _, v in rows})
            for decision in existing:
                found[(decision.body_id, decision.number, decision.year)] = decision
                if decision.seq is not None:
                    found.setdefault((decision.body_id, decision.seq, decision.year), decision)
            visible = set(existing.visible_to(self.actor).values_list("pk", flat=True))
        groups = self.state.setdefault("decisions", {})
        for result, v in rows:
            number, signed, issuer = normalize_spaces(v["number"]), v["signed_on"], normalize_spaces(v["issuer"])
            v["number"], v["issuer"] = number, issuer
            key = register.name_key(issuer)
            body = bodies.get(key)
            decision = None
            if body is not None:
                decision = found.get((body.pk, number, signed.year)) or found.get(
                    (body.pk, register.number_seq(number), signed.year))
            if decision is not None and decision.pk not in visible:
                result.add("number", f"Quyết định số {number} năm {signed.year} của {body.name} đã có trong sổ quyết "
                                     f"định nhưng không thuộc phạm vi của bạn: không ghi khen thưởng theo quyết định này "
                                     f"được; đề nghị cơ quan đã vào sổ quyết định ghi bổ sung.")
                continue
            if decision is not None and decision.signed_on != signed:
                result.add("signed_on", f"Quyết định số {number} của {issuer} năm {signed.year} đã có trong sổ với "
                                        f"ngày ký {_fmt(decision.signed_on)}, khác ngày {_fmt(signed)} ghi trong tệp.")
                continue
            group = f"{key}|{register.number_seq(number) or number}|{signed.year}"
            if group in groups and groups[group][0] != signed.isoformat():
                first_date = datetime.date.fromisoformat(groups[group][0])
                result.add("signed_on", f"Quyết định số {number} của {issuer} đã ghi ở dòng {groups[group][1]} với "
                                        f"ngày {_fmt(first_date)}; một quyết định chỉ có một ngày ký.")
                continue
            groups.setdefault(group, [signed.isoformat(), result.row])


VALIDATORS = {"people": PeopleValidator, "awards": AwardValidator}


def make_validator(kind: str, sheet: Sheet, actor, state: dict | None = None) -> Validator:
    return VALIDATORS[kind](sheet, actor, state=state)
