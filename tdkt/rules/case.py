"""The eligibility case: the JSON contract of shared/domain/award-codes.md read into plain,
immutable records, with a Vietnamese message for every way a case can be invalid.

The engine never sees raw JSON: `parse_case` either returns a `Case` or raises `CaseError` naming
the field ("subject.kind", "awards[2].year"…). Optional sections that are absent mean "none
recorded". Extensions beyond the published example are optional and documented here:
- `subject.armed_forces` (bool): the person serves in the army, police or militia (CSTT).
- `subject.absences`: [{"from", "to", "kind"}] with kind `maternity` (counts as working time,
  NĐ 152 Điều 4), `training`, `injury` (count) or `leave` (unpaid leave: does not count).
- `subject.posts`: [{"level", "from", "to"}] leadership posts for quá trình cống hiến (HCLĐ hạng Ba,
  NĐ 152 Điều 21); `subject.retiring_on` (date) and `subject.retirement_age_raised` (bool).
- `initiatives[i].kind`: `initiative` (sáng kiến, default) or `research` (đề tài, công trình KH);
  `initiatives[i].used_for`: the award code it already served as a basis for.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .catalogue import AWARDS

SUBJECT_KINDS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}
RATINGS = ("excellent", "good", "completed", "not_completed")
RATING_NAMES = {"excellent": "hoàn thành xuất sắc nhiệm vụ", "good": "hoàn thành tốt nhiệm vụ",
                "completed": "hoàn thành nhiệm vụ", "not_completed": "không hoàn thành nhiệm vụ"}
KINDS = {"regular": "công trạng", "thematic": "chuyên đề", "ad_hoc": "đột xuất", "career": "quá trình cống hiến",
         "long_service": "niên hạn", "foreign": "đối ngoại"}
SCOPES = {"unit": "cơ sở", "province": "bộ, ngành, tỉnh", "national": "toàn quốc"}
SCOPE_ORDER = {"unit": 1, "province": 2, "national": 3}
INITIATIVE_KINDS = {"initiative": "sáng kiến", "research": "đề tài, công trình khoa học"}
DISCIPLINE_LEVELS = ("reprimand", "warning", "demotion", "downgrade", "removal", "dismissal")
ABSENCE_KINDS = {"maternity": "nghỉ thai sản", "training": "đi học, bồi dưỡng", "injury": "điều trị thương tích",
                 "leave": "nghỉ không lương"}
POST_LEVELS = ("general_director", "deputy_general_director", "director", "deputy_director")
CLAIMS = {
    "outstanding_in_movement": "tiêu biểu xuất sắc trong phong trào thi đua",
    "ad_hoc_achievement": "có thành tích đột xuất hoặc nhiều thành tích có phạm vi ảnh hưởng",
    "socio_economic_contribution": "có đóng góp vào phát triển kinh tế - xã hội, an sinh xã hội, từ thiện",
    "wide_influence": "có thành tích có phạm vi ảnh hưởng rộng",
    "regional_prize": "đạt giải trong các cuộc thi khu vực, quốc tế",
    "production_achievement": "nhiều thành tích trong lao động, sản xuất có ảnh hưởng trong ngành, nghề",
    "high_value_initiative": "có sáng kiến giá trị cao, giúp đỡ đồng nghiệp",
    "production_model": "có mô hình sản xuất hiệu quả, ổn định từ 2 năm trở lên",
    "combat_ingenuity": "có sáng kiến, mưu trí trong chiến đấu, phục vụ chiến đấu được công nhận",
    "contribution_of_assets": "đóng góp lớn công sức, đất đai, tài sản cho địa phương, xã hội",
    "leading_thematic_movement": "dẫn đầu phong trào thi đua theo chuyên đề được tổng kết",
    "movement_review_5_years": "tiêu biểu khi tổng kết phong trào thi đua từ 5 năm trở lên",
    "invention_applied": "có phát minh, sáng chế, công trình khoa học được ứng dụng hiệu quả cao",
}


class CaseError(ValueError):
    """An invalid case. `field` names where; the message is Vietnamese and says what is wrong."""

    def __init__(self, field: str, message: str):
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


@dataclass(frozen=True)
class AwardHeld:
    award: str
    year: int
    kind: str = "regular"


@dataclass(frozen=True)
class Initiative:
    year: int
    scope: str
    kind: str = "initiative"
    used_for: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date | None
    kind: str = ""


@dataclass(frozen=True)
class Members:
    total: int
    completed: int | None = None
    ldtt: int | None = None
    cstd_cs: int | None = None
    disciplined_warning_or_above: int | None = None
    women: int | None = None


@dataclass(frozen=True)
class Block:
    rank: int
    size: int


@dataclass(frozen=True)
class Subject:
    kind: str
    gender: str | None = None
    direct_worker: bool = False
    hired_on: dt.date | None = None
    jurisdiction: str | None = None
    armed_forces: bool = False
    absences: tuple[Period, ...] = ()
    posts: tuple[Period, ...] = ()
    retiring_on: dt.date | None = None
    retirement_age_raised: bool = False


@dataclass(frozen=True)
class Case:
    award: str
    year: int
    proposal_date: dt.date
    subject: Subject
    ratings: dict[int, str] = field(default_factory=dict)
    awards: tuple[AwardHeld, ...] = ()
    initiatives: tuple[Initiative, ...] = ()
    discipline: tuple[Period, ...] = ()
    under_review: bool = False
    members: Members | None = None
    block: Block | None = None
    proposal_kind: str = "regular"
    claims: frozenset[str] = frozenset()


MIN_YEAR, MAX_YEAR = 1945, 2100


def _date(value, where: str, required: bool = False) -> dt.date | None:
    if value is None:
        if required:
            raise CaseError(where, "thiếu ngày (định dạng YYYY-MM-DD)")
        return None
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseError(where, f"ngày không hợp lệ: {value!r} (định dạng YYYY-MM-DD)")


def _year(value, where: str) -> int:
    if isinstance(value, bool):
        raise CaseError(where, f"năm không hợp lệ: {value!r}")
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or not MIN_YEAR <= value <= MAX_YEAR:
        raise CaseError(where, f"năm không hợp lệ: {value!r} (phải là số từ {MIN_YEAR} đến {MAX_YEAR})")
    return value


def _int(value, where: str, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise CaseError(where, f"phải là số nguyên không nhỏ hơn {minimum}: {value!r}")
    return value


def _bool(value, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise CaseError(where, f"phải là true hoặc false: {value!r}")
    return value


def _choice(value, where: str, allowed, what: str):
    if value not in allowed:
        raise CaseError(where, f"{what} không hợp lệ: {value!r} (chấp nhận: {', '.join(allowed)})")
    return value


def _object(value, where: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise CaseError(where, "phải là một đối tượng JSON")
    return value


def _list(value, where: str) -> list:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseError(where, "phải là một danh sách JSON")
    return value


def _period(raw, where: str, kinds=None) -> Period:
    raw = _object(raw, where)
    start = _date(raw.get("from"), f"{where}.from", required=True)
    end = _date(raw.get("to"), f"{where}.to")
    if end is not None and end < start:
        raise CaseError(f"{where}.to", "ngày kết thúc trước ngày bắt đầu")
    kind = raw.get("kind", raw.get("level", ""))
    if kinds is not None:
        _choice(kind, f"{where}.{'kind' if 'kind' in raw or 'level' not in raw else 'level'}", kinds, "loại")
    return Period(start, end, kind or "")


def parse_case(raw) -> Case:
    """Validate a decoded JSON case and return it as a `Case`; raise `CaseError` otherwise."""
    if not isinstance(raw, dict):
        raise CaseError("", "hồ sơ xét phải là một đối tượng JSON")
    award = raw.get("award")
    if not isinstance(award, str) or award not in AWARDS:
        raise CaseError("award", f"mã hình thức khen thưởng không tồn tại: {award!r}")
    year = _year(raw.get("year"), "year")
    # Without a proposal date the case is read as proposed on the last day of the achievement year.
    proposal_date = _date(raw.get("proposal_date"), "proposal_date") or dt.date(year, 12, 31)
    if proposal_date.year < year:
        raise CaseError("proposal_date", f"ngày đề nghị ({proposal_date:%d/%m/%Y}) trước năm thành tích {year}")
    if proposal_date.year > MAX_YEAR:
        raise CaseError("proposal_date", f"ngày đề nghị không hợp lệ: {proposal_date:%d/%m/%Y} "
                                         f"(năm phải từ {MIN_YEAR} đến {MAX_YEAR})")

    s = _object(raw.get("subject"), "subject")
    if "subject" not in raw:
        raise CaseError("subject", "thiếu thông tin đối tượng")
    kind = _choice(s.get("kind"), "subject.kind", tuple(SUBJECT_KINDS), "loại đối tượng")
    if kind not in AWARDS[award].subjects:
        allowed = ", ".join(SUBJECT_KINDS[k] for k in AWARDS[award].subjects)
        raise CaseError("subject.kind", f"{AWARDS[award].name} không xét cho {SUBJECT_KINDS[kind]} "
                                        f"(chỉ xét cho: {allowed})")
    gender = s.get("gender")
    if gender is not None:
        _choice(gender, "subject.gender", ("male", "female"), "giới tính")
    subject = Subject(
        kind=kind, gender=gender, direct_worker=_bool(s.get("direct_worker"), "subject.direct_worker"),
        hired_on=_date(s.get("hired_on"), "subject.hired_on"), jurisdiction=s.get("jurisdiction"),
        armed_forces=_bool(s.get("armed_forces"), "subject.armed_forces"),
        absences=tuple(_period(a, f"subject.absences[{i}]", tuple(ABSENCE_KINDS))
                       for i, a in enumerate(_list(s.get("absences"), "subject.absences"))),
        posts=tuple(_period(p, f"subject.posts[{i}]", POST_LEVELS)
                    for i, p in enumerate(_list(s.get("posts"), "subject.posts"))),
        retiring_on=_date(s.get("retiring_on"), "subject.retiring_on"),
        retirement_age_raised=_bool(s.get("retirement_age_raised"), "subject.retirement_age_raised"),
    )

    ratings = {}
    for key, value in _object(raw.get("ratings"), "ratings").items():
        y = _year(key, f"ratings.{key}")
        ratings[y] = _choice(value, f"ratings.{key}", RATINGS, "mức xếp loại")

    awards = []
    for i, a in enumerate(_list(raw.get("awards"), "awards")):
        a = _object(a, f"awards[{i}]")
        code = a.get("award")
        if not isinstance(code, str) or code not in AWARDS:
            raise CaseError(f"awards[{i}].award", f"mã hình thức khen thưởng không tồn tại: {code!r}")
        awards.append(AwardHeld(code, _year(a.get("year"), f"awards[{i}].year"),
                                _choice(a.get("kind", "regular"), f"awards[{i}].kind", tuple(KINDS), "loại hình")))

    initiatives = []
    for i, a in enumerate(_list(raw.get("initiatives"), "initiatives")):
        a = _object(a, f"initiatives[{i}]")
        used_for = a.get("used_for")
        if used_for is not None and (not isinstance(used_for, str) or used_for not in AWARDS):
            raise CaseError(f"initiatives[{i}].used_for", f"mã hình thức khen thưởng không tồn tại: {used_for!r}")
        initiatives.append(Initiative(
            _year(a.get("year"), f"initiatives[{i}].year"),
            _choice(a.get("scope"), f"initiatives[{i}].scope", tuple(SCOPES), "phạm vi sáng kiến"),
            _choice(a.get("kind", "initiative"), f"initiatives[{i}].kind", tuple(INITIATIVE_KINDS), "loại"),
            used_for, str(a.get("title") or "")))

    discipline = []
    for i, d in enumerate(_list(raw.get("discipline"), "discipline")):
        d = _object(d, f"discipline[{i}]")
        if d.get("level") is not None:
            _choice(d.get("level"), f"discipline[{i}].level", DISCIPLINE_LEVELS, "hình thức kỷ luật")
        period = _period({"from": d.get("from"), "to": d.get("to")}, f"discipline[{i}]")
        discipline.append(Period(period.start, period.end, d.get("level") or ""))

    members = None
    if raw.get("members") is not None:
        m = _object(raw.get("members"), "members")
        total = _int(m.get("total"), "members.total", minimum=1)
        values = {}
        for name in ("completed", "ldtt", "cstd_cs", "disciplined_warning_or_above", "women"):
            if m.get(name) is not None:
                values[name] = _int(m.get(name), f"members.{name}")
                if values[name] > total:
                    raise CaseError(f"members.{name}", f"lớn hơn tổng số thành viên ({total})")
        members = Members(total=total, **values)

    block = None
    if raw.get("block") is not None:
        b = _object(raw.get("block"), "block")
        size = _int(b.get("size"), "block.size", minimum=1)
        rank = _int(b.get("rank"), "block.rank", minimum=1)
        if rank > size:
            raise CaseError("block.rank", f"thứ hạng {rank} lớn hơn số đơn vị trong khối ({size})")
        block = Block(rank=rank, size=size)

    claims = _list(raw.get("claims"), "claims")
    for i, c in enumerate(claims):
        _choice(c, f"claims[{i}]", tuple(CLAIMS), "căn cứ đề nghị")

    return Case(
        award=award, year=year, proposal_date=proposal_date, subject=subject, ratings=ratings,
        awards=tuple(awards), initiatives=tuple(initiatives), discipline=tuple(discipline),
        under_review=_bool(raw.get("under_review"), "under_review"), members=members, block=block,
        proposal_kind=_choice(raw.get("proposal_kind", "regular"), "proposal_kind", tuple(KINDS), "loại hình khen thưởng"),
        claims=frozenset(claims),
    )
