"""Excel workbooks of the emulation pages: a block's ranking with every final number's provenance,
the year's registrations (per unit, per person, the roll-up and registered against achieved), and a
covenant's indicators with each party's mid-year and year-end values and the fulfilment.

Each function builds an openpyxl write-only workbook from a fixed number of queries (no query per
row) and returns it; the view sends it with `tdkt.core.excel.download`."""
from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone
from openpyxl import Workbook

from tdkt.core.excel import append_row, header_row

from .choices import ResultPeriod
from .models import Block, Covenant, FinalScore, InspectionTeam, Registration, RegistrationItem, Result
from .services import covenants, registrations


def local_text(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def _number(value):
    return float(value) if value is not None else None


def _who(user) -> str:
    return (user.get_full_name() or user.username) if user else ""


def ranking_workbook(block: Block) -> Workbook:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Xếp hạng")
    header_row(ws, ["Hạng", "Đơn vị", "Điểm tiêu chí", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại",
                    "Căn cứ khi bằng điểm", "Ghi chú"])
    for r in Result.objects.filter(block=block).select_related("unit").order_by("rank", "unit__sort_key"):
        append_row(ws, [r.rank or "Không xét", r.unit.name, _number(r.regular_points), _number(r.bonus_points),
                   _number(r.deduction_points), _number(r.total), r.classification, r.tie_note, r.note])
    sheet = wb.create_sheet("Điểm từng tiêu chí")
    header_row(sheet, ["Đơn vị", "Nhóm", "Tiêu chí", "Loại", "Điểm tối đa", "Điểm", "Lấy từ bước", "Đơn vị chấm",
                       "Người chấm", "Thời điểm", "Nhận xét, lý do", "Căn cứ"])
    finals = (FinalScore.objects.filter(result__block=block)
              .select_related("result__unit", "criterion__group", "source__actor", "source__scorer_unit")
              .order_by("result__rank", "result__unit__sort_key", "criterion__order"))
    team = InspectionTeam.objects.filter(block=block).first()
    for f in finals:
        s = f.source
        scorer = ""
        if s:
            scorer = s.scorer_unit.name if s.scorer_unit else team.name if team and s.stage == "inspection" else "Ban TĐKT"
        append_row(sheet, [f.result.unit.name, f.criterion.group.code, f"{f.criterion.code}. {f.criterion.name}",
                      f.criterion.get_kind_display(), _number(f.criterion.max_points), _number(f.points),
                      f.get_stage_display() if f.stage else "", scorer, _who(s.actor) if s else "",
                      local_text(s.at) if s else "", s.comment if s else "", f.note])
    return wb


def registrations_workbook(year: int, unit_ids=None) -> Workbook:
    """The year's registrations of the units in `unit_ids` (None: the province)."""
    regs = Registration.objects.filter(year=year).select_related("unit", "submitted_by").order_by("unit__sort_key")
    items = (RegistrationItem.objects.filter(registration__year=year)
             .select_related("registration__unit", "person__unit", "award_type")
             .order_by("registration__unit__sort_key", "person__sort_key", "award_type__rank"))
    if unit_ids is not None:
        regs = regs.filter(unit_id__in=list(unit_ids))
        items = items.filter(registration__unit_id__in=list(unit_ids))
    regs = regs.prefetch_related(Prefetch("items", queryset=RegistrationItem.objects.filter(person__isnull=True)
                                          .select_related("award_type"), to_attr="unit_items"))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Đơn vị đăng ký")
    header_row(ws, ["STT", "Đơn vị", "Trạng thái", "Thời điểm gửi", "Người gửi", "Danh hiệu tập thể đăng ký",
                    "Nội dung cam kết"])
    for n, r in enumerate(regs, start=1):
        append_row(ws, [n, r.unit.name, r.get_status_display(), local_text(r.submitted_at), _who(r.submitted_by),
                   "; ".join(i.award_type.name for i in r.unit_items), r.commitments])
    people = wb.create_sheet("Cá nhân đăng ký")
    header_row(people, ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác", "Đơn vị đăng ký", "Danh hiệu đăng ký"])
    n = 0
    for item in items.filter(person__isnull=False):
        n += 1
        append_row(people, [n, item.person.full_name, item.person.position, item.person.unit.name,
                       item.registration.unit.name, item.award_type.name])
    summary = wb.create_sheet("Tổng hợp")
    header_row(summary, ["Danh hiệu", "Số tập thể", "Số cá nhân", "Số đơn vị có đăng ký"])
    for row in registrations.rollup(year, unit_ids):
        append_row(summary, [row["award"].name, row["collectives"], row["individuals"], row["units"]])
    achieved = wb.create_sheet("Đăng ký và đạt được")
    header_row(achieved, ["Danh hiệu", "Số đăng ký", "Số đạt", "Tỷ lệ đạt (%)"])
    for row in registrations.registered_vs_achieved(year, unit_ids):
        append_row(achieved, [row["award"].name, row["registered"], row["achieved"], row["percent"]])
    return wb


def covenant_workbook(covenant: Covenant) -> Workbook:
    """One sheet per review period (indicators × parties with value and verdict), and the summary."""
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Tổng hợp")
    header_row(summary, ["Kỳ đánh giá", "Bên thực hiện", "Số chỉ tiêu", "Đã báo cáo", "Đạt và vượt", "Vượt",
                         "Tỷ lệ đạt (%)", "Kết quả"])
    for period in ResultPeriod:
        result = covenants.fulfilment(covenant, period)
        ws = wb.create_sheet(period.label[:31])
        parties = result["parties"]
        header_row(ws, ["STT", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu đăng ký", "Cách đánh giá"]
                   + [h for party, _ in parties for h in (party.unit.name, "Đánh giá")] + ["Số bên đạt và vượt"])
        cells = {(ind.pk, party.pk): (res, status) for party, tally in parties for ind, res, status in tally.rows}
        for indicator, tally in result["indicators"]:
            row = [indicator.order, indicator.name, indicator.unit_of_measure, _number(indicator.target),
                   indicator.get_direction_display()]
            for party, _ in parties:
                res, status = cells[(indicator.pk, party.pk)]
                row += [_number(res.actual) if res else None, status.label]
            ws.append(row + [f"{tally.met}/{tally.total}"])
        for party, tally in parties:
            append_row(summary, [period.label, party.unit.name, tally.total, tally.reported, tally.met, tally.exceeded,
                            tally.percent, tally.label])
        total = result["total"]
        append_row(summary, [period.label, "Toàn giao ước", total.total, total.reported, total.met, total.exceeded,
                        total.percent, total.label])
    signing = wb.create_sheet("Ký kết")
    header_row(signing, ["Đơn vị", "Thực hiện chỉ tiêu", "Người ký", "Thời điểm ký"])
    for party in covenant.parties.select_related("unit"):
        append_row(signing, [party.unit.name, "Có" if party.commits else "Không", party.signatory,
                        local_text(party.signed_at)])
    return wb



def registration_template(unit, year: int):
    """The unit's people (the unit and the units below it) as an Excel registration form: one row a
    person with name, date of birth, position and workplace, one column per title, “x” where the person
    is registered already. Read back by `registrations.import_registration`."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from tdkt.core.excel import put
    from tdkt.core.scope import unit_subtree_ids
    from tdkt.org.models import Person

    titles = registrations.individual_titles()
    people = (Person.objects.filter(unit_id__in=unit_subtree_ids(unit)).select_related("unit")
              .order_by("sort_key", "id"))
    chosen: dict[int, set[int]] = {}
    for person_id, award_id in RegistrationItem.objects.filter(
            registration__unit=unit, registration__year=year, person__isnull=False).values_list("person_id",
                                                                                                 "award_type_id"):
        chosen.setdefault(person_id, set()).add(award_id)
    wb = Workbook()
    ws = wb.active
    ws.title = registrations.TEMPLATE_SHEET
    headers = registrations.TEMPLATE_COLUMNS + [a.name for a in titles]
    for j, title in enumerate(headers, start=1):
        cell = put(ws, 1, j, title)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    first_title = len(registrations.TEMPLATE_COLUMNS) + 1
    n = 0
    for n, person in enumerate(people, start=1):
        row = n + 1
        values = [n, person.pk, person.full_name, person.birth_date.strftime("%d/%m/%Y") if person.birth_date else "",
                  person.position, person.unit.name]
        for j, value in enumerate(values, start=1):
            put(ws, row, j, value)
        for j, award in enumerate(titles, start=first_title):
            if award.pk in chosen.get(person.pk, ()):
                put(ws, row, j, registrations.TICK)
    for j, width in enumerate([6, 11, 28, 12, 24, 30] + [16] * len(titles), start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    ws.freeze_panes = ws.cell(row=2, column=first_title)
    if titles and n:
        tick = DataValidation(type="list", formula1=f'"{registrations.TICK}"', allow_blank=True)
        tick.error, tick.prompt, tick.showInputMessage = "Ghi “x” để đăng ký hoặc để trống.", "x: đăng ký", True
        ws.add_data_validation(tick)
        tick.add(f"{get_column_letter(first_title)}2:{get_column_letter(first_title + len(titles) - 1)}{n + 1}")
    guide = wb.create_sheet("Hướng dẫn")
    lines = [f"Đăng ký thi đua năm {year}: {unit.name}",
             "Mỗi dòng một người của đơn vị (cả các đơn vị trực thuộc). Ghi “x” vào cột danh hiệu người đó đăng ký; "
             "để trống nếu không đăng ký.",
             "Không sửa cột “Mã cá nhân” và “Họ và tên”: hệ thống nhận người theo mã và đối chiếu họ tên.",
             "Có thể xóa dòng của người không đăng ký gì; người không có trong tệp giữ nguyên đăng ký đã lưu.",
             "Khi tải lên, mọi dòng được kiểm tra trước; có một dòng sai thì không lưu gì, thông báo ghi rõ dòng và cột.",
             "Danh hiệu tập thể và nội dung cam kết nhập trên trang đăng ký."]
    for i, line in enumerate(lines, start=1):
        put(guide, i, 1, line).font = Font(bold=i == 1)
    guide.column_dimensions["A"].width = 110
    return wb
