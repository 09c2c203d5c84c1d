"""Registration for emulation as services, and its roll-ups.

A unit registers, by the province's deadline for the year, the titles it aims for as a collective
and those its people aim for (individuals register through their unit), with its commitments. The
roll-up counts registrations per award per block and per province; at year end the registered
titles are compared with the achieved ones (valid AwardRecord rows of tdkt.awards for the same
subject, award and year)."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q

from tdkt.awards.choices import AwardStatus, SubjectKind
from tdkt.awards.models import AwardRecord, AwardType
from tdkt.core import audit, clock
from tdkt.core.scope import unit_subtree_ids
from tdkt.core.services import Errors
from tdkt.core.text import fold, normalize_spaces
from tdkt.core.uploads import check_document
from tdkt.org.models import Person

from ..choices import EmulationAction, RegistrationStatus
from ..models import Block, Registration, RegistrationItem, RegistrationPeriod
from ..workflow import require_office, require_unit, user_of, year_or_error


@transaction.atomic
def set_period(actor, *, year: int, deadline, note: str = "") -> RegistrationPeriod:
    require_office(actor)
    errors = Errors()
    year_or_error(year, errors, "year")
    if deadline is None:
        errors.add("deadline", "Hạn đăng ký không hợp lệ (định dạng dd/mm/yyyy).")
    errors.raise_if_any()
    period, created = RegistrationPeriod.objects.get_or_create(year=year, defaults={"deadline": deadline,
                                                                                   "note": (note or "").strip()})
    if created:
        audit.created(actor, period)
    else:
        before = audit.snapshot(period)
        period.deadline, period.note = deadline, (note or "").strip()
        period.save()
        audit.changed(actor, period, before)
    return period


def _open_period(year: int) -> RegistrationPeriod:
    state = period_state(year)
    if not state.is_open:
        raise ValidationError({"year": [state.refusal]})
    return state.period


@dataclass(frozen=True)
class PeriodState:
    """Whether a year's registration is open, said the same way on the page (before anything is typed)
    and in a refusal: `refusal` is the short reason, `notice` adds the dates and what to do."""

    year: int
    period: RegistrationPeriod | None
    is_open: bool
    refusal: str
    notice: str


def period_state(year: int) -> PeriodState:
    period = RegistrationPeriod.objects.filter(year=year).first()
    today = clock.today()
    if period is None:
        refusal = f"Tỉnh chưa mở đăng ký thi đua năm {year}."
        return PeriodState(year, None, False, refusal, (
            f"{refusal} Đăng ký sẽ mở khi Ban Thi đua – Khen thưởng đặt hạn đăng ký năm {year}; đến lúc đó "
            "trang này chỉ để xem. Liên hệ Ban Thi đua – Khen thưởng nếu đơn vị cần đăng ký sớm."))
    deadline = f"{period.deadline:%d/%m/%Y}"
    basis = f" theo {period.note}" if period.note else ""
    if today > period.deadline:
        refusal = f"Đã quá hạn đăng ký thi đua năm {year} (hạn {deadline})."
        return PeriodState(year, period, False, refusal, (
            f"Đăng ký thi đua năm {year} đã đóng: hạn là hết ngày {deadline}{basis}. Đăng ký của đơn vị chỉ còn "
            "xem, không sửa hay gửi được nữa; nếu cần bổ sung, đề nghị Ban Thi đua – Khen thưởng gia hạn."))
    left = (period.deadline - today).days
    when = "hôm nay là ngày cuối" if left == 0 else f"còn {left} ngày"
    return PeriodState(year, period, True, "", (
        f"Đăng ký thi đua năm {year} đang mở đến hết ngày {deadline}{basis} ({when}). Lưu bao nhiêu lần cũng "
        "được; “Lưu và gửi” để báo Ban Thi đua – Khen thưởng đơn vị đã đăng ký xong."))


@transaction.atomic
def save_registration(actor, unit, year: int, *, commitments: str = "", unit_titles=(), individuals=()) -> Registration:
    """Replace the unit's registration of `year`: titles for the unit itself (award types) and for
    its people [(person, award type)]. Checked row by row; a bad row saves nothing."""
    require_unit(actor, unit.pk)
    _open_period(year)
    errors = Errors()
    for award in unit_titles:
        if not award.for_collective:
            errors.add("unit_titles", f"“{award.name}” không dành cho tập thể.")
    subtree = unit_subtree_ids(unit)
    seen = set()
    for i, (person, award) in enumerate(individuals, start=1):
        if person.unit_id not in subtree:
            errors.add("individuals", f"Dòng {i}: {person.full_name} không thuộc {unit.name}.")
        if not award.for_individual:
            errors.add("individuals", f"Dòng {i}: “{award.name}” không dành cho cá nhân.")
        if (person.pk, award.pk) in seen:
            errors.add("individuals", f"Dòng {i}: {person.full_name} đăng ký “{award.name}” hai lần.")
        seen.add((person.pk, award.pk))
    errors.raise_if_any()
    registration, created = Registration.objects.select_for_update().get_or_create(unit=unit, year=year)
    before = None if created else audit.snapshot(registration) | {"items": registration.items.count()}
    registration.commitments = (commitments or "").strip()
    registration.save()
    registration.items.all().delete()
    RegistrationItem.objects.bulk_create(
        [RegistrationItem(registration=registration, award_type=a) for a in dict.fromkeys(unit_titles)]
        + [RegistrationItem(registration=registration, person=p, award_type=a) for p, a in individuals],
        batch_size=2000)
    after = audit.snapshot(registration) | {"items": len(unit_titles) + len(individuals)}
    audit.record(actor, "create" if created else "update", registration, before, after)
    return registration


@transaction.atomic
def submit_registration(actor, registration: Registration) -> Registration:
    require_unit(actor, registration.unit_id)
    _open_period(registration.year)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if not registration.items.exists():
        raise ValidationError({"items": ["Chưa đăng ký danh hiệu nào."]})
    before = audit.snapshot(registration)
    registration.status, registration.submitted_at = RegistrationStatus.SUBMITTED, clock.now()
    registration.submitted_by = user_of(actor)
    registration.save()
    audit.changed(actor, registration, before, action=EmulationAction.REGISTRATION_SUBMIT, note="Gửi đăng ký thi đua")
    return registration


@transaction.atomic
def save_ticks(actor, unit, year: int, *, commitments: str = "", unit_titles=(), shown=(), ticks=(),
               everyone=None) -> Registration:
    """Save one page of the registration form: the unit's titles and commitments, and the ticks of the
    people shown on the page [(person id, award id)]; the people on other pages keep theirs.
    `everyone` = ("add" | "remove", award id, person ids) ticks or unticks one title for every person
    of the unit (or of the current search) across all pages, on top of the page's ticks."""
    require_unit(actor, unit.pk)
    current = Registration.objects.filter(unit=unit, year=year).first()
    kept = [] if current is None else list(current.items.filter(person__isnull=False)
                                           .exclude(person_id__in=list(shown)).values_list("person_id", "award_type_id"))
    rows = dict.fromkeys(kept + [(p, a) for p, a in ticks if p in set(shown)])
    if everyone is not None:
        action, award_id, person_ids = everyone
        if action == "add":
            rows.update(dict.fromkeys((p, award_id) for p in person_ids))
        else:
            drop = set(person_ids)
            rows = {k: None for k in rows if not (k[1] == award_id and k[0] in drop)}
    title_ids = [getattr(t, "pk", t) for t in unit_titles]
    people = Person.objects.in_bulk({p for p, _ in rows})
    awards = AwardType.objects.in_bulk({a for _, a in rows} | set(title_ids))
    if any(p not in people for p, _ in rows) or any(a not in awards for _, a in rows) \
            or any(t not in awards for t in title_ids):
        raise ValidationError({"individuals": ["Có người hoặc danh hiệu không còn trên hệ thống; hãy tải lại trang."]})
    return save_registration(actor, unit, year, commitments=commitments,
                             unit_titles=[awards[t] for t in title_ids],
                             individuals=[(people[p], awards[a]) for p, a in rows])


# --- Registration from an Excel file ---------------------------------------------------------------

# The template's sheet and fixed columns (tdkt.emulation.exports writes it, `import_registration`
# reads it back); then one column per title a person may register, headed by the title's name.
TEMPLATE_SHEET = "Đăng ký cá nhân"
TEMPLATE_COLUMNS = ["STT", "Mã cá nhân", "Họ và tên", "Ngày sinh", "Chức vụ", "Đơn vị công tác"]
TICK = "x"
TICK_WORDS = {"x", "co", "1", "v", "✓", "✔", "dk"}
MAX_ERRORS = 100


def individual_titles() -> list[AwardType]:
    """The titles a person may register, in the order of the form and the template."""
    return list(AwardType.objects.filter(for_individual=True, category="title").order_by("rank"))


def _header_index(rows) -> tuple[int, dict[str, int]] | None:
    for i, cells in enumerate(rows[:10]):
        found = {normalize_spaces(str(c)): j for j, c in enumerate(cells) if str(c).strip()}
        if "Mã cá nhân" in found and "Họ và tên" in found:
            return i, found
    return None


def _cell_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return normalize_spaces(str(value if value is not None else ""))


def read_registration_file(upload, unit) -> tuple[dict[int, set[int]], list[str]]:
    """{person id: {award id}} from the uploaded template, and every problem found (row and column
    named, as Excel numbers them). Nothing is written here."""
    import io

    from python_calamine import CalamineError, CalamineWorkbook

    try:
        check_document(upload, allowed=("xlsx",), field_label="Tệp đăng ký")
    except ValidationError as exc:
        return {}, exc.messages
    upload.seek(0)
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(upload.read()))
        name = TEMPLATE_SHEET if TEMPLATE_SHEET in book.sheet_names else book.sheet_names[0]
        rows = book.get_sheet_by_name(name).to_python()
    except (CalamineError, ValueError, OSError, IndexError):
        return {}, ["Tệp đăng ký: không đọc được tệp Excel; hãy mở bằng Excel và lưu lại dạng .xlsx."]
    header = _header_index(rows)
    if header is None:
        return {}, ["Tệp đăng ký: không thấy dòng tiêu đề có cột “Mã cá nhân” và “Họ và tên” trong 10 dòng đầu; "
                    "hãy dùng tệp mẫu tải về từ trang đăng ký."]
    start, columns = header
    titles = {a.name: a for a in individual_titles()}
    title_columns = {j: titles[h] for h, j in columns.items() if h in titles}
    if not title_columns:
        return {}, ["Tệp đăng ký: không có cột danh hiệu nào (tiêu đề cột phải đúng tên danh hiệu như tệp mẫu)."]
    people = {p.pk: p for p in Person.objects.filter(unit_id__in=unit_subtree_ids(unit))}
    chosen: dict[int, set[int]] = {}
    errors: list[str] = []
    id_col, name_col = columns["Mã cá nhân"], columns["Họ và tên"]
    for offset, cells in enumerate(rows[start + 1:], start=start + 2):
        cells = list(cells) + [""] * (max(columns.values()) + 1 - len(cells))
        code, full_name = _cell_text(cells[id_col]), _cell_text(cells[name_col])
        ticks = {j: _cell_text(cells[j]) for j in title_columns}
        if not code and not full_name and not any(ticks.values()):
            continue
        where = f"Dòng {offset}"
        person = people.get(int(code)) if code.isdigit() else None
        if person is None:
            errors.append(f"{where}, cột “Mã cá nhân”: mã “{code}” không phải người của {unit.name}"
                          " (đừng sửa cột mã; thêm người mới ở trang Cá nhân rồi tải lại tệp mẫu).")
        elif fold(person.full_name) != fold(full_name):
            errors.append(f"{where}, cột “Họ và tên”: mã {code} là {person.full_name}, không phải “{full_name}” "
                          "(các dòng có thể đã bị xê dịch).")
        elif person.pk in chosen:
            errors.append(f"{where}, cột “Mã cá nhân”: {person.full_name} có hai dòng trong tệp.")
        picked = set()
        for j, value in ticks.items():
            if not value:
                continue
            if fold(value) not in TICK_WORDS:
                errors.append(f"{where}, cột “{title_columns[j].name}”: “{value}” không hợp lệ; ghi “{TICK}” để "
                              "đăng ký hoặc để trống.")
            else:
                picked.add(title_columns[j].pk)
        if person is not None:
            chosen.setdefault(person.pk, set()).update(picked)
        if len(errors) >= MAX_ERRORS:
            errors.append(f"Dừng kiểm tra sau {MAX_ERRORS} lỗi; hãy sửa rồi tải lên lại.")
            break
    if not chosen and not errors:
        errors.append("Tệp đăng ký: không có dòng nào có người của đơn vị.")
    return chosen, errors


@transaction.atomic
def import_registration(actor, unit, year: int, upload) -> tuple[Registration, int, int]:
    """Register the unit's people from the uploaded template: every row is checked first and one bad
    row saves nothing; the people in the file get exactly the titles ticked there, the others and the
    unit's own titles are kept. Returns (registration, people in the file, titles registered)."""
    require_unit(actor, unit.pk)
    _open_period(year)
    chosen, errors = read_registration_file(upload, unit)
    if errors:
        raise ValidationError({"file": errors})
    current = Registration.objects.filter(unit=unit, year=year).first()
    unit_titles = list(current.items.filter(person__isnull=True).values_list("award_type_id", flat=True)) if current \
        else []
    ticks = [(p, a) for p, awards in chosen.items() for a in sorted(awards)]
    registration = save_ticks(actor, unit, year, commitments=current.commitments if current else "",
                              unit_titles=unit_titles, shown=list(chosen), ticks=ticks)
    return registration, len(chosen), len(ticks)


# --- Roll-ups ----------------------------------------------------------------------------------

def _items(year: int, unit_ids=None):
    items = RegistrationItem.objects.filter(registration__year=year)
    if unit_ids is not None:
        items = items.filter(registration__unit_id__in=list(unit_ids))
    return items


def rollup(year: int, unit_ids=None) -> list[dict]:
    """Registrations per award: [{award, collectives, individuals, units}] (one grouped query).
    `unit_ids` limits to registering units (a block's members, a user's scope); None: the province."""
    rows = (_items(year, unit_ids).values("award_type")
            .annotate(collectives=Count("id", filter=Q(person__isnull=True)),
                      individuals=Count("id", filter=Q(person__isnull=False)),
                      units=Count("registration__unit", distinct=True)))
    awards = AwardType.objects.in_bulk([r["award_type"] for r in rows])
    out = [{"award": awards[r["award_type"]], "collectives": r["collectives"], "individuals": r["individuals"],
            "units": r["units"]} for r in rows]
    return sorted(out, key=lambda r: (-r["award"].rank, r["award"].code))


def block_rollup(block: Block) -> list[dict]:
    """Registrations of a block's member units (the unit itself and, for individuals, its people)."""
    return rollup(block.year, block.members.values_list("unit_id", flat=True))


def registered_vs_achieved(year: int, unit_ids=None) -> list[dict]:
    """Per award: how many registered and how many of those achieved it (a valid award record of the
    same person or collective, award and year). One grouped query with a correlated EXISTS."""
    records = AwardRecord.objects.filter(award_type=OuterRef("award_type"), year=year, status=AwardStatus.VALID)
    achieved_person = Exists(records.filter(subject_kind=SubjectKind.INDIVIDUAL, person=OuterRef("person")))
    achieved_unit = Exists(records.filter(subject_kind=SubjectKind.COLLECTIVE,
                                          recipient_unit=OuterRef("registration__unit")))
    achieved = (Q(person__isnull=True) & Q(achieved_unit)) | (Q(person__isnull=False) & Q(achieved_person))
    rows = (_items(year, unit_ids).values("award_type")
            .annotate(registered=Count("id"), achieved_count=Count("id", filter=achieved)))
    awards = AwardType.objects.in_bulk([r["award_type"] for r in rows])
    out = [{"award": awards[r["award_type"]], "registered": r["registered"], "achieved": r["achieved_count"],
            "percent": round(100 * r["achieved_count"] / r["registered"]) if r["registered"] else 0} for r in rows]
    return sorted(out, key=lambda r: (-r["award"].rank, r["award"].code))
