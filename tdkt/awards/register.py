"""The decision register's issuing bodies and numbers.

Under the decree on clerical work (Nghị định 30/2020/NĐ-CP Điều 15) the issuing body's văn thư
gives every document it issues a number and a date, in the order of issue within the year; a number
is unique within the body for the year. A body is written many ways ("UBND tỉnh Hà Sơn", "Ủy ban
nhân dân tỉnh Hà Sơn", "Chủ tịch UBND tỉnh Hà Sơn"): `name_key` folds a spelling to one key
(diacritic-free, abbreviations expanded, the authority acting for the body left out) and
`resolve_body` finds, or enters, the body the key names. `number_problems` says whether a number
and date fit the body's register: a number already used in the year (a refusal) or one out of
order with the dates already there (refused unless the office confirms it with a reason).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Max, Q

from tdkt.core.text import fold, normalize_spaces
from tdkt.org.models import Unit

from .models import Decision, IssuingBody, IssuingBodyName

# Abbreviations clerks write, folded, and what they stand for.
ABBREVIATIONS = {
    "ubnd": "uy ban nhan dan",
    "hdnd": "hoi dong nhan dan",
    "qd": "quyet dinh",
    "tp": "thanh pho",
    "tw": "trung uong",
}
# Who acts for a body ("Chủ tịch", "KT. Chủ tịch", "Giám đốc"), folded, longest first: left out of the key.
AUTHORITY_PREFIXES = sorted((tuple(p.split()) for p in (
    "kt", "tm", "tl", "tuq", "chu tich", "pho chu tich", "quyen chu tich", "giam doc", "pho giam doc",
    "tong giam doc", "thu truong", "truong ban", "pho truong ban", "hieu truong", "vien truong",
    "cuc truong", "chanh van phong")), key=len, reverse=True)
# Bodies whose name begins like an authority: "Chủ tịch nước" is the President, not a committee.
SELF_NAMED = {("nuoc",)}


def _strip_authority(name: str) -> str:
    """The spelling without the authority acting for the body ("Chủ tịch UBND tỉnh X" → "UBND tỉnh X")."""
    text = normalize_spaces(name or "")
    tokens = list(re.finditer(r"\w+", text))
    folded = [fold(t.group()) for t in tokens]
    start = 0
    while start < len(tokens):
        for prefix in AUTHORITY_PREFIXES:
            rest = tuple(folded[start + len(prefix):])
            if tuple(folded[start:start + len(prefix)]) == prefix and rest and rest not in SELF_NAMED:
                start += len(prefix)
                break
        else:
            break
    return text[tokens[start].start():] if start and start < len(tokens) else text


def name_key(name: str) -> str:
    """'Chủ tịch UBND tỉnh Hà Sơn', 'Ủy ban nhân dân tỉnh Hà Sơn' → 'uy ban nhan dan tinh ha son'."""
    words = re.findall(r"\w+", fold(_strip_authority(name)))
    return " ".join(ABBREVIATIONS.get(w, w) for w in words)[:255]


def display_name(name: str) -> str:
    """The body's name as documents write it: abbreviations at the start spelt out."""
    text = _strip_authority(name)
    text = re.sub(r"^UBND\b", "Ủy ban nhân dân", text)
    return re.sub(r"^HĐND\b", "Hội đồng nhân dân", text)


def body_for_unit(unit: Unit) -> IssuingBody:
    body = IssuingBody.objects.filter(unit=unit).first()
    if body is None:
        body, _ = IssuingBody.objects.get_or_create(unit=unit, defaults={"name": display_name(unit.name)})
    _remember(body, unit.name)
    return body


def _remember(body: IssuingBody, spelling: str) -> None:
    key = name_key(spelling)
    if key and not IssuingBodyName.objects.filter(key=key).exists():
        IssuingBodyName.objects.get_or_create(key=key, defaults={"body": body, "name": normalize_spaces(spelling)[:255]})


def _unit_by_key(key: str) -> Unit | None:
    """A unit whose name has this key (the last two words narrow the search)."""
    tail = " ".join(key.split()[-2:])
    for unit in Unit.objects.filter(search_text__contains=tail).only("id", "name").order_by("id")[:200]:
        if name_key(unit.name) == key:
            return unit
    return None


@dataclass
class Resolution:
    body: IssuingBody
    typed: str
    created: bool = False

    @property
    def message(self) -> str:
        """What the form or the import says it chose."""
        chosen = f"cơ quan ban hành “{self.body.name}”"
        if self.created:
            return f"“{self.typed}”: chưa có trong danh mục, đã thêm {chosen}."
        if normalize_spaces(self.typed) == self.body.name:
            return f"Sổ của {chosen}."
        return f"“{self.typed}” được hiểu là {chosen} (cùng một sổ số quyết định)."


def find_body(name: str) -> IssuingBody | None:
    """The body a spelling names, without entering anything."""
    key = name_key(name)
    if not key:
        return None
    row = IssuingBodyName.objects.select_related("body").filter(key=key).first()
    if row is not None:
        return row.body
    unit = _unit_by_key(key)
    return IssuingBody.objects.filter(unit=unit).first() if unit is not None else None


def resolve_body(name: str, unit: Unit | None = None) -> Resolution:
    """The body of a typed name (or of the unit given), entered in the catalogue when new; the
    spelling is remembered as one of its names."""
    if unit is not None:
        body = body_for_unit(unit)
        _remember(body, name)
        return Resolution(body, name)
    body = find_body(name)
    created = False
    if body is None:
        unit = _unit_by_key(name_key(name))
        if unit is not None:
            body = body_for_unit(unit)
        else:
            body, created = IssuingBody.objects.create(name=display_name(name)[:255]), True
    _remember(body, name)
    return Resolution(body, name, created)


# --- Numbers ---------------------------------------------------------------------------------------

def number_seq(number: str) -> int | None:
    match = re.match(r"\s*(\d{1,8})\b", number or "")
    return int(match.group(1)) if match else None


def propose_number(body: IssuingBody, year: int) -> int:
    """The next free number the register knows for the body and year."""
    last = Decision.objects.filter(body=body, year=year).numbered().aggregate(last=Max("seq"))["last"]
    return (last or 0) + 1


def _named(decision: Decision) -> str:
    return f"Quyết định số {decision.number} ngày {decision.signed_on:%d/%m/%Y}"


@dataclass
class NumberCheck:
    """`taken`: the number is held by another decision (always refused); `order`: the number is
    out of order with the register's dates (refused unless confirmed with a reason)."""

    taken: str = ""
    order: list[str] = field(default_factory=list)


def number_problems(body: IssuingBody, number: str, signed_on: dt.date, exclude: int | None = None) -> NumberCheck:
    check = NumberCheck()
    number = normalize_spaces(number)
    seq = number_seq(number)
    same_year = Decision.objects.filter(body=body, year=signed_on.year).numbered()
    if exclude is not None:
        same_year = same_year.exclude(pk=exclude)
    holder = same_year.filter(Q(number=number) | Q(seq=seq) if seq is not None else Q(number=number)).first()
    if holder is not None:
        check.taken = (f"Số {number_seq(number) or number} năm {signed_on.year} của {body.name} đã cấp cho "
                       f"{_named(holder)}.")
        return check
    if seq is None:
        return check
    lower_later = same_year.filter(seq__lt=seq, signed_on__gt=signed_on).order_by("-signed_on", "-seq").first()
    if lower_later is not None:
        check.order.append(f"Số {number} ngày {signed_on:%d/%m/%Y} lớn hơn số của {_named(lower_later)} nhưng "
                           f"ngày lại trước ngày đó.")
    higher_earlier = same_year.filter(seq__gt=seq, signed_on__lt=signed_on).order_by("signed_on", "seq").first()
    if higher_earlier is not None:
        check.order.append(f"Số {number} ngày {signed_on:%d/%m/%Y} nhỏ hơn số của {_named(higher_earlier)} "
                           f"đã cấp trước đó.")
    return check
