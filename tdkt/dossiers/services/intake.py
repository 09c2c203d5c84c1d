"""Adding many nominees to a dossier at once (issue 4, point 1): people the rule engine's latest batch
run found due an award (khen thưởng kịp thời), or the Excel list a unit already keeps.

Every row goes through `drafting.add_nominee`, which checks role, scope, status, the authority the
dossier asks and "one open nomination per subject, award and year". `add_nominees` tries every row
(a savepoint each) so that all refusals are reported together, and saves nothing unless every row is
good (design.md rule 7). The Excel file is read by the import infrastructure (`tdkt.imports`: header
aliases, cell parsers, unit, award and person look-ups); its preview is a dry run of the very same
`add_nominees`, rolled back, so what the preview promises is what the confirmation does.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from tdkt.awards.choices import SUBJECT_FIELDS, SubjectKind
from tdkt.awards.models import AwardType
from tdkt.core import audit, clock
from tdkt.core.scope import unit_subtree_ids
from tdkt.core.text import fold
from tdkt.eligibility.models import EligibilityRun
from tdkt.eligibility.timely import Criteria, due_people, latest_run
from tdkt.imports import parsing
from tdkt.imports.parsing import CellError, ImportFileError
from tdkt.imports.validation import AWARD_FIELD_COLUMNS, SUBJECT_KINDS, AwardValidator, Lookups, RowResult
from tdkt.org.models import Household, Person, Unit

from ..choices import UNIT_EDITABLE_STATUSES, DossierAction
from ..models import Dossier, Nominee
from ..workflow import lock, require_unit_side, status_error
from . import drafting, grounds

KIND = "nominees"
# A dossier's list is short; the session keeps the file between preview and confirmation.
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2_000
# Direct workers first (Luật TĐKT 2022 Điều 5), then women, then by name: as the timely-awards list.
DUE_ORDER = ("-is_direct_worker", "gender", "sort_key", "id")


def require_editable(actor, dossier: Dossier) -> None:
    """The proposing unit's side (others get 404, read-only roles 403) and a draft or returned dossier."""
    require_unit_side(actor, dossier)
    if dossier.status not in UNIT_EDITABLE_STATUSES:
        raise status_error(dossier, "thêm đối tượng")


# --- Adding a list, all or nothing ---------------------------------------------------------------

@dataclass
class NomineeRow:
    award_type: AwardType
    subject_kind: str
    achievement: str
    person: Person | None = None
    recipient_unit: Unit | None = None
    household: Household | None = None
    row: int | None = None      # the Excel row, when the list comes from a file
    claims: dict[str, str] | None = None    # the grounds stated, {code: evidence} (grounds.py)

    @property
    def label(self) -> str:
        if self.row is not None:
            return f"Dòng {self.row}"
        subject = self.person or self.recipient_unit or self.household
        return str(subject) if subject is not None else "Đối tượng"


class RowsRefused(ValidationError):
    """Some rows were refused (and nothing was saved): every refusal as (row, field, message); the
    messages read "Dòng 5: …" or "Nguyễn Văn An: …"."""

    def __init__(self, refusals: list[tuple[NomineeRow, str, str]]):
        super().__init__([f"{row.label}: {message}" for row, _, message in refusals])
        self.refusals = refusals


@transaction.atomic
def add_nominees(actor, dossier: Dossier, rows, *, source: str = "") -> list[Nominee]:
    require_unit_side(actor, dossier)
    dossier = lock(dossier)
    require_editable(actor, dossier)
    rows = list(rows)
    if not rows:
        raise ValidationError({"__all__": ["Chưa chọn đối tượng nào để thêm vào hồ sơ."]})
    added, refusals = [], []
    for row in rows:
        subject_field = SUBJECT_FIELDS.get(row.subject_kind, "subject_kind")
        try:
            with transaction.atomic():
                added.append(drafting.add_nominee(
                    actor, dossier, award_type=row.award_type, subject_kind=row.subject_kind,
                    achievement=row.achievement, person=row.person, recipient_unit=row.recipient_unit,
                    household=row.household, claims=row.claims, evaluate=False))
        except ValidationError as exc:
            by_field = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            for fld, messages in by_field.items():
                refusals.extend((row, fld, m) for m in messages)
        except Http404:
            refusals.append((row, subject_field, f"Không thuộc {dossier.proposing_unit.name} hoặc các đơn vị "
                                                 "trực thuộc (đơn vị đề nghị của hồ sơ)."))
    if refusals:
        raise RowsRefused(refusals)
    # The verdicts of the whole batch in one evaluation (histories loaded at once), shown while drafting.
    drafting.freeze_verdicts(added)
    audit.record(actor, DossierAction.ADD_NOMINEES, dossier,
                 note=f"Thêm {len(added)} đối tượng đề nghị" + (f" {source}" if source else ""))
    return added


class _DryRun(Exception):
    pass


def refusals_of(actor, dossier: Dossier, rows: list[NomineeRow]) -> list[tuple[NomineeRow, str, str]]:
    """What `add_nominees` would refuse, found by running it and rolling everything back."""
    try:
        with transaction.atomic():
            add_nominees(actor, dossier, rows)
            raise _DryRun
    except _DryRun:
        return []
    except RowsRefused as exc:
        return exc.refusals


# --- The rule engine's due list ------------------------------------------------------------------

@dataclass
class DueList:
    run: EligibilityRun | None          # None: no finished batch run for the dossier's year
    awards: list[AwardType]             # what the run evaluates and the dossier's authority may confer
    award: AwardType | None = None
    people: QuerySet = field(default_factory=Person.objects.none)


def due_awards(dossier: Dossier, run: EligibilityRun | None) -> list[AwardType]:
    if run is None:
        return []
    return list(AwardType.objects.filter(code__in=run.awards.split(","), for_individual=True,
                                         authority__in=drafting.AUTHORITY_AWARDS[dossier.authority])
                .order_by("rank", "code"))


def due_candidates(actor, dossier: Dossier, award_code: str | None) -> DueList:
    """People the latest finished run for the dossier's year found eligible for the award and who have
    not had it: of the proposing unit's subtree and the actor's scope, not already in an open
    nomination for that award and year."""
    require_editable(actor, dossier)
    run = latest_run(dossier.year)
    awards = due_awards(dossier, run)
    if not award_code or run is None:
        return DueList(run, awards)
    award = next((a for a in awards if a.code == award_code), None)
    if award is None:
        raise ValidationError({"award": [f"Danh hiệu, hình thức “{award_code}” không thuộc thẩm quyền "
                                         f"{dossier.get_authority_display()} mà hồ sơ đề nghị, hoặc không có trong "
                                         "lượt xét hàng loạt."]})
    people, _share = due_people(actor, run, Criteria(award.code, dossier.year, unit=dossier.proposing_unit))
    nominated = Nominee.objects.filter(is_open=True, award_type=award, year=dossier.year,
                                       person__isnull=False).values("person_id")
    # The run recorded each person's unit of that day; who has moved out since is no longer the unit's.
    people = (people.filter(unit_id__in=unit_subtree_ids(dossier.proposing_unit)).exclude(pk__in=nominated)
              .order_by(*DUE_ORDER))
    return DueList(run, awards, award, people)


def add_due(actor, dossier: Dossier, award_code: str, person_ids, achievement: str) -> list[Nominee]:
    """Add the chosen people of the due list; a person no longer on it (nominated meanwhile, moved,
    awarded) is refused by name."""
    due = due_candidates(actor, dossier, award_code)
    if due.award is None:
        raise ValidationError({"award": ["Chưa chọn danh hiệu, hình thức."]})
    wanted = {int(pk) for pk in person_ids if str(pk).isdigit()}
    if not wanted:
        raise ValidationError({"people": ["Chưa chọn người nào trong danh sách."]})
    found = {p.pk: p for p in due.people.filter(pk__in=wanted)}
    gone = wanted - set(found)
    if gone:
        names = ", ".join(Person.objects.visible_to(actor).filter(pk__in=gone).values_list("full_name", flat=True))
        raise ValidationError({"people": [f"Không còn trong danh sách đến hạn (đã được đề nghị, đã được khen hoặc "
                                          f"đã chuyển đơn vị): {names or len(gone)}. Hãy tải lại trang."]})
    rows = [NomineeRow(due.award, SubjectKind.INDIVIDUAL, achievement, person=p)
            for p in sorted(found.values(), key=lambda p: (p.sort_key, p.pk))]
    return add_nominees(actor, dossier, rows, source=f"từ danh sách đến hạn “{due.award.name}”")


# --- The unit's Excel list -----------------------------------------------------------------------

class DossierLookups(Lookups):
    """The import look-ups narrowed to the dossier's proposing unit and its sub-units."""

    def __init__(self, actor, dossier: Dossier):
        super().__init__(actor)
        self.root = dossier.proposing_unit
        subtree = unit_subtree_ids(self.root)
        self.scope = subtree if self.scope is None else subtree & self.scope

    def resolve_unit(self, raw, label: str) -> Unit:
        try:
            return super().resolve_unit(raw, label)
        except CellError:
            key = fold(parsing.text(raw))
            if key in self.by_code or key in self.by_name:
                raise CellError(f"Đơn vị “{parsing.text(raw)}” không thuộc {self.root.name} (đơn vị đề nghị của hồ "
                                "sơ); chỉ đề nghị cá nhân, tập thể của đơn vị này và các đơn vị trực thuộc.") from None
            raise


def grounds_table(dossier: Dossier) -> list[tuple[str, str]]:
    """(label, awards that offer it) of every ground the awards of the dossier's authority offer: the
    grounds table of the Excel template, whose labels the “Căn cứ đề nghị” column takes."""
    awards = AwardType.objects.filter(authority__in=drafting.AUTHORITY_AWARDS[dossier.authority]).order_by("rank",
                                                                                                          "code")
    offered = grounds.offered_by_award(awards, grounds.proposal_kind(dossier), clock.today())
    return [(grounds.ground_label(code), "; ".join(names)) for code, names in offered.items()]


class NomineeValidator(AwardValidator):
    """The award import's checks of who a row names (by CCCD, else folded name in the unit's subtree
    with the birth date to separate namesakes; a collective by code or name under the unit; a
    household by its head), on the nominee list's columns."""

    kind = KIND

    def __init__(self, sheet, actor, dossier: Dossier, default_achievement: str = ""):
        super().__init__(sheet, actor, lookups=DossierLookups(actor, dossier))
        self.default_achievement = (default_achievement or "").strip()
        self.parsed: list[tuple[RowResult, dict]] = []
        self.proposal_kind = grounds.proposal_kind(dossier)
        self.offered: dict[tuple[str, str], list[str]] = {}

    def parse(self, result: RowResult, raw: dict) -> dict:
        label, lookups = self.label, self.lookups
        subject = self.cell(result, "subject", parsing.choice, raw.get("subject"), SUBJECT_KINDS, label("subject"),
                            "Cá nhân, Tập thể, Hộ gia đình")
        v: dict = {"subject_kind": subject or (None if result.has("subject") else SubjectKind.INDIVIDUAL)}
        v["name"] = self.cell(result, "name", parsing.text, raw.get("name"), 255, label("name")) or ""
        if v["subject_kind"] in (SubjectKind.INDIVIDUAL, SubjectKind.HOUSEHOLD) and not v["name"] \
                and not result.has("name"):
            result.add("name", f"{label('name')} không được để trống.")
        v["birth_date"] = self.cell(result, "birth_date", parsing.date, raw.get("birth_date"), label("birth_date"))
        v["national_id"] = self.cell(result, "national_id", parsing.national_id, raw.get("national_id"),
                                     label("national_id")) or ""
        v["unit"] = self.cell(result, "unit", lookups.resolve_unit, raw.get("unit"), label("unit"))
        v["award_type"] = self.cell(result, "award", lookups.resolve_award, raw.get("award"), label("award"))
        achievement = self.cell(result, "achievement", parsing.text, raw.get("achievement"), 4000,
                                label("achievement"))
        v["achievement"] = achievement or self.default_achievement
        self._parse_ground(result, raw, v)
        return v

    def _parse_ground(self, result: RowResult, raw: dict, v: dict) -> None:
        """The optional column pair: a ground the award offers (by its Vietnamese label) and its evidence."""
        label = self.label
        evidence = self.cell(result, "evidence", parsing.text, raw.get("evidence"), grounds.EVIDENCE_MAX,
                             label("evidence")) or ""
        v["claims"] = None
        written = parsing.text(raw.get("ground")) if not parsing.is_blank(raw.get("ground")) else ""
        if not written:
            if evidence:
                result.add("ground", f"Cột {label('ground')} để trống nhưng cột {label('evidence')} có ghi: chọn "
                                     "căn cứ mà minh chứng này chứng minh, hoặc xóa minh chứng.")
            return
        code = grounds.code_of_label(written)
        if code is None:
            result.add("ground", f"{label('ground')} “{written}” không phải căn cứ nào; ghi đúng tên một căn cứ trong "
                                 "bảng “Căn cứ đề nghị” ở trang Hướng dẫn của tệp mẫu.")
            return
        award, subject_kind = v.get("award_type"), v.get("subject_kind")
        if award is not None and subject_kind:
            offered = self._offered(award, subject_kind)
            if code not in offered:
                choices = "; ".join(grounds.ground_label(c) for c in offered)
                result.add("ground", f"Căn cứ “{grounds.ground_label(code)}” không áp dụng cho “{award.name}” "
                                     f"({SubjectKind(subject_kind).label.lower()}); "
                                     + (f"chọn một trong: {choices}." if choices else
                                        "hình thức này không cần căn cứ đề nghị, hãy để trống cột."))
                return
        if not evidence:
            if not result.has("evidence"):
                result.add("evidence", f"{label('evidence')} không được để trống khi nêu căn cứ "
                                       f"“{grounds.ground_label(code)}”: ghi văn bản, số quyết định hoặc tài liệu "
                                       "chứng minh.")
            return
        v["claims"] = {code: evidence}

    def _offered(self, award: AwardType, subject_kind: str) -> list[str]:
        key = (award.code, subject_kind)
        if key not in self.offered:
            self.offered[key] = grounds.grounds_for(award.code, subject_kind, self.proposal_kind, clock.today())
        return self.offered[key]

    def check_against_database(self, pending) -> None:
        self._resolve_by_national_id(pending)
        self._resolve_people([(r, v) for r, v in pending if not v["national_id"] and not r.has("national_id")])
        self._resolve_collectives(pending)
        self._resolve_households(pending)
        self._check_repeats(pending)
        self.parsed.extend(pending)

    def _resolve_by_national_id(self, pending) -> None:
        rows = [(r, v) for r, v in pending if v["national_id"] and self._subject_ok(r, v, SubjectKind.INDIVIDUAL)]
        if not rows:
            return
        people = {p.national_id: p for p in Person.objects.filter(national_id__in={v["national_id"] for _, v in rows})
                  .select_related("unit")}
        for result, v in rows:
            nid, unit, person = v["national_id"], v["unit"], people.get(v["national_id"])
            if person is None or not self.lookups.in_scope(person.unit):
                result.add("national_id", f"Không tìm thấy cá nhân có số CCCD {nid} ở {self.lookups.root.name} và "
                                          "các đơn vị trực thuộc; hãy kiểm tra số CCCD hoặc nhập cá nhân trước.")
            elif not person.unit.path.startswith(unit.path):
                result.add("unit", f"Số CCCD {nid} là của {person.full_name} thuộc “{person.unit.name}”, không thuộc "
                                   f"đơn vị “{unit.name}” ghi ở dòng này.")
            elif v["name"] and fold(v["name"]) != person.search_text:
                result.add("name", f"Số CCCD {nid} là của {person.full_name}, khác họ tên “{v['name']}” ghi trong tệp.")
            else:
                v["person"] = person

    def _check_repeats(self, pending) -> None:
        seen: dict[tuple, int] = {}
        for result, v in pending:
            subject = self.subject_key(v)
            if subject is None or v.get("award_type") is None:
                continue
            key = (subject, v["award_type"].pk)
            if key in seen:
                result.add("name", f"Trùng với dòng {seen[key]} của tệp (cùng đối tượng và danh hiệu, hình thức).")
            else:
                seen[key] = result.row


# The field a service names in its error -> the column of the file.
FIELD_COLUMNS = {**AWARD_FIELD_COLUMNS, "achievement": "achievement", "claims": "ground"}


@dataclass
class Preview:
    """What a file would add: one line per data row with its errors, and the rows to add when all are good."""
    name: str
    lines: list[dict]
    errors: list[dict]
    rows: list[NomineeRow]

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.errors


def _read(actor, dossier: Dossier, data: bytes, name: str, default_achievement: str):
    """Open and check every row of the list; raise ImportFileError when the file as a whole cannot be read."""
    require_editable(actor, dossier)
    parsing.check_name_and_size(name, len(data))
    if len(data) > MAX_FILE_BYTES:
        raise ImportFileError(f"Danh sách đối tượng của một hồ sơ không quá {MAX_FILE_BYTES // 1024 // 1024} MB; "
                              "hãy chia thành nhiều tệp nhỏ hơn.")
    sheet = parsing.open_sheet(data, KIND)
    if sheet.total_rows > MAX_ROWS:
        raise ImportFileError(f"Tệp có {sheet.total_rows} dòng; một hồ sơ nhập tối đa {MAX_ROWS} dòng một lần.")
    validator = NomineeValidator(sheet, actor, dossier, default_achievement)
    validator.check_chunk(sheet.rows())
    good = [NomineeRow(v["award_type"], v["subject_kind"], v["achievement"], person=v.get("person"),
                       recipient_unit=v.get("recipient_unit"), household=v.get("household"), row=result.row,
                       claims=v.get("claims"))
            for result, v in validator.parsed if not result.errors]
    return sheet, validator, good


def _preview(name: str, sheet, validator: NomineeValidator, good: list[NomineeRow], refusals) -> Preview:
    results = {result.row: result for result, _ in validator.parsed}
    for row, fld, message in refusals:
        results[row.row].add(FIELD_COLUMNS.get(fld, ""), message)
    lines, errors = [], []
    for result, v in validator.parsed:
        row_errors = [validator.error_dict(result.row, f, m) for f, m in validator.sorted_errors(result)]
        errors.extend(row_errors)
        subject = v.get("person") or v.get("recipient_unit") or v.get("household")
        award = v.get("award_type")
        lines.append({"row": result.row, "name": str(subject) if subject else v["name"],
                      "unit": v["unit"].name if v.get("unit") else "",
                      "subject": SubjectKind(v["subject_kind"]).label if v["subject_kind"] else "",
                      "award": award.name if award else "", "achievement": v["achievement"], "errors": row_errors,
                      "grounds": [grounds.ground_label(c) for c in v.get("claims") or {}]})
    if not lines:
        errors.append({"row": sheet.header_row, "column": "",
                       "message": "Tệp không có dòng dữ liệu nào dưới dòng tiêu đề."})
    return Preview(name, lines, errors, [] if errors else good)


def preview_file(actor, dossier: Dossier, data: bytes, name: str, default_achievement: str = "") -> Preview:
    """Every row with what it would add and its errors; the good rows are tried by a rolled-back run
    of `add_nominees`, so the service's own refusals (authority, duplicates, scope) show too."""
    sheet, validator, good = _read(actor, dossier, data, name, default_achievement)
    return _preview(name, sheet, validator, good, refusals_of(actor, dossier, good) if good else [])


def import_file(actor, dossier: Dossier, data: bytes, name: str,
                default_achievement: str = "") -> tuple[Preview, list[Nominee]]:
    """Check the file again (the register may have changed since the preview) and add every row or none:
    returns the preview (with the errors when nothing was added) and the nominees added."""
    sheet, validator, good = _read(actor, dossier, data, name, default_achievement)
    refusals, added = [], []
    if good and len(good) == len(validator.parsed):
        try:
            added = add_nominees(actor, dossier, good, source=f"từ tệp Excel “{name}”")
        except RowsRefused as exc:
            refusals = exc.refusals
    elif good:
        refusals = refusals_of(actor, dossier, good)
    return _preview(name, sheet, validator, good, refusals), added
