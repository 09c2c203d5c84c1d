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
- `subject.ethnicity` (one of the 54 groups, ethnicity.py; variant spellings are accepted) and
  `subject.areas` (list of `AREAS`: the unit's area, e.g. `["mountain", "border"]`): the priority
  principles (Luật TĐKT 2022 Điều 5; Luật 06/2026/QH16 from 01/10/2026). They never block.
- `received_on` (date): when the competent body received the dossier. A dossier received before
  a rule set with a favourable transition took effect (Luật 06/2026/QH16, 01/10/2026) follows the
  set in force before, unless the new one is more favourable (engine.choose).
- `proposal_kind` also takes the kinds of Luật 06/2026/QH16, `thematic_movement` (khen thưởng
  phong trào thi đua theo chuyên đề) and `thematic_topic` (khen thưởng chuyên đề), only for a
  proposal dated from 01/10/2026 (`KINDS_SINCE`).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from . import ethnicity
from .catalogue import AWARDS
from .errors import CaseError
from .texts import LAW_2026_CODE, LAW_2026_IN_FORCE

SUBJECT_KINDS = {"individual": "cá nhân", "collective": "tập thể", "household": "hộ gia đình"}
RATINGS = ("excellent", "good", "completed", "not_completed")
RATING_NAMES = {"excellent": "hoàn thành xuất sắc nhiệm vụ", "good": "hoàn thành tốt nhiệm vụ",
                "completed": "hoàn thành nhiệm vụ", "not_completed": "không hoàn thành nhiệm vụ"}
KINDS = {"regular": "công trạng", "thematic": "chuyên đề", "ad_hoc": "đột xuất", "career": "quá trình cống hiến",
         "long_service": "niên hạn", "foreign": "đối ngoại",
         "thematic_movement": "phong trào thi đua theo chuyên đề", "thematic_topic": "chuyên đề (Luật 06/2026)"}
# Kinds a law added, with the day they exist from and the law (a proposal before then is invalid).
KINDS_SINCE = {"thematic_movement": (LAW_2026_IN_FORCE, LAW_2026_CODE),
               "thematic_topic": (LAW_2026_IN_FORCE, LAW_2026_CODE)}
KIND_TITLES = {"thematic_movement": "khen thưởng phong trào thi đua theo chuyên đề",
               "thematic_topic": "khen thưởng chuyên đề"}
AREAS = {"mountain": "miền núi", "ethnic_minority": "vùng đồng bào dân tộc thiểu số",
         "extreme_difficulty": "xã đặc biệt khó khăn", "border": "biên giới", "island": "hải đảo"}
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
    ethnicity: str | None = None
    areas: tuple[str, ...] = ()


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
    received_on: dt.date | None = None


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
        ethnicity=_ethnicity(s.get("ethnicity")),
        areas=tuple(dict.fromkeys(_choice(a, f"subject.areas[{i}]", tuple(AREAS), "vùng")
                                  for i, a in enumerate(_list(s.get("areas"), "subject.areas")))),
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
        proposal_kind=_proposal_kind(raw.get("proposal_kind", "regular"), proposal_date),
        claims=frozenset(claims), received_on=_date(raw.get("received_on"), "received_on"),
    )


def _proposal_kind(value, proposal_date: dt.date) -> str:
    kind = _choice(value, "proposal_kind", tuple(KINDS), "loại hình khen thưởng")
    if kind in KINDS_SINCE:
        since, law = KINDS_SINCE[kind]
        if proposal_date < since:
            raise CaseError("proposal_kind", f"loại hình “{KIND_TITLES[kind]}” do {law} quy định, chỉ áp dụng cho đề nghị "
                                             f"từ ngày {since:%d/%m/%Y}; ngày đề nghị là {proposal_date:%d/%m/%Y}")
    return kind


def _ethnicity(value) -> str | None:
    if value is None or value == "":
        return None
    name = ethnicity.canonical(value) if isinstance(value, str) else None
    if name is None:
        raise CaseError("subject.ethnicity", f"dân tộc không có trong danh mục 54 dân tộc Việt Nam: {value!r}")
    return name
